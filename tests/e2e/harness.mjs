// Shared end-to-end harness: two servers (host pages + content on one
// 127.0.0.1 port, pkg/ with CORS on another, so the widget always loads
// cross-origin as from a CDN), page templates, the browser, and per-test
// sessions that collect console errors and page errors.
import { readFile, mkdir } from "node:fs/promises";
import { readFileSync } from "node:fs";
import { join, dirname } from "node:path";
import { fileURLToPath } from "node:url";
import assert from "node:assert/strict";
import { before, after } from "node:test";
import { startServer } from "../../tools/static-server.mjs";
import { launchChromium } from "../../tools/chromium.mjs";

export const ROOT = join(dirname(fileURLToPath(import.meta.url)), "..", "..");
export const PAGES = join(ROOT, "tests", "e2e", "pages");
export const AXE_PATH = join(ROOT, "node_modules", "axe-core", "axe.min.js");
/** The built drop-in files; FAQ_WIDGET_PKG=/other/dir tests another build. */
export const PKG_DIR = process.env.FAQ_WIDGET_PKG || join(ROOT, "pkg");

/** The seed content's ids and texts, read from the file the pages load. */
export const SEED = JSON.parse(readFileSync(join(ROOT, "www", "content", "second-opinion.json"), "utf8"));
export const SEED_URL = "/www/content/second-opinion.json";
export const IDS = SEED.items.map((item) => item.id); // ["send-records-or-be-seen", "second-opinion-pathologist"]

export const launchBrowser = launchChromium;

/**
 * One browser and one pair of servers for a whole test file: started before
 * its first test, closed after its last; `use(browser, servers)` receives them.
 */
export function shareBrowserAndServers(use) {
  let browser;
  let servers;
  before(async () => {
    [browser, servers] = await Promise.all([launchBrowser(), startServers()]);
    use(browser, servers);
  });
  after(async () => {
    await browser?.close();
    await servers?.close();
  });
}

const TEMPLATE = readFileSync(join(PAGES, "template.html"), "utf8");

function escapeAttr(value) {
  return String(value).replace(/&/g, "&amp;").replace(/"/g, "&quot;").replace(/</g, "&lt;");
}

/** The tag that loads the widget: "defer" (default), "async", "module", "classic" or "none". */
export function scriptTag(kind = "defer") {
  switch (kind) {
    case "defer":
      return `<script src="{{PKG}}/faq-widget.js" defer></script>`;
    case "async":
      return `<script src="{{PKG}}/faq-widget.js" async></script>`;
    case "module":
      return `<script type="module" src="{{PKG}}/faq-widget.js"></script>`;
    case "classic":
      return `<script src="{{PKG}}/faq-widget.js"></script>`;
    case "none":
      return "";
    default:
      return kind; // raw markup
  }
}

/**
 * Starts both servers. `handlers` maps an exact pathname on the host server
 * to `(req, res) => void` for responses a test controls (delays, failures).
 */
export async function startServers() {
  const handlers = new Map();
  const pages = new Map(); // generated pages: pathname -> { html, headers }
  let pkgOrigin = "";
  let counter = 0;

  const substitute = (html) => html.replaceAll("{{PKG}}", pkgOrigin);

  const pkg = await startServer({
    routes: [{ prefix: "/", dir: PKG_DIR }],
    cors: true,
    // /nowasm/: the drop-in script whose WebAssembly is missing.
    // /octet/: the drop-in files with the .wasm served as application/octet-stream,
    // as a static host that does not know the type does.
    // /badwasm/: the drop-in script beside a .wasm that is not WebAssembly (application/wasm).
    handle: async (req, res) => {
      const path = new URL(req.url, "http://x").pathname;
      if (path === "/octet/faq_widget_bg.wasm" || path === "/badwasm/faq_widget_bg.wasm") {
        const octet = path.startsWith("/octet/");
        res.writeHead(200, {
          "Content-Type": octet ? "application/octet-stream" : "application/wasm",
          "Cache-Control": "no-store",
          "Access-Control-Allow-Origin": "*",
        });
        res.end(octet ? await readFile(join(PKG_DIR, "faq_widget_bg.wasm")) : "not WebAssembly");
        return true;
      }
      if (path === "/nowasm/faq-widget.js" || path === "/octet/faq-widget.js" || path === "/badwasm/faq-widget.js") {
        const body = await readFile(join(PKG_DIR, "faq-widget.js"));
        res.writeHead(200, {
          "Content-Type": "text/javascript; charset=utf-8",
          "Cache-Control": "no-store",
          "Access-Control-Allow-Origin": "*",
        });
        res.end(body);
        return true;
      }
      if (path.startsWith("/nowasm/")) {
        res.writeHead(404, { "Content-Type": "text/plain", "Access-Control-Allow-Origin": "*" });
        res.end("not found");
        return true;
      }
      return false;
    },
  });
  pkgOrigin = pkg.url;

  const host = await startServer({
    routes: [
      { prefix: "/www/", dir: join(ROOT, "www") },
      { prefix: "/", dir: PAGES },
    ],
    handle: async (req, res) => {
      const path = decodeURIComponent(new URL(req.url, "http://x").pathname);
      const handler = handlers.get(path);
      if (handler) {
        await handler(req, res);
        return true;
      }
      const generated = pages.get(path);
      if (generated) {
        res.writeHead(200, { "Content-Type": "text/html; charset=utf-8", "Cache-Control": "no-store", ...generated.headers });
        res.end(substitute(generated.html));
        return true;
      }
      if (path.endsWith(".html")) {
        // Static host pages: {{PKG}} becomes the pkg origin; the demo pages'
        // relative pkg/ script is pointed at the other origin too.
        const file = path.startsWith("/www/") ? join(ROOT, "www", path.slice(5)) : join(PAGES, path);
        let html;
        try {
          html = await readFile(file, "utf8");
        } catch {
          return false;
        }
        html = substitute(html).replaceAll('src="pkg/faq-widget.js"', `src="${pkgOrigin}/faq-widget.js"`);
        res.writeHead(200, { "Content-Type": "text/html; charset=utf-8", "Cache-Control": "no-store" });
        res.end(html);
        return true;
      }
      return false;
    },
  });

  return {
    host: host.url,
    pkg: pkg.url,
    /** Answers `pathname` on the host server with `handler(req, res)`. */
    route(pathname, handler) {
      handlers.set(pathname, handler);
      return host.url + pathname;
    },
    /** Serves `body` as JSON at `pathname` (a string is sent as is). */
    json(pathname, body, status = 200) {
      return this.route(pathname, (req, res) => sendJson(res, body, status));
    },
    /**
     * A host page from tests/e2e/pages/template.html; returns its URL.
     * @param {object} o
     * @param {string} o.body markup inside <body> ({{PKG}} is substituted)
     * @param {string|null} [o.lang] <html lang>; null for none
     * @param {string} [o.head] extra markup in <head>
     * @param {string} [o.script] see scriptTag(); placed after the body markup
     * @param {Record<string,string>} [o.headers] extra response headers
     */
    page({ body, lang = "en", head = "", script = "defer", headers = {}, title = "faq-widget test page" }) {
      const pathname = `/gen/page-${++counter}.html`;
      const html = TEMPLATE.replace("{{HTML_ATTRS}}", lang === null ? "" : ` lang="${escapeAttr(lang)}"`)
        .replace("{{TITLE}}", title)
        .replace("{{HEAD}}", head)
        .replace("{{BODY}}", `${body}\n${scriptTag(script)}`);
      pages.set(pathname, { html, headers });
      return host.url + pathname;
    },
    /** A fresh, unused pathname for a test's own handler. */
    unique(prefix = "/api/content", ext = ".json") {
      return `${prefix}-${++counter}${ext}`;
    },
    async close() {
      await Promise.all([host.close(), pkg.close()]);
    },
  };
}

export function sendJson(res, body, status = 200) {
  res.writeHead(status, { "Content-Type": "application/json; charset=utf-8", "Cache-Control": "no-store" });
  res.end(typeof body === "string" ? body : JSON.stringify(body));
}

/** A handler that answers with each of `steps` in turn (the last one repeats). */
export function sequence(...steps) {
  let calls = 0;
  const handler = async (req, res) => {
    const step = steps[Math.min(calls, steps.length - 1)];
    calls++;
    await step(req, res);
  };
  Object.defineProperty(handler, "calls", { get: () => calls });
  return handler;
}

/** A handler that holds its response until `release()` is called. */
export function held(respond) {
  let release;
  const gate = new Promise((resolve) => (release = resolve));
  let requested;
  const arrived = new Promise((resolve) => (requested = resolve));
  const handler = async (req, res) => {
    requested();
    await gate;
    await respond(req, res);
  };
  return { handler, release: () => release(), arrived };
}

/** Builds content with `items` ([{id, q: {en, es}, a: {en, es}}]). */
export function makeContent({ title = { en: "Test FAQ", es: "Preguntas de prueba" }, languages = ["en", "es"], items }) {
  const names = { en: "English", es: "Español", fr: "Français" };
  return {
    version: 1,
    languages: languages.map((code) => ({ code, name: names[code] || code })),
    ...(title ? { title } : {}),
    items: items.map(({ id, q, a }) => ({ id, question: q, answer: a })),
  };
}

/**
 * A new browser context and page. Collects console errors, `faq-widget:`
 * console errors, and page errors (uncaught exceptions, unhandled
 * rejections), which `run` asserts are none.
 */
export async function openSession(browser, contextOptions = {}) {
  const context = await browser.newContext(contextOptions);
  const page = await context.newPage();
  page.setDefaultTimeout(10_000);
  const consoleErrors = [];
  const pageErrors = [];
  page.on("console", (message) => {
    if (message.type() === "error") consoleErrors.push(message.text());
  });
  page.on("pageerror", (error) => pageErrors.push(String(error && error.stack ? error.stack : error)));
  return {
    context,
    page,
    consoleErrors,
    pageErrors,
    /** console.error messages from the widget (they start with "faq-widget:"). */
    widgetErrors: () => consoleErrors.filter((text) => text.startsWith("faq-widget:")),
  };
}

/**
 * Runs `body(session)` in a new context; afterwards asserts the host page
 * saw no pageerror, and always closes the context.
 */
export async function withPage(browser, contextOptions, body) {
  if (typeof contextOptions === "function") [contextOptions, body] = [{}, contextOptions];
  const session = await openSession(browser, contextOptions);
  try {
    try {
      await body(session);
    } catch (error) {
      if (error && typeof error.message === "string") {
        if (session.pageErrors.length) error.message += `\n(page errors: ${session.pageErrors.join("\n")})`;
        const shot = await screenshotOnFailure(session.page);
        if (shot) error.message += `\n(screenshot: ${shot})`;
      }
      throw error;
    }
    assert.deepEqual(session.pageErrors, [], "the host page must see no uncaught exception or unhandled rejection");
  } finally {
    await session.context.close();
  }
}

let shots = 0;
/** Saves a screenshot of a failing test's page in tests/e2e/.artifacts/ (git-ignored). */
async function screenshotOnFailure(page) {
  try {
    const dir = join(ROOT, "tests", "e2e", ".artifacts");
    await mkdir(dir, { recursive: true });
    const path = join(dir, `failure-${process.pid}-${++shots}.png`);
    await page.screenshot({ path, fullPage: true, timeout: 3000 });
    return path;
  } catch {
    return null;
  }
}

// ---- reading the widget ----------------------------------------------------

export const HOST = "[data-faq-src], [data-faq]";

/** Waits until the widget in `host` (a selector) is ready (or failed, with `{ state: "error" }`). */
export async function waitForWidget(page, host = HOST, { state = "ready", timeout } = {}) {
  await page.waitForFunction(
    ([selector, wanted]) => {
      const root = document.querySelector(selector)?.shadowRoot?.querySelector(".faq");
      if (!root || root.hasAttribute("aria-busy")) return false;
      return wanted === "ready" ? !!root.querySelector(".faq__items") : !!root.querySelector(".faq__error");
    },
    [host, state],
    timeout ? { timeout } : undefined,
  );
}

/** A snapshot of one widget's visible state. */
export async function snapshot(page, host = HOST) {
  return page.evaluate((selector) => {
    const hostEl = document.querySelector(selector);
    const shadow = hostEl.shadowRoot;
    const root = shadow.querySelector(".faq");
    const text = (el) => (el ? el.textContent.trim() : null);
    const toggleAll = shadow.querySelector(".faq__toggle-all");
    return {
      lang: root.getAttribute("lang"),
      busy: root.getAttribute("aria-busy"),
      title: text(shadow.querySelector(".faq__title")),
      titleTag: shadow.querySelector(".faq__title")?.tagName.toLowerCase() ?? null,
      languageLabel: text(shadow.querySelector("#languages-label")),
      languages: [...shadow.querySelectorAll(".faq__language")].map((b) => ({
        lang: b.dataset.lang,
        text: text(b),
        pressed: b.getAttribute("aria-pressed"),
      })),
      toggleAll: toggleAll ? { text: text(toggleAll), expanded: toggleAll.getAttribute("aria-expanded") } : null,
      items: [...shadow.querySelectorAll(".faq__item")].map((item) => {
        const button = item.querySelector(".faq__question");
        const panel = item.querySelector(".faq__answer");
        return {
          id: button.id.replace(/^q-/, ""),
          headingTag: item.querySelector(".faq__heading").tagName.toLowerCase(),
          question: text(button.querySelector(".faq__question-text")),
          expanded: button.getAttribute("aria-expanded"),
          hidden: panel.getAttribute("hidden"),
          answerHeight: panel.getBoundingClientRect().height,
        };
      }),
      error: shadow.querySelector(".faq__error")
        ? {
            role: shadow.querySelector(".faq__error").getAttribute("role"),
            heading: text(shadow.querySelector(".faq__error-heading")),
            message: text(shadow.querySelector(".faq__error-message")),
            retry: text(shadow.querySelector(".faq__retry")),
          }
        : null,
      active: shadow.activeElement
        ? { id: shadow.activeElement.id, className: shadow.activeElement.className, lang: shadow.activeElement.dataset.lang ?? null }
        : null,
      hostFocused: document.activeElement === hostEl,
    };
  }, host);
}

/** True when the light-DOM element matching `selector` is rendered (has a box). */
export async function isRendered(page, selector) {
  return page.evaluate((s) => {
    const el = document.querySelector(s);
    return !!el && el.getClientRects().length > 0 && el.checkVisibility();
  }, selector);
}

/** The text of a seed item's question in `lang`. */
export const seedQuestion = (index, lang) => SEED.items[index].question[lang];

/** Polls `condition()` (a Node-side check, e.g. on collected console messages) until true. */
export async function until(condition, { timeout = 5000, interval = 25, message = "condition" } = {}) {
  const end = Date.now() + timeout;
  for (;;) {
    const value = await condition();
    if (value) return value;
    if (Date.now() > end) assert.fail(`timed out waiting for ${message}`);
    await new Promise((resolve) => setTimeout(resolve, interval));
  }
}
