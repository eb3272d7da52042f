// Events for hosts: the host element dispatches faq:ready, faq:open,
// faq:close, faq:language and faq:error as bubbling, composed CustomEvents,
// after the state and the view have changed; a listener that throws leaves
// the widget working.
import { test, describe } from "node:test";
import assert from "node:assert/strict";
import { shareBrowserAndServers, withPage, waitForWidget, snapshot, SEED_URL, IDS } from "./harness.mjs";

let browser;
let servers;
shareBrowserAndServers((b, s) => ([browser, servers] = [b, s]));

const TYPES = ["faq:ready", "faq:open", "faq:close", "faq:language", "faq:error"];

// Listens on document, before the widget loads: what reaches it has bubbled
// out of the shadow root (composed) from the host. Each record also says
// what the widget showed when the event arrived.
const RECORDER = `<script>
  window.__events = [];
  for (const type of ${JSON.stringify(TYPES)}) {
    document.addEventListener(type, (e) => {
      const shadow = e.target.shadowRoot;
      const button = e.detail && e.detail.id ? shadow.querySelector("#q-" + e.detail.id) : null;
      window.__events.push({
        type: e.type,
        detail: e.detail,
        target: e.target.id,
        bubbles: e.bubbles,
        composed: e.composed,
        expanded: button ? button.getAttribute("aria-expanded") : null,
        lang: shadow.querySelector(".faq").getAttribute("lang"),
      });
    });
  }
</script>`;

const seedPage = (src = SEED_URL) => servers.page({ head: RECORDER, body: `<div id="faq" data-faq-src="${src}"></div>` });

/** The events recorded since the last call. */
const heard = (page) => page.evaluate(() => window.__events.splice(0));

/** `type` and `detail` of each record. */
const plain = (records) => records.map(({ type, detail }) => ({ type, detail }));

describe("events for hosts", () => {
  test("faq:ready lists the ids and the language, then the deep link opens by link; each bubbles out composed", async () => {
    await withPage(browser, async ({ page }) => {
      await page.goto(`${seedPage()}#${IDS[1]}`);
      await waitForWidget(page, "#faq");
      const records = await heard(page);
      assert.deepEqual(plain(records), [
        { type: "faq:ready", detail: { items: IDS, language: "en" } },
        { type: "faq:open", detail: { id: IDS[1], how: "link" } },
      ]);
      for (const record of records) {
        assert.deepEqual({ target: record.target, bubbles: record.bubbles, composed: record.composed }, { target: "faq", bubbles: true, composed: true });
      }
      assert.equal(records[1].expanded, "true", "sent after the question opened");
    });
  });

  test("open and close say how: click, keyboard, show-all, api; faq:language says from and to", async () => {
    await withPage(browser, async ({ page }) => {
      await page.goto(seedPage());
      await waitForWidget(page, "#faq");
      await heard(page);
      const question = (index) => page.locator("#faq").locator(`#q-${IDS[index]}`);

      await question(0).click();
      await question(0).press("Enter");
      let records = await heard(page);
      assert.deepEqual(plain(records), [
        { type: "faq:open", detail: { id: IDS[0], how: "click" } },
        { type: "faq:close", detail: { id: IDS[0], how: "keyboard" } },
      ]);
      assert.deepEqual(records.map((r) => r.expanded), ["true", "false"], "each sent after the view changed");

      await question(1).press("Space");
      assert.deepEqual(plain(await heard(page)), [{ type: "faq:open", detail: { id: IDS[1], how: "keyboard" } }]);

      await page.locator("#faq .faq__toggle-all").click();
      assert.deepEqual(plain(await heard(page)), [{ type: "faq:open", detail: { id: IDS[0], how: "show-all" } }]);
      await page.locator("#faq .faq__toggle-all").press("Enter");
      assert.deepEqual(plain(await heard(page)), [
        { type: "faq:close", detail: { id: IDS[0], how: "show-all" } },
        { type: "faq:close", detail: { id: IDS[1], how: "show-all" } },
      ]);

      await page.evaluate((id) => {
        const handle = FaqWidget.mount(document.querySelector("#faq"));
        handle.open(id);
        handle.open(id); // already open: nothing to tell
        handle.close(id);
        handle.open("no-such-question");
      }, IDS[1]);
      await page.waitForFunction(() => window.__events.length >= 2);
      assert.deepEqual(plain(await heard(page)), [
        { type: "faq:open", detail: { id: IDS[1], how: "api" } },
        { type: "faq:close", detail: { id: IDS[1], how: "api" } },
      ]);

      await page.locator("#faq #lang-es").click();
      records = await heard(page);
      assert.deepEqual(plain(records), [{ type: "faq:language", detail: { from: "en", to: "es" } }]);
      assert.equal(records[0].lang, "es", "sent after the view switched");
      await page.locator("#faq #lang-es").click();
      assert.deepEqual(await heard(page), [], "the language shown already: nothing");
    });
  });

  test("find-in-page opens a question by search", async () => {
    const phrase = "most important thing is that the second opinion comes from a specialist";
    const url = seedPage();
    await withPage(browser, async ({ page }) => {
      await page.goto(url);
      await waitForWidget(page, "#faq");
      await heard(page);
      await page.goto(`${url}#:~:text=${encodeURIComponent(phrase)}`);
      await page.waitForFunction(() => window.__events.length > 0);
      assert.deepEqual(plain(await heard(page)), [{ type: "faq:open", detail: { id: IDS[1], how: "search" } }]);
    });
  });

  test("faq:error carries the kind and the console's message", async () => {
    const missing = servers.unique();
    const broken = servers.json(servers.unique(), "{ not json");
    for (const [src, kind] of [
      [missing, "http"],
      [new URL(broken).pathname, "json"],
    ]) {
      await withPage(browser, async ({ page, widgetErrors }) => {
        await page.goto(seedPage(src));
        await waitForWidget(page, "#faq", { state: "error" });
        const records = await heard(page);
        assert.deepEqual(records.map((r) => r.type), ["faq:error"]);
        assert.equal(records[0].detail.kind, kind);
        assert.deepEqual([records[0].detail.message], widgetErrors(), "the same text as console.error");
        assert.ok(records[0].detail.message.startsWith(`faq-widget: ${src}: `));
      });
    }
  });

  test("a listener that throws leaves the widget working and its state consistent", async () => {
    await withPage(browser, async ({ page, pageErrors }) => {
      await page.goto(seedPage());
      await waitForWidget(page, "#faq");
      await heard(page);
      await page.evaluate(() => {
        document.querySelector("#faq").addEventListener("faq:open", () => {
          throw new Error("host listener broke");
        });
      });
      const question = page.locator("#faq").locator(`#q-${IDS[0]}`);
      await question.click();
      assert.equal((await snapshot(page, "#faq")).items[0].expanded, "true");
      await question.click();
      assert.equal((await snapshot(page, "#faq")).items[0].expanded, "false");
      await page.locator("#faq .faq__toggle-all").click();
      const snap = await snapshot(page, "#faq");
      assert.deepEqual(snap.items.map((i) => i.expanded), ["true", "true"]);
      assert.deepEqual(snap.toggleAll, { text: "Hide all", expanded: "true" });
      // The page's own error reporting got each throw (as for any listener); nothing else.
      assert.equal(pageErrors.length, 3);
      assert.ok(pageErrors.every((e) => e.includes("host listener broke")));
      pageErrors.splice(0);
      assert.deepEqual(plain(await heard(page)).map((r) => r.type), ["faq:open", "faq:close", "faq:open", "faq:open"]);
    });
  });
});
