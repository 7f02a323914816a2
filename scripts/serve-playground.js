#!/usr/bin/env node
// Serves playground/dist (built by scripts/build-playground.js) on 127.0.0.1 only.
// Port: $PORT, else 5178 (PORT=0 picks a free one). Prints the URL once listening.
// `require`d, it exports createStaticServer(root, { headers }) for tests.
'use strict';
const http = require('node:http');
const fs = require('node:fs');
const path = require('node:path');

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.ttf': 'font/ttf',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.map': 'application/json; charset=utf-8',
};

/** A static file server for one folder: GET/HEAD only, no directory listings, nothing outside the folder. */
function createStaticServer(root, options = {}) {
  const base = path.resolve(root);
  return http.createServer((request, response) => {
    const send = (status, body, type = 'text/plain; charset=utf-8') => {
      response.writeHead(status, { 'Content-Type': type, 'Cache-Control': 'no-cache', 'X-Content-Type-Options': 'nosniff', ...options.headers });
      response.end(request.method === 'HEAD' ? undefined : body);
    };
    if (request.method !== 'GET' && request.method !== 'HEAD') return send(405, 'method not allowed');
    let pathname;
    try {
      pathname = decodeURIComponent(new URL(request.url, 'http://127.0.0.1').pathname);
    } catch {
      return send(400, 'bad request');
    }
    if (pathname.endsWith('/')) pathname += 'index.html';
    const file = path.resolve(base, `.${pathname}`);
    if (file !== base && !file.startsWith(base + path.sep)) return send(403, 'forbidden');
    fs.readFile(file, (error, data) => {
      if (error) return send(404, 'not found');
      send(200, data, TYPES[path.extname(file)] ?? 'application/octet-stream');
    });
  });
}

function main() {
  const root = path.resolve(__dirname, '..', 'playground', 'dist');
  if (!fs.existsSync(path.join(root, 'index.html'))) {
    console.error('playground/dist is missing: run npm run build:playground first');
    process.exit(2);
  }
  const port = process.env.PORT === undefined || process.env.PORT === '' ? 5178 : Number(process.env.PORT);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    console.error(`PORT must be a port number, not "${process.env.PORT}"`);
    process.exit(2);
  }
  const server = createStaticServer(root);
  server.on('error', (error) => {
    console.error(`cannot serve on 127.0.0.1:${port}: ${error.message}`);
    process.exit(1);
  });
  server.listen(port, '127.0.0.1', () => {
    console.log(`IoT Policy Lens playground: http://127.0.0.1:${server.address().port}/`);
  });
  const stop = () => server.close(() => process.exit(0));
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

module.exports = { createStaticServer };
if (require.main === module) main();
