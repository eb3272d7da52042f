// A small static file server on 127.0.0.1 for the demo and the end-to-end
// tests: URL prefixes map to folders, with optional CORS (pkg/ served to
// another origin), per-path extra headers (a CSP page) and optional gzip (the
// benchmark, so transfer sizes are those of a real host or CDN).
import { createServer } from "node:http";
import { gzipSync } from "node:zlib";
import { readFile, stat } from "node:fs/promises";
import { join, normalize, extname, sep } from "node:path";

const TYPES = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".mjs": "text/javascript; charset=utf-8",
  ".json": "application/json; charset=utf-8",
  ".wasm": "application/wasm",
  ".css": "text/css; charset=utf-8",
  ".png": "image/png",
  ".svg": "image/svg+xml",
  ".md": "text/markdown; charset=utf-8",
  ".woff2": "font/woff2",
  ".woff": "font/woff",
};

/**
 * @param {object} o
 * @param {{prefix: string, dir: string}[]} o.routes longest prefix first is not required
 * @param {number} [o.port] 0 picks a free port
 * @param {boolean} [o.cors] send Access-Control-Allow-Origin: *
 * @param {(path: string) => Record<string,string>} [o.headers] extra headers per path
 * @param {boolean} [o.gzip] gzip text and wasm when the browser accepts it
 * @param {(req, res) => boolean} [o.handle] answers a request itself when it returns true
 * @returns {Promise<{url: string, port: number, close: () => Promise<void>}>}
 */
export async function startServer({ routes, port = 0, cors = false, gzip = false, headers = () => ({}), handle }) {
  const sorted = [...routes].sort((a, b) => b.prefix.length - a.prefix.length);
  // Compressed once per file: compressing on every request would put the
  // server's CPU time into what a benchmark measures.
  const gzipped = new Map();
  const server = createServer(async (req, res) => {
    try {
      if (handle && (await handle(req, res))) return;
      const path = decodeURIComponent(new URL(req.url, "http://x").pathname);
      const route = sorted.find((r) => path.startsWith(r.prefix));
      if (!route) return send(res, 404, "not found");
      let file = normalize(join(route.dir, path.slice(route.prefix.length)));
      if (!file.startsWith(normalize(route.dir + sep)) && file !== normalize(route.dir)) return send(res, 403, "forbidden");
      let info = await stat(file).catch(() => null);
      if (info && info.isDirectory()) {
        file = join(file, "index.html");
        info = await stat(file).catch(() => null);
      }
      if (!info) return send(res, 404, "not found");
      let body = await readFile(file);
      const type = TYPES[extname(file)] || "application/octet-stream";
      const compress = gzip && /gzip/.test(req.headers["accept-encoding"] || "") && /^text\/|json|wasm|svg/.test(type);
      if (compress) {
        const key = `${file} ${info.mtimeMs}`;
        if (!gzipped.has(key)) gzipped.set(key, gzipSync(body));
        body = gzipped.get(key);
      }
      res.writeHead(200, {
        "Content-Type": type,
        "Cache-Control": "no-store",
        ...(compress ? { "Content-Encoding": "gzip", Vary: "Accept-Encoding" } : {}),
        ...(cors ? { "Access-Control-Allow-Origin": "*" } : {}),
        ...headers(path),
      });
      res.end(req.method === "HEAD" ? undefined : body);
    } catch (error) {
      send(res, 500, String(error));
    }
  });
  await new Promise((resolve) => server.listen(port, "127.0.0.1", resolve));
  const actual = server.address().port;
  return {
    port: actual,
    url: `http://127.0.0.1:${actual}`,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections?.();
        server.close(() => resolve());
      }),
  };
}

function send(res, status, text) {
  res.writeHead(status, { "Content-Type": "text/plain; charset=utf-8" });
  res.end(text);
}
