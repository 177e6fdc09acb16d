'use strict';
// Starts @vercel/cosmosdb-server for benchmarks: `node cosmosdb-server-scale.js HOST PORT`.
// Its cli.js builds the server without options, and then every response carries "connection: close": each
// request pays a new TCP connection and TLS handshake. The library's own option { keepAlive: true } keeps
// connections open, as Azure's gateway does. The query library is loaded with the O(N^2) FROM removed.
const path = require('path');
require('./cosmosdb-query-linear-from.js');

const [host, port] = process.argv.slice(2);
const resolve = (m) => require.resolve(m, { paths: [__dirname, process.cwd()] });
const { createHttpsServer } = require(resolve('@vercel/cosmosdb-server'));
const server = createHttpsServer({ keepAlive: true }).listen(Number(port), host, () => {
  console.log(`Ready to accept HTTPS connections at ${host}:${port} (keep-alive; ${path.basename(__filename)})`);
});
