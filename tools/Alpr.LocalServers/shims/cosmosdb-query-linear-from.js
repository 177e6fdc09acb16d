'use strict';
// Preloaded into @vercel/cosmosdb-server with `node --require` when Alpr.LocalServers is asked for scale fixes
// (the purge benchmark). It removes one stand-in artefact and changes no answer.
//
// @zeit/cosmosdb-query 0.7.2 compiles every FROM and JOIN into
//     collection.reduce(($, c) => [...$, { c }], [])
// which copies the accumulator once per document: every query is O(N^2) in the documents of the container,
// whatever its WHERE or partition key (measured: 10k documents 0.4 s, 20k 39 s, 40k 183 s per query).
// This rewrites exactly that node shape, `[...$, a, ...b]` with `$` the reduce accumulator, into an in-place
// append. Every such reduce starts from its own fresh `[]` literal (transformer.js), so appending to it yields
// the same array in the same order. helpers.stripUndefined, applied to every page of results, has the same
// pattern (O(rows^2): 40k rows take 80 s); its array branch is replaced by the same loop.
const path = require('path');

// Resolved from the server's own folder (the preloaded script is argv[1]), as the server itself resolves them.
const resolve = (m) => require.resolve(m, { paths: [path.dirname(process.argv[1] || '.'), process.cwd()] });
const transformer = require(resolve('@zeit/cosmosdb-query/lib/transformer'));
const helpers = require(resolve('@zeit/cosmosdb-query/lib/helpers'));
const query = require(resolve('@zeit/cosmosdb-query')).default;

helpers.alprAppend = (acc, items) => {
  for (let i = 0; i < items.length; i += 1) acc.push(items[i]);
  return acc;
};

// Same result as the original: elements that are undefined (or holes, which forEach skips like reduce) are
// dropped, the others stripped recursively; objects and scalars go to the original.
const stripUndefined = helpers.stripUndefined;
helpers.stripUndefined = (obj) => {
  if (!Array.isArray(obj)) return stripUndefined(obj);
  const out = [];
  obj.forEach((v) => { if (typeof v !== 'undefined') out.push(helpers.stripUndefined(v)); });
  return out;
};

const isAccumulatorSpread = (node) =>
  node && node.type === 'ArrayExpression' && node.elements.length > 0 && node.elements[0] &&
  node.elements[0].type === 'SpreadElement' && node.elements[0].argument.type === 'Identifier' &&
  node.elements[0].argument.name === '$';

function rewrite(node) {
  if (!node || typeof node !== 'object') return;
  if (Array.isArray(node)) { node.forEach(rewrite); return; }
  if (isAccumulatorSpread(node)) {
    const rest = node.elements.slice(1);
    delete node.elements;
    node.type = 'CallExpression';
    node.callee = { type: 'MemberExpression', object: { type: 'Identifier', name: '$h' }, property: { type: 'Identifier', name: 'alprAppend' } };
    node.arguments = [{ type: 'Identifier', name: '$' }, { type: 'ArrayExpression', elements: rest }];
  }
  for (const key of Object.keys(node)) rewrite(node[key]);
}

const original = transformer.default;
transformer.default = (sqlAst) => {
  const js = original(sqlAst);
  rewrite(js);
  return js;
};

// Fail loudly (the server does not start) if the library no longer has the shape this shim expects.
const probe = query('SELECT c.id FROM c JOIN t IN c.tags WHERE c.a = 1').code;
if (probe.includes('[...$') || !probe.includes('alprAppend')) {
  throw new Error('cosmosdb-query-linear-from: unexpected generated code; the shim does not apply to this version');
}
