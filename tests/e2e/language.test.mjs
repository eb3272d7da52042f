// The initial language, step by step: data-faq-lang, then the remembered
// choice (localStorage "faq-widget:language"), then <html lang>, then
// navigator.languages, then the content's first language. Each step is shown
// to beat the next in both directions, so no step passes by accident.
import { test, describe, before, after } from "node:test";
import assert from "node:assert/strict";
import {
  launchBrowser,
  startServers,
  withPage,
  waitForWidget,
  snapshot,
  makeContent,
  held,
  sendJson,
  SEED,
  SEED_URL,
} from "./harness.mjs";

let browser;
let servers;
let spanishFirst; // content whose first (default) language is Spanish

before(async () => {
  [browser, servers] = await Promise.all([launchBrowser(), startServers()]);
  spanishFirst = servers.json(
    "/api/spanish-first.json",
    makeContent({
      languages: ["es", "en"],
      title: { es: "Primero en español", en: "Spanish first" },
      items: [{ id: "uno", q: { es: "¿Uno?", en: "One?" }, a: { es: "Uno.", en: "One." } }],
    }),
  );
});
after(async () => {
  await browser?.close();
  await servers?.close();
});

const STORAGE_KEY = "faq-widget:language";
const UI = {
  en: { toggleAll: "Show all", label: "Language" },
  es: { toggleAll: "Mostrar todo", label: "Idioma" },
};

/**
 * Loads a widget page under the given conditions and returns the language it
 * starts in, after checking the whole widget speaks it.
 * @param {object} o
 * @param {string} [o.attr] data-faq-lang
 * @param {string} [o.remembered] localStorage value before the page loads
 * @param {string|null} [o.htmlLang] <html lang>; null for none
 * @param {string} [o.locale] the browser's locale (navigator.languages)
 * @param {string[]} [o.languages] overrides navigator.languages entirely
 * @param {string} [o.src] content URL
 */
async function initialLanguage({ attr, remembered, htmlLang = null, locale = "en-US", languages, src = SEED_URL }) {
  const url = servers.page({
    lang: htmlLang,
    body: `<div id="faq" data-faq-src="${src}"${attr === undefined ? "" : ` data-faq-lang="${attr}"`}></div>`,
  });
  let result;
  await withPage(browser, { locale }, async ({ page, widgetErrors }) => {
    if (languages) {
      await page.addInitScript((list) => {
        Object.defineProperty(Navigator.prototype, "languages", { get: () => list, configurable: true });
        Object.defineProperty(Navigator.prototype, "language", { get: () => list[0], configurable: true });
      }, languages);
    }
    if (remembered !== undefined) {
      // Stored before any script of the page runs (this context loads one page only).
      await page.addInitScript(([key, value]) => localStorage.setItem(key, value), [STORAGE_KEY, remembered]);
    }
    await page.goto(url);
    await waitForWidget(page, "#faq");
    const snap = await snapshot(page, "#faq");
    // Everything agrees on the language: the root's lang, the pressed button, the UI words.
    assert.deepEqual(
      snap.languages.filter((l) => l.pressed === "true").map((l) => l.lang),
      [snap.lang],
      "exactly the shown language is pressed",
    );
    assert.equal(snap.toggleAll.text, UI[snap.lang].toggleAll);
    assert.equal(snap.languageLabel, UI[snap.lang].label);
    if (src === SEED_URL) assert.equal(snap.title, SEED.title[snap.lang]);
    // Negotiating does not count as choosing: nothing is remembered by loading.
    assert.equal(await page.evaluate((key) => localStorage.getItem(key), STORAGE_KEY), remembered ?? null);
    assert.deepEqual(widgetErrors(), []);
    result = snap.lang;
  });
  return result;
}

/** Checks each [conditions, expected language] pair, several browser contexts at a time. */
async function expectLanguages(cases) {
  const results = await Promise.all(cases.map(([conditions]) => initialLanguage(conditions)));
  assert.deepEqual(
    results.map((lang, i) => [JSON.stringify(cases[i][0]), lang]),
    cases.map(([conditions, expected]) => [JSON.stringify(conditions), expected]),
  );
}

describe("initial language", () => {
  test("data-faq-lang beats the remembered choice, <html lang> and navigator.languages", async () => {
    await expectLanguages([
      [{ attr: "es", remembered: "en", htmlLang: "en", locale: "en-US" }, "es"],
      [{ attr: "en", remembered: "es", htmlLang: "es", locale: "es-ES" }, "en"],
    ]);
  });

  test("the remembered choice beats <html lang> and navigator.languages", async () => {
    await expectLanguages([
      [{ remembered: "es", htmlLang: "en", locale: "en-US" }, "es"],
      [{ remembered: "en", htmlLang: "es", locale: "es-ES" }, "en"],
    ]);
  });

  test("<html lang> beats navigator.languages", async () => {
    await expectLanguages([
      [{ htmlLang: "es", locale: "en-US" }, "es"],
      [{ htmlLang: "en", locale: "es-ES" }, "en"],
    ]);
  });

  test("navigator.languages beats the content's first language", async () => {
    await expectLanguages([
      [{ locale: "es-ES" }, "es"],
      [{ locale: "en-US", src: spanishFirst }, "en"],
      [{ languages: ["de-DE", "es-419", "en-US"] }, "es"],
    ]);
  });

  test("with no usable preference, the content's first language is shown", async () => {
    await expectLanguages([
      [{ locale: "fr-FR" }, "en"],
      [{ locale: "fr-FR", src: spanishFirst }, "es"],
    ]);
  });

  test("a regional tag (es-MX) picks its language (es) at every step", async () => {
    await expectLanguages([
      [{ attr: "es-MX", htmlLang: "en", locale: "en-US" }, "es"],
      [{ remembered: "es-MX", htmlLang: "en", locale: "en-US" }, "es"],
      [{ htmlLang: "es-MX", locale: "en-US" }, "es"],
      [{ locale: "es-MX" }, "es"],
      [{ htmlLang: "EN-gb", locale: "es-MX" }, "en"],
    ]);
  });

  test("an unsupported language (fr) falls through to the next step", async () => {
    await expectLanguages([
      [{ attr: "fr", remembered: "es", htmlLang: "en", locale: "en-US" }, "es"],
      [{ attr: "fr", htmlLang: "es", locale: "en-US" }, "es"],
      [{ remembered: "fr", htmlLang: "es", locale: "en-US" }, "es"],
      [{ htmlLang: "fr", locale: "es-ES" }, "es"],
      [{ attr: "fr", remembered: "fr", htmlLang: "fr", locale: "fr-FR", src: spanishFirst }, "es"],
    ]);
  });

  test("the loading message is already in the negotiated language", async () => {
    const path = servers.unique();
    const gate = held((req, res) => sendJson(res, SEED));
    servers.route(path, gate.handler);
    const url = servers.page({ lang: "es-MX", body: `<div id="faq" data-faq-src="${path}"></div>` });
    await withPage(browser, { locale: "en-US" }, async ({ page }) => {
      await page.goto(url, { waitUntil: "domcontentloaded" });
      await gate.arrived;
      await page.waitForFunction(() => document.querySelector("#faq").shadowRoot?.querySelector(".faq__status"));
      const loading = await page.evaluate(() => {
        const root = document.querySelector("#faq").shadowRoot.querySelector(".faq");
        return { lang: root.getAttribute("lang"), text: root.querySelector(".faq__status").textContent };
      });
      assert.deepEqual(loading, { lang: "es", text: "Cargando preguntas…" });
      gate.release();
      await waitForWidget(page, "#faq");
      assert.equal((await snapshot(page, "#faq")).lang, "es");
    });
  });
});

describe("remembered language", () => {
  test("the reader's choice survives a reload and outranks <html lang>", async () => {
    const url = servers.page({ lang: "en", body: `<div id="faq" data-faq-src="${SEED_URL}"></div>` });
    await withPage(browser, { locale: "en-US" }, async ({ page }) => {
      await page.goto(url);
      await waitForWidget(page, "#faq");
      assert.equal((await snapshot(page, "#faq")).lang, "en");
      assert.equal(await page.evaluate((key) => localStorage.getItem(key), STORAGE_KEY), null);

      await page.locator('#faq .faq__language[data-lang="es"]').click();
      assert.equal(await page.evaluate((key) => localStorage.getItem(key), STORAGE_KEY), "es");
      await page.reload();
      await waitForWidget(page, "#faq");
      let snap = await snapshot(page, "#faq");
      assert.equal(snap.lang, "es");
      assert.equal(snap.title, SEED.title.es);
      assert.deepEqual(snap.languages.map((l) => l.pressed), ["false", "true"]);

      // Another page on the same site remembers it too.
      await page.goto(servers.page({ lang: "en", body: `<div id="other" data-faq-src="${SEED_URL}"></div>` }));
      await waitForWidget(page, "#other");
      assert.equal((await snapshot(page, "#other")).lang, "es");

      await page.locator('#other .faq__language[data-lang="en"]').click();
      assert.equal(await page.evaluate((key) => localStorage.getItem(key), STORAGE_KEY), "en");
      await page.goto(url);
      await waitForWidget(page, "#faq");
      snap = await snapshot(page, "#faq");
      assert.equal(snap.lang, "en");
      assert.deepEqual(snap.languages.map((l) => l.pressed), ["true", "false"]);
    });
  });

  test("setLanguage through the API is remembered too", async () => {
    const url = servers.page({ lang: "en", body: `<div id="faq"></div>` });
    await withPage(browser, { locale: "en-US" }, async ({ page }) => {
      await page.goto(url);
      await page.waitForFunction(() => window.FaqWidget);
      await page.evaluate(async (src) => {
        window.handle = FaqWidget.mount(document.querySelector("#faq"), { src });
        await window.handle.ready;
      }, SEED_URL);
      await waitForWidget(page, "#faq");
      await page.evaluate(() => handle.setLanguage("es-MX"));
      assert.equal((await snapshot(page, "#faq")).lang, "es");
      assert.equal(await page.evaluate((key) => localStorage.getItem(key), STORAGE_KEY), "es");
      await page.reload();
      await page.waitForFunction(() => window.FaqWidget);
      await page.evaluate((src) => FaqWidget.mount(document.querySelector("#faq"), { src }).ready, SEED_URL);
      await waitForWidget(page, "#faq");
      assert.equal((await snapshot(page, "#faq")).lang, "es");
    });
  });

  test("a page where storage is blocked still works and switches language", async () => {
    const url = servers.page({ lang: "en", body: `<div id="faq" data-faq-src="${SEED_URL}"></div>` });
    await withPage(browser, async ({ page }) => {
      // As in a sandboxed frame or with site data blocked: touching localStorage throws.
      await page.addInitScript(() => {
        Object.defineProperty(window, "localStorage", {
          get() {
            throw new DOMException("The operation is insecure.", "SecurityError");
          },
        });
      });
      await page.goto(url);
      await waitForWidget(page, "#faq");
      assert.equal((await snapshot(page, "#faq")).lang, "en");
      await page.locator('#faq .faq__language[data-lang="es"]').click();
      const snap = await snapshot(page, "#faq");
      assert.equal(snap.lang, "es");
      assert.equal(snap.active?.lang, "es");
    });
  });
});
