'use strict';
// Preloaded into Azurite with `node --require` when Alpr.LocalServers is asked for scale fixes (the purge
// benchmark). It removes stand-in artefacts of Azurite's LokiJS 1.5.12 metadata store and changes no answer.
//
// 1. Collection.removeBatchByPositions (every findAndRemove, i.e. every blob delete) rebuilds ALL binary indices
//    of the collection from scratch when it has any: a sort of every stored blob, four times, per delete
//    (measured: 1000 deletes take 1.9 s among 2k blobs, 17.5 s among 10k, 157 s among 40k). A one-document
//    batch is routed through LokiJS's own single-document remove, which updates the indices in place.
// 2. A query {accountName, containerName, name, snapshot} uses the binary index of its first key only, and
//    accountName is the same for every blob: each lookup scans the whole account. When such a pure-equality
//    query also names `name` (blobs) or `blobName` (blocks), that key is applied first, through its index.
//    The matches are then put back in stored order, which is the order the unshimmed scan returns.
// 3. The blob and block collections keep only the indices that select (name, blobName): the others hold one
//    or two distinct values, never narrow a lookup, and each costs a pass over the whole index per delete.
const path = require('path');

// Resolved from Azurite's own folder (the preloaded script is argv[1]), so this is the LokiJS Azurite loads.
const Loki = require(require.resolve('lokijs', { paths: [path.dirname(process.argv[1] || '.'), process.cwd()] }));

const SELECTIVE = ['name', 'blobName'];
const COLLECTIONS = new Set(['$BLOBS_COLLECTION$', '$BLOCKS_COLLECTION$']);

const addCollection = Loki.prototype.addCollection;
Loki.prototype.addCollection = function (name, options) {
  if (COLLECTIONS.has(name) && options && Array.isArray(options.indices)) {
    options = { ...options, indices: options.indices.filter((i) => SELECTIVE.includes(i)) };
  }
  return addCollection.call(this, name, options);
};

const removeBatchByPositions = Loki.Collection.prototype.removeBatchByPositions;
Loki.Collection.prototype.removeBatchByPositions = function (positions) {
  if (positions.length === 1) {
    this.remove(this.data[positions[0]]);
    return;
  }
  return removeBatchByPositions.call(this, positions);
};

const isPrimitive = (v) => v === null || (typeof v !== 'object' && typeof v !== 'function');

const find = Loki.Resultset.prototype.find;
Loki.Resultset.prototype.find = function (query, firstOnly) {
  if (query && typeof query === 'object' && !Array.isArray(query) && !this.filterInitialized) {
    const keys = Object.keys(query);
    const lead = SELECTIVE.find((k) => keys.includes(k) && typeof query[k] === 'string' && this.collection.binaryIndices[k]);
    if (lead && keys.length > 1 && keys[0] !== lead && keys.every((k) => !k.startsWith('$') && isPrimitive(query[k]))) {
      const reordered = { [lead]: query[lead] };
      for (const k of keys) if (k !== lead) reordered[k] = query[k];
      const result = find.call(this, reordered, false);
      result.filteredrows.sort((a, b) => a - b);
      if (firstOnly) result.filteredrows = result.filteredrows.slice(0, 1);
      return result;
    }
  }
  return find.call(this, query, firstOnly);
};
