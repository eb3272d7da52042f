// `make demo`: serves www/ at / and pkg/ at /pkg/ on 127.0.0.1:PORT.
import { join, dirname } from "node:path";
import { fileURLToPath } from "node:url";
import { startServer } from "./static-server.mjs";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const flag = process.argv.indexOf("--port");
const port = Number(flag > 0 ? process.argv[flag + 1] : process.env.PORT || 8080);
const server = await startServer({
  port,
  routes: [
    { prefix: "/pkg/", dir: join(root, "pkg") },
    { prefix: "/", dir: join(root, "www") },
  ],
});
console.log(`faq-widget demo: ${server.url}/ (a Spanish host page: ${server.url}/es.html); Ctrl-C stops it`);
