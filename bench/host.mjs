// The release build served as a static host would serve it: gzip for text and WebAssembly, long
// caching for the hashed files. The end-to-end tests' server sends everything uncompressed,
// which is right for them and wrong for anything that measures a download.
import http from 'node:http';
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import * as h from '../tests/e2e/harness.mjs';

/** Serves `h.DIST`, and `routes` (path → { type, body }) beside it. Resolves to { url, close }. */
export async function serveGzipped(routes = {}) {
  const server = http.createServer((req, res) => {
    const url = new URL(req.url, 'http://x');
    const route = routes[url.pathname];
    if (route) {
      // Media as a podcast host serves it: cacheable, and in ranges when asked.
      const headers = { 'Content-Type': route.type, 'Cache-Control': 'public, max-age=86400', 'Accept-Ranges': 'bytes' };
      const range = h.parseRange(req.headers.range, route.body.length);
      if (range === 'unsatisfiable') {
        res.writeHead(416, { ...headers, 'Content-Range': `bytes */${route.body.length}` });
        res.end();
        return;
      }
      const { start, end } = range || { start: 0, end: route.body.length - 1 };
      if (range) headers['Content-Range'] = `bytes ${start}-${end}/${route.body.length}`;
      res.writeHead(range ? 206 : 200, { ...headers, 'Content-Length': end - start + 1 });
      res.end(req.method === 'HEAD' ? undefined : route.body.subarray(start, end + 1));
      return;
    }
    let file = path.join(h.DIST, decodeURIComponent(url.pathname));
    if (fs.existsSync(file) && fs.statSync(file).isDirectory()) file = path.join(file, 'index.html');
    if (!file.startsWith(h.DIST) || !fs.existsSync(file)) {
      res.writeHead(404, { 'Content-Type': 'text/plain' });
      res.end('not found');
      return;
    }
    const body = fs.readFileSync(file);
    const type = h.contentType(file);
    // Named by their content: the file, or the folder it is in (the app's, the embed's).
    const hashed = /-[0-9a-f]{16}(_bg)?\.(js|wasm|css)$|\/interlinear-(web|embed)-[0-9a-f]{16}\//.test(file);
    const headers = { 'Content-Type': type, 'Cache-Control': hashed ? 'public, max-age=31536000, immutable' : 'no-cache' };
    if (/text|javascript|json|wasm|svg|markdown/.test(type) && /gzip/.test(req.headers['accept-encoding'] || '')) {
      const zipped = zlib.gzipSync(body, { level: 9 });
      res.writeHead(200, { ...headers, 'Content-Encoding': 'gzip', 'Content-Length': zipped.length, Vary: 'Accept-Encoding' });
      res.end(zipped);
    } else {
      res.writeHead(200, { ...headers, 'Content-Length': body.length });
      res.end(body);
    }
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${server.address().port}`, close: () => server.close() };
}
