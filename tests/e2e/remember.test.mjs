// Open questions remembered for the session (sessionStorage, keyed by page and
// content): a reload and the Back button keep them; two FAQs on one page, or
// one FAQ on two pages, keep their own; data-faq-remember="false" / remember:
// false neither restores nor writes; blocked storage is skipped quietly; a deep
// link (#id) and the API still open a question the stored state has closed.
import { test, describe } from "node:test";
import assert from "node:assert/strict";
import { shareBrowserAndServers, withPage, waitForWidget, snapshot, SEED, SEED_URL, IDS } from "./harness.mjs";

let browser;
let servers;
shareBrowserAndServers((b, s) => ([browser, servers] = [b, s]));

/** The key the widget stores under (src/remember.rs): page URL without query and fragment, then the content. */
const keyFor = (pageUrl, content) => `faq-widget:open ${pageUrl.split(/[?#]/)[0]} ${content}`;

const expanded = async (page, host = "#faq") => (await snapshot(page, host)).items.map((item) => item.expanded);

/** Clicks question `id` of the widget in `host`. */
const toggle = (page, host, id) => page.locator(host).locator(`#q-${id}`).click();

/** Every sessionStorage entry the widget could have written. */
const stored = (page) =>
  page.evaluate(() => Object.fromEntries(Object.entries(sessionStorage).filter(([key]) => key.startsWith("faq-widget:"))));

/** Inline content for a `data-faq` host, with `<` escaped so the JSON cannot end its script. */
const inline = (content = SEED) =>
  `<script type="application/json">${JSON.stringify(content).replace(/</g, "\\u003c")}</script>`;

/** Console errors but the browser's own resource-load lines (the favicon's 404). */
const noise = (consoleErrors) => consoleErrors.filter((text) => !text.startsWith("Failed to load resource"));

const seedPage = (attrs = "") => servers.page({ body: `<div id="faq" data-faq-src="${SEED_URL}"${attrs}></div>` });

describe("open questions are remembered for the session", () => {
  test("a reload reopens the questions that were open, and closing them all is remembered too", async () => {
    const url = seedPage();
    await withPage(browser, async ({ page, consoleErrors }) => {
      await page.goto(url);
      await waitForWidget(page, "#faq");
      assert.deepEqual(await expanded(page), ["false", "false"]);
      await toggle(page, "#faq", IDS[1]);
      await toggle(page, "#faq", IDS[0]);
      assert.deepEqual(await stored(page), { [keyFor(url, `src=${SEED_URL}`)]: `${IDS[1]} ${IDS[0]}` });

      await page.reload();
      await waitForWidget(page, "#faq");
      const snap = await snapshot(page, "#faq");
      assert.deepEqual(snap.items.map((i) => i.expanded), ["true", "true"]);
      assert.deepEqual(snap.items.map((i) => i.hidden), [null, null]);
      assert.deepEqual(snap.toggleAll, { text: "Hide all", expanded: "true" });

      // Another query string is the same page.
      await page.goto(`${url}?utm_source=test`);
      await waitForWidget(page, "#faq");
      assert.deepEqual(await expanded(page), ["true", "true"]);

      await page.locator("#faq .faq__toggle-all").click();
      assert.deepEqual(await stored(page), { [keyFor(url, `src=${SEED_URL}`)]: "" });
      await page.reload();
      await waitForWidget(page, "#faq");
      assert.deepEqual(await expanded(page), ["false", "false"]);
      assert.deepEqual(noise(consoleErrors), []);
    });
  });

  test("Back to the page reopens them (a new load, not the back/forward cache); another page has its own", async () => {
    const url = seedPage();
    const other = seedPage(); // the same content on another page
    await withPage(browser, async ({ page }) => {
      await page.goto(url);
      await waitForWidget(page, "#faq");
      await toggle(page, "#faq", IDS[1]);
      await page.evaluate(() => (window.__samePage = true));

      await page.goto(other);
      await waitForWidget(page, "#faq");
      assert.deepEqual(await expanded(page), ["false", "false"], "the other page's FAQ keeps its own state");

      await page.goBack();
      await waitForWidget(page, "#faq");
      const reloaded = await page.evaluate(() => ({
        samePage: window.__samePage ?? false,
        type: performance.getEntriesByType("navigation")[0].type,
      }));
      assert.deepEqual(reloaded, { samePage: false, type: "back_forward" }, "the page was loaded again, so the widget restored it");
      assert.deepEqual(await expanded(page), ["false", "true"]);
    });
  });

  test("two FAQs on one page keep their own questions, fetched or inline, with or without an id", async () => {
    const copy = servers.json(servers.unique(), SEED); // the same ids at another URL
    const url = servers.page({
      body: `<div id="a" data-faq-src="${SEED_URL}"></div>
        <div id="b" data-faq-src="${new URL(copy).pathname}"></div>
        <div id="c" data-faq>${inline()}</div>
        <div class="no-id" data-faq>${inline()}</div>`,
    });
    const hosts = ["#a", "#b", "#c", ".no-id"];
    const states = async (page) => Promise.all(hosts.map((host) => expanded(page, host)));
    await withPage(browser, async ({ page }) => {
      await page.goto(url);
      for (const host of hosts) await waitForWidget(page, host);
      await toggle(page, "#a", IDS[0]);
      await toggle(page, "#b", IDS[1]);
      await toggle(page, "#c", IDS[0]);
      await toggle(page, "#c", IDS[1]);
      // Opened and closed again: stored as all closed, written last.
      await toggle(page, ".no-id", IDS[0]);
      await toggle(page, ".no-id", IDS[0]);
      const expected = [
        ["true", "false"],
        ["false", "true"],
        ["true", "true"],
        ["false", "false"],
      ];
      assert.deepEqual(await states(page), expected);
      assert.deepEqual(Object.keys(await stored(page)).sort(), [
        keyFor(url, "4"), // the fourth widget mounted, inline without an id
        keyFor(url, "id=c"),
        keyFor(url, `src=${new URL(copy).pathname}`),
        keyFor(url, `src=${SEED_URL}`),
      ].sort());

      await page.reload();
      for (const host of hosts) await waitForWidget(page, host);
      assert.deepEqual(await states(page), expected);
    });
  });

  test("ids the content no longer has are ignored", async () => {
    const url = seedPage();
    await withPage(browser, async ({ page }) => {
      await page.addInitScript(
        ([key, value]) => sessionStorage.getItem(key) === null && sessionStorage.setItem(key, value),
        [keyFor(url, `src=${SEED_URL}`), `removed-question ${IDS[1]} <junk>`],
      );
      await page.goto(url);
      await waitForWidget(page, "#faq");
      assert.deepEqual(await expanded(page), ["false", "true"]);
      await toggle(page, "#faq", IDS[0]);
      assert.deepEqual(await stored(page), { [keyFor(url, `src=${SEED_URL}`)]: `${IDS[1]} ${IDS[0]}` });
    });
  });
});

describe("turned off", () => {
  /** Loads `url` with `key` stored as IDS[1] open; returns what opened and what was stored after a click. */
  async function withStoredState(url, key, mountWithApi) {
    let result;
    await withPage(browser, async ({ page, consoleErrors }) => {
      await page.addInitScript(([k, v]) => sessionStorage.setItem(k, v), [key, IDS[1]]);
      await page.goto(url);
      if (mountWithApi) {
        await page.waitForFunction(() => window.FaqWidget);
        await page.evaluate((options) => FaqWidget.mount(document.querySelector("#faq"), options).ready, mountWithApi);
      }
      await waitForWidget(page, "#faq");
      const restored = await expanded(page);
      await toggle(page, "#faq", IDS[0]);
      result = { restored, stored: await stored(page) };
      assert.deepEqual(noise(consoleErrors), []);
    });
    return result;
  }

  test('data-faq-remember="false": nothing restored and nothing written', async () => {
    const on = seedPage();
    const off = seedPage(' data-faq-remember="false"');
    const keyOn = keyFor(on, `src=${SEED_URL}`);
    const keyOff = keyFor(off, `src=${SEED_URL}`);
    // The same stored state on a page that remembers, so the key is shown to be the one read.
    assert.deepEqual(await withStoredState(on, keyOn), {
      restored: ["false", "true"],
      stored: { [keyOn]: `${IDS[1]} ${IDS[0]}` },
    });
    assert.deepEqual(await withStoredState(off, keyOff), { restored: ["false", "false"], stored: { [keyOff]: IDS[1] } });
  });

  test("remember: false in FaqWidget.mount: nothing restored and nothing written", async () => {
    const url = servers.page({ body: `<div id="faq"></div>` });
    const key = keyFor(url, `src=${SEED_URL}`);
    assert.deepEqual(await withStoredState(url, key, { src: SEED_URL }), {
      restored: ["false", "true"],
      stored: { [key]: `${IDS[1]} ${IDS[0]}` },
    });
    assert.deepEqual(await withStoredState(url, key, { src: SEED_URL, remember: false }), {
      restored: ["false", "false"],
      stored: { [key]: IDS[1] },
    });
  });
});

describe("storage that is blocked or throws", () => {
  const BLOCKERS = {
    "the sessionStorage getter throws": () => {
      Object.defineProperty(window, "sessionStorage", {
        get() {
          throw new DOMException("The operation is insecure.", "SecurityError");
        },
      });
    },
    "getItem and setItem throw": () => {
      for (const method of ["getItem", "setItem"]) {
        Storage.prototype[method] = () => {
          throw new DOMException("The quota has been exceeded.", "QuotaExceededError");
        };
      }
    },
    "sessionStorage is not a Storage": () => {
      Object.defineProperty(window, "sessionStorage", { get: () => ({}) });
    },
  };
  for (const [name, block] of Object.entries(BLOCKERS)) {
    test(`${name}: the widget works, silently`, async () => {
      const url = seedPage();
      await withPage(browser, async ({ page, consoleErrors }) => {
        await page.addInitScript(block);
        await page.goto(url);
        await waitForWidget(page, "#faq");
        await toggle(page, "#faq", IDS[1]);
        assert.deepEqual(await expanded(page), ["false", "true"]);
        await toggle(page, "#faq", IDS[1]);
        await page.locator("#faq .faq__toggle-all").click();
        assert.deepEqual(await expanded(page), ["true", "true"]);
        await page.reload();
        await waitForWidget(page, "#faq");
        assert.deepEqual(await expanded(page), ["false", "false"]);
        assert.deepEqual(noise(consoleErrors), [], "no console noise");
      }); // withPage fails the test on any page error
    });
  }

  test("in a sandboxed iframe (an opaque origin: no storage at all), the widget works", async () => {
    const inner = servers.page({
      head: `<script>window.__errors = []; addEventListener("error", (e) => __errors.push(String(e.message)));
        addEventListener("unhandledrejection", (e) => __errors.push(String(e.reason)));</script>`,
      body: `<div id="faq" data-faq>${inline()}</div>`,
    });
    const outer = servers.page({ body: `<iframe sandbox="allow-scripts" src="${inner}" width="600" height="600"></iframe>` });
    await withPage(browser, async ({ page, consoleErrors }) => {
      await page.goto(outer);
      const frame = await (await page.waitForSelector("iframe")).contentFrame();
      await waitForWidget(frame, "#faq");
      // The frame really has no storage: the browser throws on touching it.
      assert.equal(await frame.evaluate(() => { try { sessionStorage; return "storage"; } catch (e) { return e.name; } }), "SecurityError");
      await frame.locator(`#q-${IDS[1]}`).click();
      assert.deepEqual(await expanded(frame), ["false", "true"]);
      await frame.locator(`#q-${IDS[1]}`).click();
      assert.deepEqual(await expanded(frame), ["false", "false"]);
      assert.deepEqual(await frame.evaluate(() => window.__errors), []);
      assert.deepEqual(noise(consoleErrors), []);
    });
  });
});

describe("deep links and the API still open questions", () => {
  test("a URL fragment naming a question opens it, even when the stored state has it closed", async () => {
    const url = seedPage();
    await withPage(browser, async ({ page }) => {
      await page.goto(`${url}#${IDS[1]}`);
      await waitForWidget(page, "#faq");
      assert.deepEqual(await expanded(page), ["false", "true"], "the deep link opens its question");

      // The reader opens the first and closes the deep-linked one: stored as only the first open.
      await toggle(page, "#faq", IDS[0]);
      await toggle(page, "#faq", IDS[1]);
      assert.deepEqual(await stored(page), { [keyFor(url, `src=${SEED_URL}`)]: IDS[0] });
      await page.reload(); // the fragment is still in the URL
      await waitForWidget(page, "#faq");
      assert.deepEqual(await expanded(page), ["true", "true"], "remembered and deep-linked both open");

      // A fragment that names no question opens nothing more.
      await page.goto(`${url}#nothing-here`);
      await page.reload();
      await waitForWidget(page, "#faq");
      assert.deepEqual(await expanded(page), ["true", "false"]);
    });
  });

  test("a deep link opens its question with remember off too", async () => {
    const url = seedPage(' data-faq-remember="false"');
    await withPage(browser, async ({ page }) => {
      await page.goto(`${url}#${IDS[0]}`);
      await waitForWidget(page, "#faq");
      assert.deepEqual(await expanded(page), ["true", "false"]);
    });
  });

  test("open() and close() right after mount win over the stored state", async () => {
    const url = servers.page({ body: `<div id="faq"></div>` });
    await withPage(browser, async ({ page }) => {
      await page.addInitScript(([key, value]) => sessionStorage.setItem(key, value), [keyFor(url, `src=${SEED_URL}`), IDS[0]]);
      await page.goto(url);
      await page.waitForFunction(() => window.FaqWidget);
      await page.evaluate(([src, ids]) => FaqWidget.mount(document.querySelector("#faq"), { src }).ready, [SEED_URL, IDS]);
      await waitForWidget(page, "#faq");
      assert.deepEqual(await expanded(page), ["true", "false"], "the stored state is read");

      await page.reload();
      await page.waitForFunction(() => window.FaqWidget);
      await page.evaluate(
        ([src, ids]) => FaqWidget.mount(document.querySelector("#faq"), { src }).close(ids[0]).open(ids[1]).ready,
        [SEED_URL, IDS],
      );
      await waitForWidget(page, "#faq");
      assert.deepEqual(await expanded(page), ["false", "true"]);
    });
  });
});
