// A minimal static server for dist/ on 127.0.0.1: imported by the browser tests (on a free
// port), and run by scripts/serve.sh (node scripts/serve-dist.mjs [PORT]).
import http from 'node:http';
import { readFile } from 'node:fs/promises';
import { extname, join, normalize, resolve } from 'node:path';

// GLABELLA_DIST serves another build folder (a second build beside dist/).
const DIST = process.env.GLABELLA_DIST
  ? `${resolve(process.env.GLABELLA_DIST)}/`
  : new URL('../dist/', import.meta.url).pathname;
/** The content type of each kind of file dist/ holds (also used by scripts/bench.mjs). */
export const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript',
  '.wasm': 'application/wasm',
  '.css': 'text/css',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.toml': 'text/plain; charset=utf-8',
};

export function serveDist(port = 0) {
  const server = http.createServer(async (request, response) => {
    const path = normalize(decodeURIComponent(new URL(request.url, 'http://x').pathname));
    const file = join(DIST, path.endsWith('/') ? `${path}index.html` : path);
    if (!file.startsWith(DIST)) {
      response.writeHead(403).end();
      return;
    }
    try {
      const body = await readFile(file);
      response.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream' });
      response.end(body);
    } catch {
      response.writeHead(404).end('not found');
    }
  });
  return new Promise((resolve) => {
    server.listen(port, '127.0.0.1', () => {
      resolve({ server, url: `http://127.0.0.1:${server.address().port}/` });
    });
  });
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const { url } = await serveDist(Number(process.argv[2] ?? 8080));
  console.log(`Glabella is served at ${url} (Ctrl+C stops it)`);
}
