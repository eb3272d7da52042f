// A host page with a strict Content-Security-Policy: the widget renders and
// works with only script-src <pkg origin> 'wasm-unsafe-eval' and
// style-src 'self', and causes no securitypolicyviolation.
import { test, describe } from "node:test";
import assert from "node:assert/strict";
import {
  shareBrowserAndServers,
  withPage,
  waitForWidget,
  snapshot,
  isRendered,
  sendJson,
  until,
  SEED,
  SEED_URL,
  IDS,
} from "./harness.mjs";

let browser;
let servers;
shareBrowserAndServers((b, s) => ([browser, servers] = [b, s]));

const strictPolicy = () => `script-src 'self' ${servers.pkg} 'wasm-unsafe-eval'; style-src 'self'`;

/** Records every securitypolicyviolation, including those from shadow trees. */
async function recordViolations(page) {
  await page.addInitScript(() => {
    window.__violations = [];
    const record = (event) =>
      window.__violations.push({ directive: event.violatedDirective, blocked: event.blockedURI, sample: event.sample });
    document.addEventListener("securitypolicyviolation", record, true);
  });
  return () => page.evaluate(() => window.__violations);
}

const FALLBACK = `<p id="fallback">Read our <a href="${SEED_URL}">FAQ</a>.</p>`;

describe("Content-Security-Policy", () => {
  test("under script-src <pkg> 'wasm-unsafe-eval' and style-src 'self' the widget renders and works", async () => {
    const url = servers.page({
      lang: "en",
      head: `<link rel="stylesheet" href="/www/host.css">`,
      body: `<main><div id="faq" data-faq-src="${SEED_URL}">${FALLBACK}</div></main>`,
      headers: { "Content-Security-Policy": strictPolicy() },
    });
    await withPage(browser, async ({ page, widgetErrors }) => {
      const violations = await recordViolations(page);
      const response = await page.goto(url);
      assert.equal(response.headers()["content-security-policy"], strictPolicy());
      await waitForWidget(page, "#faq");

      // Styled: the adopted stylesheet applies (44px targets, the accent border).
      const styles = await page.evaluate(() => {
        const shadow = document.querySelector("#faq").shadowRoot;
        const button = shadow.querySelector(".faq__toggle-all");
        const style = getComputedStyle(button);
        return { minHeight: style.minHeight, borderTopWidth: style.borderTopWidth, display: getComputedStyle(shadow.querySelector(".faq__toolbar")).display };
      });
      assert.deepEqual(styles, { minHeight: "44px", borderTopWidth: "2px", display: "flex" });

      await page.locator(`#q-${IDS[0]}`).click();
      await page.locator("#faq .faq__toggle-all").click();
      await page.locator('#faq .faq__language[data-lang="es"]').click();
      const snap = await snapshot(page, "#faq");
      assert.equal(snap.lang, "es");
      assert.equal(snap.title, SEED.title.es);
      assert.deepEqual(snap.items.map((i) => i.expanded), ["true", "true"]);
      assert.deepEqual(snap.toggleAll, { text: "Ocultar todo", expanded: "true" });
      assert.equal(await isRendered(page, "#fallback"), false);
      assert.deepEqual(await violations(), []);
      assert.deepEqual(widgetErrors(), []);
    });
  });

  test("under the strict policy the error box and Try again work too", async () => {
    const path = servers.unique("/api/csp-flaky");
    let failing = true;
    servers.route(path, (req, res) => (failing ? sendJson(res, { error: "busy" }, 503) : sendJson(res, SEED)));
    const url = servers.page({
      lang: "es",
      body: `<div id="faq" data-faq-src="${path}"></div>
             <div id="inline" data-faq><script type="application/json">${JSON.stringify(SEED).replace(/</g, "\\u003c")}</script></div>`,
      headers: { "Content-Security-Policy": strictPolicy() },
    });
    await withPage(browser, async ({ page }) => {
      const violations = await recordViolations(page);
      await page.goto(url);
      await waitForWidget(page, "#faq", { state: "error" });
      await waitForWidget(page, "#inline");
      assert.equal((await snapshot(page, "#faq")).error.message, "El servidor no pudo enviar las preguntas (error 503).");
      assert.equal((await snapshot(page, "#inline")).title, SEED.title.es, "inline JSON content is read, not executed");
      failing = false;
      await page.locator("#faq .faq__retry").click();
      await waitForWidget(page, "#faq");
      assert.equal((await snapshot(page, "#faq")).items.length, 2);
      assert.deepEqual(await violations(), []);
    });
  });

  test("with Trusted Types enforced (require-trusted-types-for 'script') the widget still works", async () => {
    const policy = `${strictPolicy()}; require-trusted-types-for 'script'; trusted-types 'none'`;
    const url = servers.page({
      lang: "es",
      body: `<div id="faq" data-faq-src="${SEED_URL}">${FALLBACK}</div>`,
      headers: { "Content-Security-Policy": policy },
    });
    await withPage(browser, async ({ page, widgetErrors }) => {
      const violations = await recordViolations(page);
      const response = await page.goto(url);
      assert.equal(response.headers()["content-security-policy"], policy);
      await waitForWidget(page, "#faq");
      await page.locator(`#q-${IDS[1]}`).click();
      await page.locator('#faq .faq__language[data-lang="en"]').click();
      const snap = await snapshot(page, "#faq");
      assert.equal(snap.lang, "en");
      assert.deepEqual(snap.items.map((i) => i.expanded), ["false", "true"]);
      assert.deepEqual(await violations(), []);
      assert.deepEqual(widgetErrors(), []);
    });
  });

  test("control: without 'wasm-unsafe-eval' the policy is enforced, reported, and the fallback stays", async () => {
    const policy = `script-src 'self' ${servers.pkg}; style-src 'self'`;
    const url = servers.page({
      lang: "en",
      body: `<div id="faq" data-faq-src="${SEED_URL}">${FALLBACK}</div>`,
      headers: { "Content-Security-Policy": policy },
    });
    await withPage(browser, async ({ page, widgetErrors }) => {
      const violations = await recordViolations(page);
      await page.goto(url);
      await until(() => widgetErrors().length >= 1, { message: "the load failure in the console" });
      assert.match(widgetErrors()[0], /^faq-widget: could not load http:\/\/127\.0\.0\.1:\d+\/faq_widget_bg\.wasm: /);
      await page.waitForFunction(() => window.__violations.length > 0);
      const seen = await violations();
      assert.ok(
        seen.some((v) => v.directive === "script-src" && v.blocked === "wasm-eval"),
        `a wasm-eval violation was reported: ${JSON.stringify(seen)}`,
      );
      assert.equal(await isRendered(page, "#fallback"), true, "the host's own content stays");
      assert.equal(await page.evaluate(() => document.querySelector("#faq").shadowRoot), null);
    });
  });
});
