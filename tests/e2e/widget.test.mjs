// The widget in a host page: toggling by mouse and keyboard, Show all / Hide
// all, switching language, heading levels, find-in-page, the light-DOM
// fallback, mounting twice, several widgets, the JS API, script kinds, and a
// .wasm served without the application/wasm type.
import { test, describe } from "node:test";
import assert from "node:assert/strict";
import {
  shareBrowserAndServers,
  withPage,
  waitForWidget,
  snapshot,
  isRendered,
  makeContent,
  sequence,
  held,
  sendJson,
  SEED,
  SEED_URL,
  IDS,
  seedQuestion,
  until,
} from "./harness.mjs";

let browser;
let servers;
shareBrowserAndServers((b, s) => ([browser, servers] = [b, s]));

const FALLBACK = `<p id="fallback">Read our <a href="${SEED_URL}">frequently asked questions</a>.</p>`;

/** A page with the seed widget in #faq; `attrs` go on the host element. */
function seedPage({ attrs = "", src = SEED_URL, ...options } = {}) {
  return servers.page({ body: `<div id="faq" data-faq-src="${src}"${attrs}>${FALLBACK}</div>`, ...options });
}

const expanded = (snap) => snap.items.map((item) => item.expanded);

/** Presses Tab until `predicate(snapshot)` holds; returns what took focus on the way. */
async function tabUntil(page, predicate, max = 10) {
  const visited = [];
  for (let i = 0; i < max; i++) {
    await page.keyboard.press("Tab");
    const snap = await snapshot(page, "#faq");
    const active = snap.hostFocused && snap.active ? snap.active.id || `${snap.active.className}:${snap.active.lang}` : null;
    visited.push(active);
    if (predicate(snap)) return visited;
  }
  assert.fail(`focus never got there; visited ${JSON.stringify(visited)}`);
}

describe("reading and toggling", () => {
  test("a click on a question opens its answer and a second click closes it", async () => {
    await withPage(browser, async ({ page }) => {
      await page.goto(seedPage());
      await waitForWidget(page, "#faq");
      let snap = await snapshot(page, "#faq");
      assert.deepEqual(snap.items.map((i) => i.id), IDS);
      assert.deepEqual(snap.items.map((i) => i.question), [seedQuestion(0, "en"), seedQuestion(1, "en")]);
      assert.deepEqual(expanded(snap), ["false", "false"]);
      assert.deepEqual(snap.items.map((i) => i.hidden), ["until-found", "until-found"]);
      assert.deepEqual(snap.items.map((i) => i.answerHeight), [0, 0], "closed answers take no space");

      // aria-controls names the answer it opens.
      const controls = await page.locator(`#q-${IDS[1]}`).getAttribute("aria-controls");
      assert.equal(controls, `a-${IDS[1]}`);

      await page.locator(`#q-${IDS[1]} .faq__question-text`).click();
      snap = await snapshot(page, "#faq");
      assert.deepEqual(expanded(snap), ["false", "true"]);
      assert.equal(snap.items[1].hidden, null);
      assert.ok(snap.items[1].answerHeight > 50, `the open answer is shown (height ${snap.items[1].answerHeight})`);
      assert.match(await page.locator(`#a-${IDS[1]}`).innerText(), /most important thing is that the second opinion/);

      // The indicator (aria-hidden) is part of the button too.
      await page.locator(`#q-${IDS[1]} .faq__indicator`).click();
      snap = await snapshot(page, "#faq");
      assert.deepEqual(expanded(snap), ["false", "false"]);
      assert.equal(snap.items[1].hidden, "until-found");
      assert.equal(snap.items[1].answerHeight, 0);
    });
  });

  test("Tab reaches the questions; Enter and Space toggle them", async () => {
    await withPage(browser, async ({ page }) => {
      await page.goto(seedPage());
      await waitForWidget(page, "#faq");
      const visited = await tabUntil(page, (snap) => snap.active?.id === `q-${IDS[0]}`);
      assert.deepEqual(visited, ["lang-en", "lang-es", "toggle-all", `q-${IDS[0]}`], "tab order");

      await page.keyboard.press("Enter");
      let snap = await snapshot(page, "#faq");
      assert.deepEqual(expanded(snap), ["true", "false"], "Enter opens");
      assert.equal(snap.items[0].hidden, null);
      assert.equal(snap.active.id, `q-${IDS[0]}`, "focus stays on the question");

      await page.keyboard.press("Space");
      snap = await snapshot(page, "#faq");
      assert.deepEqual(expanded(snap), ["false", "false"], "Space closes");
      assert.equal(snap.items[0].hidden, "until-found");

      // A closed answer's links are skipped: the next Tab goes to the next question.
      await page.keyboard.press("Tab");
      snap = await snapshot(page, "#faq");
      assert.equal(snap.active?.id, `q-${IDS[1]}`);
      await page.keyboard.press("Space");
      snap = await snapshot(page, "#faq");
      assert.deepEqual(expanded(snap), ["false", "true"], "Space opens");
      await page.keyboard.press("Enter");
      assert.deepEqual(expanded(await snapshot(page, "#faq")), ["false", "false"], "Enter closes");
    });
  });

  test("Show all opens every answer and reads Hide all only when all are open", async () => {
    await withPage(browser, async ({ page }) => {
      await page.goto(seedPage());
      await waitForWidget(page, "#faq");
      const toggleAll = page.locator("#faq .faq__toggle-all");
      let snap = await snapshot(page, "#faq");
      assert.deepEqual(snap.toggleAll, { text: "Show all", expanded: "false" });
      assert.equal(await toggleAll.getAttribute("type"), "button");

      // One of two open: still "Show all".
      await page.locator(`#q-${IDS[0]}`).click();
      snap = await snapshot(page, "#faq");
      assert.deepEqual(snap.toggleAll, { text: "Show all", expanded: "false" });

      await toggleAll.click();
      snap = await snapshot(page, "#faq");
      assert.deepEqual(expanded(snap), ["true", "true"]);
      assert.deepEqual(snap.items.map((i) => i.hidden), [null, null]);
      assert.deepEqual(snap.toggleAll, { text: "Hide all", expanded: "true" });

      // Closing one by hand turns it back into "Show all".
      await page.locator(`#q-${IDS[1]}`).click();
      snap = await snapshot(page, "#faq");
      assert.deepEqual(expanded(snap), ["true", "false"]);
      assert.deepEqual(snap.toggleAll, { text: "Show all", expanded: "false" });

      // Opening the last one by hand makes it "Hide all" too.
      await page.locator(`#q-${IDS[1]}`).click();
      assert.deepEqual((await snapshot(page, "#faq")).toggleAll, { text: "Hide all", expanded: "true" });

      await toggleAll.click();
      snap = await snapshot(page, "#faq");
      assert.deepEqual(expanded(snap), ["false", "false"]);
      assert.deepEqual(snap.items.map((i) => i.hidden), ["until-found", "until-found"]);
      assert.deepEqual(snap.toggleAll, { text: "Show all", expanded: "false" });
    });
  });
});

describe("language", () => {
  test("switching language keeps open items and focus, sets lang and remembers the choice", async () => {
    await withPage(browser, async ({ page }) => {
      await page.goto(seedPage());
      await waitForWidget(page, "#faq");
      let snap = await snapshot(page, "#faq");
      assert.equal(snap.lang, "en");
      assert.deepEqual(snap.languages, [
        { lang: "en", text: "English", pressed: "true" },
        { lang: "es", text: "Español", pressed: "false" },
      ]);
      assert.equal(await page.locator("#faq .faq__languages").getAttribute("role"), "group");
      // Each language's name is spoken in that language.
      assert.deepEqual(
        await page.locator("#faq .faq__language").evaluateAll((buttons) => buttons.map((b) => [b.getAttribute("lang"), b.getAttribute("type")])),
        [["en", "button"], ["es", "button"]],
      );
      assert.equal(await page.locator("#faq .faq__languages").getAttribute("aria-labelledby"), "languages-label");

      await page.locator(`#q-${IDS[1]}`).click();
      await page.locator('#faq .faq__language[data-lang="es"]').click();
      snap = await snapshot(page, "#faq");
      assert.equal(snap.lang, "es");
      assert.equal(snap.title, SEED.title.es);
      assert.equal(snap.languageLabel, "Idioma");
      assert.deepEqual(snap.languages.map((l) => l.pressed), ["false", "true"]);
      assert.deepEqual(snap.items.map((i) => i.question), [seedQuestion(0, "es"), seedQuestion(1, "es")]);
      assert.deepEqual(expanded(snap), ["false", "true"], "the open item stays open");
      assert.equal(snap.items[1].hidden, null);
      assert.match(await page.locator(`#a-${IDS[1]}`).innerText(), /Lo más importante es que la segunda opinión/);
      assert.deepEqual(snap.toggleAll, { text: "Mostrar todo", expanded: "false" });
      assert.ok(snap.hostFocused, "focus stays in the widget");
      assert.equal(snap.active?.lang, "es", "focus stays on the pressed language button");
      assert.equal(await page.evaluate(() => localStorage.getItem("faq-widget:language")), "es");

      // By keyboard, from the Spanish button: Shift+Tab to English, Enter.
      await page.locator("#faq .faq__toggle-all").click();
      await page.locator('#faq .faq__language[data-lang="es"]').focus();
      await page.keyboard.press("Shift+Tab");
      assert.equal((await snapshot(page, "#faq")).active?.lang, "en");
      await page.keyboard.press("Enter");
      snap = await snapshot(page, "#faq");
      assert.equal(snap.lang, "en");
      assert.equal(snap.title, SEED.title.en);
      assert.equal(snap.languageLabel, "Language");
      assert.deepEqual(snap.languages.map((l) => l.pressed), ["true", "false"]);
      assert.deepEqual(expanded(snap), ["true", "true"]);
      assert.deepEqual(snap.toggleAll, { text: "Hide all", expanded: "true" });
      assert.ok(snap.hostFocused);
      assert.equal(snap.active?.lang, "en");
      assert.equal(await page.evaluate(() => localStorage.getItem("faq-widget:language")), "en");
    });
  });

  test("text that falls back to another language is marked with its lang", async () => {
    const src = servers.json(servers.unique(), {
      version: 1,
      languages: [
        { code: "en", name: "English" },
        { code: "es", name: "Español" },
      ],
      title: { en: "Only in English" },
      items: [
        { id: "both", question: { en: "Both languages?", es: "¿Ambos idiomas?" }, answer: { en: "Yes, both.", es: "Sí, ambos." } },
        { id: "english-only", question: { en: "English only?" }, answer: { en: "Only in English." } },
      ],
    });
    await withPage(browser, async ({ page, widgetErrors }) => {
      await page.goto(seedPage({ src }));
      await waitForWidget(page, "#faq");
      const langs = () =>
        page.evaluate(() => {
          const shadow = document.querySelector("#faq").shadowRoot;
          const lang = (selector) => shadow.querySelector(selector).getAttribute("lang");
          return {
            root: lang(".faq"),
            title: lang(".faq__title"),
            bothQuestion: lang("#q-both .faq__question-text"),
            bothAnswer: lang("#a-both > div"),
            onlyQuestion: lang("#q-english-only .faq__question-text"),
            onlyAnswer: lang("#a-english-only > div"),
          };
        });
      assert.deepEqual(await langs(), {
        root: "en",
        title: null,
        bothQuestion: null,
        bothAnswer: null,
        onlyQuestion: null,
        onlyAnswer: null,
      });
      await page.locator('#faq .faq__language[data-lang="es"]').click();
      assert.deepEqual(await langs(), {
        root: "es",
        title: "en",
        bothQuestion: null,
        bothAnswer: null,
        onlyQuestion: "en",
        onlyAnswer: "en",
      });
      const snap = await snapshot(page, "#faq");
      assert.deepEqual(snap.items.map((i) => i.question), ["¿Ambos idiomas?", "English only?"]);
      assert.equal(snap.title, "Only in English");
      assert.deepEqual(widgetErrors(), [], "missing translations are not errors");
    });
  });
});

describe("structure", () => {
  test("data-faq-heading-level=3 makes the title an h3 and the questions h4", async () => {
    const url = servers.page({
      body: `<div id="faq" data-faq-src="${SEED_URL}" data-faq-heading-level="3"></div>
             <div id="default" data-faq-src="${SEED_URL}"></div>`,
    });
    await withPage(browser, async ({ page }) => {
      await page.goto(url);
      await waitForWidget(page, "#faq");
      await waitForWidget(page, "#default");
      const level3 = await snapshot(page, "#faq");
      assert.equal(level3.titleTag, "h3");
      assert.equal(level3.title, SEED.title.en);
      assert.deepEqual(level3.items.map((i) => i.headingTag), ["h4", "h4"]);
      const level2 = await snapshot(page, "#default");
      assert.equal(level2.titleTag, "h2");
      assert.deepEqual(level2.items.map((i) => i.headingTag), ["h3", "h3"]);
      // The question button is inside its heading, the title has id=title.
      const structure = await page.evaluate(() => {
        const shadow = document.querySelector("#faq").shadowRoot;
        return {
          titleId: shadow.querySelector("h3.faq__title").id,
          buttonParent: shadow.querySelector(".faq__question").parentElement.tagName.toLowerCase(),
          buttonType: shadow.querySelector(".faq__question").getAttribute("type"),
          indicatorHidden: shadow.querySelector(".faq__indicator").getAttribute("aria-hidden"),
        };
      });
      assert.deepEqual(structure, { titleId: "title", buttonParent: "h4", buttonType: "button", indicatorHidden: "true" });
    });
  });

  test("find-in-page (a text fragment) reveals a closed answer and opens it in the widget", async () => {
    const phrase = "most important thing is that the second opinion comes from a specialist";
    const url = seedPage();
    await withPage(browser, async ({ page }) => {
      // Ready first, then a same-document navigation to the text fragment, so the
      // search cannot run before the content has arrived.
      await page.goto(url);
      await waitForWidget(page, "#faq");
      assert.equal((await snapshot(page, "#faq")).items[1].expanded, "false");
      await page.evaluate(() => (window.__sameDocument = true));
      await page.goto(`${url}#:~:text=${encodeURIComponent(phrase)}`);
      assert.equal(await page.evaluate(() => window.__sameDocument), true, "the widget was not reloaded");
      await page.waitForFunction(
        (id) => document.querySelector("#faq").shadowRoot.querySelector(`#q-${id}`)?.getAttribute("aria-expanded") === "true",
        IDS[1],
      );
      let snap = await snapshot(page, "#faq");
      assert.deepEqual(expanded(snap), ["false", "true"]);
      assert.equal(snap.items[1].hidden, null);
      assert.ok(snap.items[1].answerHeight > 50);
      assert.deepEqual(snap.toggleAll, { text: "Show all", expanded: "false" });
      // The widget's state agrees: one click closes it (a stale state would "open" it again).
      await page.locator(`#q-${IDS[1]}`).click();
      snap = await snapshot(page, "#faq");
      assert.deepEqual(expanded(snap), ["false", "false"]);
      assert.equal(snap.items[1].hidden, "until-found");
    });
  });

  test("the light-DOM fallback shows while content loads and hides once it is ready", async () => {
    const path = servers.unique();
    const gate = held((req, res) => sendJson(res, SEED));
    servers.route(path, gate.handler);
    await withPage(browser, async ({ page }) => {
      await page.goto(seedPage({ src: path }), { waitUntil: "domcontentloaded" });
      await gate.arrived; // the widget is mounted and waiting for its content
      await page.waitForFunction(() => document.querySelector("#faq").shadowRoot?.querySelector(".faq__status"));
      let snap = await snapshot(page, "#faq");
      assert.equal(snap.busy, "true");
      const status = await page.evaluate(() => {
        const el = document.querySelector("#faq").shadowRoot.querySelector(".faq__status");
        return { role: el.getAttribute("role"), text: el.textContent };
      });
      assert.deepEqual(status, { role: "status", text: "Loading questions…" });
      assert.equal(await isRendered(page, "#fallback"), true, "the host's own content is visible while loading");
      assert.equal(await page.locator("#fallback a").isVisible(), true);

      gate.release();
      await waitForWidget(page, "#faq");
      snap = await snapshot(page, "#faq");
      assert.equal(snap.busy, null);
      assert.equal(snap.items.length, 2);
      assert.equal(await isRendered(page, "#fallback"), false, "the fallback is hidden once the FAQ shows");
      assert.equal(await page.locator("#fallback a").isVisible(), false);
    });
  });

  test("external links open in a new tab, announced, only with data-faq-new-tab", async () => {
    const url = servers.page({
      body: `<div id="faq" data-faq-src="${SEED_URL}" data-faq-new-tab></div>
             <div id="same" data-faq-src="${SEED_URL}"></div>`,
    });
    await withPage(browser, async ({ page }) => {
      await page.goto(url);
      await waitForWidget(page, "#faq");
      await waitForWidget(page, "#same");
      const links = (host) =>
        page.evaluate((h) => {
          const a = document.querySelector(h).shadowRoot.querySelector('.faq__answer a[href="https://www.cancer.org/"]');
          return { target: a.getAttribute("target"), rel: a.getAttribute("rel"), text: a.textContent };
        }, host);
      assert.deepEqual(await links("#faq"), {
        target: "_blank",
        rel: "noopener noreferrer",
        text: "American Cancer Society (opens in a new tab)",
      });
      assert.deepEqual(await links("#same"), { target: null, rel: null, text: "American Cancer Society" });
    });
  });
});

describe("search snippets", () => {
  /**
   * Every text node of a widget, sorted into content (title, questions,
   * answers) and the widget's own words, each with whether an element around
   * it carries data-nosnippet, and that element's tag (Google honours the
   * attribute on div, span and section only). Indicators hold no text, so
   * they are listed apart.
   */
  const audit = (page) =>
    page.evaluate(() => {
      const shadow = document.querySelector("#faq").shadowRoot;
      const carrier = (el) => el.closest("[data-nosnippet]");
      const describe = (el, text) => ({ text, carrier: carrier(el)?.localName ?? null });
      const walker = document.createTreeWalker(shadow, NodeFilter.SHOW_TEXT);
      const content = [];
      const own = [];
      for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        const text = node.data.trim();
        if (!text) continue;
        const el = node.parentElement;
        const isContent = el.closest(".faq__title, .faq__question-text, .faq__answer") && !el.closest(".faq__visually-hidden");
        (isContent ? content : own).push(describe(el, text));
      }
      const indicators = [...shadow.querySelectorAll(".faq__indicator")].map((el) => describe(el, "indicator"));
      return { content, own, indicators };
    });
  const CARRIERS = ["div", "span", "section"];

  test("the widget's own words carry data-nosnippet and content never does: loading, ready (answers open) and the error box", async () => {
    const path = servers.unique();
    const gate = held((req, res) => sendJson(res, SEED));
    servers.route(path, gate.handler);
    const missing = servers.unique("/api/missing");
    servers.route(missing, (req, res) => sendJson(res, { error: "gone" }, 404));
    await withPage(browser, async ({ page }) => {
      await page.goto(seedPage({ src: path, attrs: " data-faq-new-tab" }), { waitUntil: "domcontentloaded" });
      await gate.arrived;
      await page.waitForFunction(() => document.querySelector("#faq").shadowRoot?.querySelector(".faq__status"));
      let found = await audit(page);
      assert.deepEqual(found.own, [{ text: "Loading questions…", carrier: "div" }]);
      assert.deepEqual(found.content, []);

      gate.release();
      await waitForWidget(page, "#faq");
      await page.locator("#faq .faq__toggle-all").click();
      // English last: the error page below opens in the remembered language.
      for (const lang of ["es", "en"]) {
        await page.locator(`#faq .faq__language[data-lang="${lang}"]`).click();
        found = await audit(page);
        const own = found.own.map((t) => t.text);
        for (const words of [lang === "en" ? "Language" : "Idioma", "English", "Español", lang === "en" ? "Hide all" : "Ocultar todo"]) {
          assert.ok(own.includes(words), `"${words}" is the widget's own (${lang}): ${JSON.stringify(own)}`);
        }
        const newTab = lang === "en" ? "(opens in a new tab)" : "(se abre en una pestaña nueva)";
        assert.ok(own.includes(newTab), `the new-tab note is the widget's own (${lang})`);
        const uncarried = found.own.filter((t) => !CARRIERS.includes(t.carrier));
        assert.deepEqual(uncarried, [], `the widget's own words without data-nosnippet on a div, span or section (${lang})`);
        assert.equal(found.indicators.length, 2);
        assert.ok(found.indicators.every((t) => t.carrier === "span"), JSON.stringify(found.indicators));

        const texts = found.content.map((t) => t.text);
        assert.ok(texts.includes(SEED.title[lang]), "the title is content");
        assert.ok(texts.includes(seedQuestion(0, lang)) && texts.includes(seedQuestion(1, lang)), "the questions are content");
        assert.ok(texts.length > 10, `the open answers' texts are content (${texts.length})`);
        const carried = found.content.filter((t) => t.carrier !== null);
        assert.deepEqual(carried, [], `content under data-nosnippet (${lang})`);
      }

      await page.goto(seedPage({ src: missing }));
      await waitForWidget(page, "#faq", { state: "error" });
      found = await audit(page);
      assert.deepEqual(
        found.own.map((t) => t.text),
        ["These questions could not be shown.", "The server could not send the questions (error 404).", "Try again"],
      );
      assert.ok(found.own.every((t) => t.carrier === "div"), JSON.stringify(found.own));
    });
  });
});

describe("texts and globals", () => {
  test("the content can reword the widget's own texts per language", async () => {
    const content = {
      ...makeContent({
        items: [
          { id: "a", q: { en: "A?", es: "¿A?" }, a: { en: "A.", es: "A." } },
          { id: "b", q: { en: "B?", es: "¿B?" }, a: { en: "B.", es: "B." } },
        ],
      }),
      strings: { en: { show_all: "Expand everything" }, es: { show_all: "Ver todas", language: "Lengua" } },
    };
    const src = servers.json(servers.unique(), content);
    await withPage(browser, async ({ page, widgetErrors }) => {
      await page.goto(seedPage({ src }));
      await waitForWidget(page, "#faq");
      let snap = await snapshot(page, "#faq");
      assert.deepEqual(snap.toggleAll, { text: "Expand everything", expanded: "false" });
      assert.equal(snap.languageLabel, "Language");
      await page.locator('#faq .faq__language[data-lang="es"]').click();
      snap = await snapshot(page, "#faq");
      assert.deepEqual(snap.toggleAll, { text: "Ver todas", expanded: "false" });
      assert.equal(snap.languageLabel, "Lengua");
      await page.locator("#faq .faq__toggle-all").click();
      assert.deepEqual((await snapshot(page, "#faq")).toggleAll, { text: "Ocultar todo", expanded: "true" }, "the others stay built in");
      assert.deepEqual(widgetErrors(), []);
    });
  });

  test("the script adds one global, FaqWidget, and leaves the page's globals alone", async () => {
    const url = servers.page({
      head: `<script src="/globals-before.js"></script>`,
      body: `<div id="faq" data-faq-src="${SEED_URL}"></div>`,
    });
    await withPage(browser, async ({ page }) => {
      await page.goto(url);
      await waitForWidget(page, "#faq");
      const globals = await page.evaluate(() => ({
        added: Object.keys(window).filter((key) => !window.__globalsBefore.includes(key)),
        wasmBindgen: window.wasm_bindgen,
        amd: typeof window.define === "function" && window.define.amd === true,
        frozen: Object.isFrozen(window.FaqWidget),
      }));
      assert.deepEqual(globals, { added: ["FaqWidget"], wasmBindgen: "the host page's own", amd: true, frozen: true });
    });
  });
});

describe("mounting", () => {
  test("FaqWidget.mount on an auto-mounted element and mountAll again mount it once", async () => {
    const path = servers.unique();
    const counted = sequence((req, res) => sendJson(res, SEED));
    servers.route(path, counted);
    await withPage(browser, async ({ page }) => {
      await page.goto(seedPage({ src: path }));
      await waitForWidget(page, "#faq");
      await page.locator(`#q-${IDS[0]}`).click();
      const result = await page.evaluate(async (id) => {
        const host = document.querySelector("#faq");
        const before = host.shadowRoot.querySelector(".faq");
        const handle = FaqWidget.mount(host);
        await handle.ready;
        const count = await FaqWidget.mountAll();
        handle.open(id);
        return {
          same: host.shadowRoot.querySelector(".faq") === before,
          roots: host.shadowRoot.querySelectorAll(".faq").length,
          items: host.shadowRoot.querySelectorAll(".faq__item").length,
          count,
          language: handle.language,
        };
      }, IDS[1]);
      assert.deepEqual(result, { same: true, roots: 1, items: 2, count: 1, language: "en" });
      const snap = await snapshot(page, "#faq");
      assert.deepEqual(expanded(snap), ["true", "true"], "kept its state, and the handle drives the same widget");
      assert.equal(counted.calls, 1, "the content was fetched once");
      // One set of listeners: one click toggles exactly once.
      await page.locator(`#q-${IDS[0]}`).click();
      assert.deepEqual(expanded(await snapshot(page, "#faq")), ["false", "true"]);
    });
  });

  test("including the script twice mounts each widget once", async () => {
    const path = servers.unique();
    const counted = sequence((req, res) => sendJson(res, SEED));
    servers.route(path, counted);
    const url = servers.page({
      body: `<div id="faq" data-faq-src="${path}">${FALLBACK}</div>
             <script src="{{PKG}}/faq-widget.js" defer></script>`,
      script: "defer",
    });
    await withPage(browser, async ({ page }) => {
      let wasmRequests = 0;
      page.on("request", (request) => {
        if (request.url().endsWith("/faq_widget_bg.wasm")) wasmRequests++;
      });
      await page.goto(url);
      await waitForWidget(page, "#faq");
      assert.equal(await page.locator("script[src$='faq-widget.js']").count(), 2);
      assert.equal(await page.evaluate(() => document.querySelector("#faq").shadowRoot.querySelectorAll(".faq, .faq__item").length), 3);
      await page.locator(`#q-${IDS[0]}`).click();
      assert.deepEqual(expanded(await snapshot(page, "#faq")), ["true", "false"], "one click toggles once");
      await page.locator("#faq .faq__toggle-all").click();
      assert.deepEqual((await snapshot(page, "#faq")).toggleAll, { text: "Hide all", expanded: "true" });
      assert.equal(counted.calls, 1, "the content was fetched once");
      assert.equal(wasmRequests, 1, "the WebAssembly was fetched once");
    });
  });

  test("two widgets with different content work independently", async () => {
    const other = makeContent({
      title: { en: "Library card", es: "Tarjeta de la biblioteca" },
      items: [
        { id: "get-a-card", q: { en: "How do I get a card?", es: "¿Cómo obtengo una tarjeta?" }, a: { en: "Bring an ID.", es: "Traiga una identificación." } },
        { id: "renew", q: { en: "How do I renew a book?", es: "¿Cómo renuevo un libro?" }, a: { en: "Online.", es: "En línea." } },
        { id: "fines", q: { en: "Are there fines?", es: "¿Hay multas?" }, a: { en: "No.", es: "No." } },
      ],
    });
    const otherSrc = servers.json(servers.unique(), other);
    const url = servers.page({
      body: `<div id="one" data-faq-src="${SEED_URL}"></div>
             <div id="two" data-faq-src="${otherSrc}" data-faq-heading-level="4"></div>`,
    });
    await withPage(browser, async ({ page }) => {
      await page.goto(url);
      await waitForWidget(page, "#one");
      await waitForWidget(page, "#two");
      let one = await snapshot(page, "#one");
      let two = await snapshot(page, "#two");
      assert.equal(one.title, SEED.title.en);
      assert.equal(two.title, "Library card");
      assert.equal(two.titleTag, "h4");
      assert.deepEqual(two.items.map((i) => i.id), ["get-a-card", "renew", "fines"]);

      await page.locator("#two #q-renew").click();
      await page.locator("#one .faq__toggle-all").click();
      one = await snapshot(page, "#one");
      two = await snapshot(page, "#two");
      assert.deepEqual(expanded(one), ["true", "true"]);
      assert.deepEqual(expanded(two), ["false", "true", "false"]);
      assert.deepEqual(two.toggleAll, { text: "Show all", expanded: "false" });

      await page.locator('#two .faq__language[data-lang="es"]').click();
      one = await snapshot(page, "#one");
      two = await snapshot(page, "#two");
      assert.equal(two.lang, "es");
      assert.equal(two.title, "Tarjeta de la biblioteca");
      assert.equal(one.lang, "en", "the other widget keeps its language");
      assert.equal(one.title, SEED.title.en);
      assert.deepEqual(expanded(one), ["true", "true"]);
      assert.deepEqual(expanded(two), ["false", "true", "false"]);
    });
  });

  test("a broken widget does not stop the others on the page", async () => {
    const missing = servers.unique("/api/missing");
    servers.route(missing, (req, res) => sendJson(res, { error: "gone" }, 404));
    const url = servers.page({
      body: `<div id="broken" data-faq-src="${missing}"></div>
             <div id="bad-inline" data-faq><script type="application/json">{"version": 1, "items": [</script></div>
             <ul id="not-a-host" data-faq-src="${SEED_URL}"><li>A list cannot hold a shadow root</li></ul>
             <div id="faq" data-faq-src="${SEED_URL}"></div>`,
    });
    await withPage(browser, async ({ page, widgetErrors }) => {
      await page.goto(url);
      await waitForWidget(page, "#faq");
      await waitForWidget(page, "#broken", { state: "error" });
      await waitForWidget(page, "#bad-inline", { state: "error" });
      const good = await snapshot(page, "#faq");
      assert.equal(good.items.length, 2);
      await page.locator("#faq .faq__toggle-all").click();
      assert.deepEqual(expanded(await snapshot(page, "#faq")), ["true", "true"]);
      assert.equal((await snapshot(page, "#broken")).error.message, "The server could not send the questions (error 404).");
      assert.equal((await snapshot(page, "#bad-inline")).error.message, "The questions file is damaged: it is not valid JSON.");
      assert.equal(await page.evaluate(() => document.querySelector("#not-a-host").shadowRoot), null);
      assert.equal(await isRendered(page, "#not-a-host li"), true, "an element that cannot host keeps its content");
      await until(() => widgetErrors().length >= 3, { message: "three console errors" });
      const errors = widgetErrors();
      assert.equal(errors.length, 3, JSON.stringify(errors));
      assert.ok(errors.some((e) => e.startsWith(`faq-widget: ${missing}: the server answered HTTP 404`)), JSON.stringify(errors));
      assert.ok(errors.some((e) => e.startsWith('faq-widget: inline <script type="application/json">: it is not valid JSON')), JSON.stringify(errors));
      assert.ok(errors.some((e) => e.includes("cannot attach a shadow root to <ul>")), JSON.stringify(errors));
    });
  });
});

describe("JavaScript API", () => {
  test("mount with options, setLanguage, open, close, language and destroy", async () => {
    const url = servers.page({ body: `<div id="faq"><p id="fallback">Our FAQ, as a link.</p></div>` });
    await withPage(browser, async ({ page }) => {
      await page.goto(url);
      await page.waitForFunction(() => window.FaqWidget);
      assert.equal(await page.evaluate(() => document.querySelector("#faq").shadowRoot), null, "no data-faq attribute: not auto-mounted");
      await page.evaluate(async (src) => {
        window.handle = FaqWidget.mount(document.querySelector("#faq"), { src, lang: "es", headingLevel: 4 });
        const resolved = await window.handle.ready;
        if (resolved !== window.handle) throw new Error("ready resolves to the handle");
      }, SEED_URL);
      await waitForWidget(page, "#faq");
      let snap = await snapshot(page, "#faq");
      assert.equal(snap.lang, "es");
      assert.equal(await page.evaluate(() => handle.language), "es");
      assert.equal(snap.titleTag, "h4");
      assert.deepEqual(snap.items.map((i) => i.headingTag), ["h5", "h5"]);

      await page.evaluate(() => handle.setLanguage("en"));
      assert.equal(await page.evaluate(() => handle.language), "en");
      assert.equal((await snapshot(page, "#faq")).title, SEED.title.en);
      await page.evaluate(() => handle.setLanguage("es-MX"));
      assert.equal(await page.evaluate(() => handle.language), "es", "es-MX picks es");
      await page.evaluate(() => handle.setLanguage("fr"));
      assert.equal(await page.evaluate(() => handle.language), "es", "an unknown language is ignored");
      assert.equal((await snapshot(page, "#faq")).lang, "es");

      await page.evaluate((id) => handle.open(id), IDS[1]);
      snap = await snapshot(page, "#faq");
      assert.deepEqual(expanded(snap), ["false", "true"]);
      await page.evaluate(() => handle.open("no-such-question"));
      await page.evaluate((id) => handle.close(id), IDS[1]);
      await page.evaluate((id) => handle.open(id), IDS[0]);
      snap = await snapshot(page, "#faq");
      assert.deepEqual(expanded(snap), ["true", "false"]);
      assert.equal(snap.items[0].hidden, null);
      assert.equal(await isRendered(page, "#fallback"), false);

      const chained = await page.evaluate(() => handle.close("x") === handle);
      assert.equal(chained, true, "methods return the handle");

      await page.evaluate(() => handle.destroy());
      const after = await page.evaluate(() => {
        const shadow = document.querySelector("#faq").shadowRoot;
        return [...shadow.children].map((el) => el.tagName.toLowerCase());
      });
      assert.deepEqual(after, ["slot"], "only a slot is left");
      assert.equal(await isRendered(page, "#fallback"), true, "the fallback shows again");
      await page.evaluate((id) => handle.open(id), IDS[0]); // a no-op, no exception
      assert.equal(await page.evaluate(() => document.querySelector("#faq").shadowRoot.querySelector(".faq")), null);

      // The same host can be mounted again, here with content given as an object.
      await page.evaluate(async () => {
        const content = {
          version: 1,
          languages: [{ code: "en", name: "English" }],
          title: { en: "Again" },
          items: [{ id: "again", question: { en: "Again?" }, answer: { en: "Yes." } }],
        };
        window.second = FaqWidget.mount(document.querySelector("#faq"), { content });
        await window.second.ready;
      });
      await waitForWidget(page, "#faq");
      snap = await snapshot(page, "#faq");
      assert.equal(snap.title, "Again");
      assert.deepEqual(snap.items.map((i) => i.id), ["again"]);
      assert.deepEqual(snap.languages, [], "one language: no language buttons");
      assert.equal(await isRendered(page, "#fallback"), false);
    });
  });

  test("calls made right after mount apply once the content has loaded", async () => {
    const url = servers.page({ body: `<div id="faq"></div>` });
    await withPage(browser, async ({ page }) => {
      await page.goto(url);
      await page.waitForFunction(() => window.FaqWidget);
      await page.evaluate(
        ([src, id]) => {
          const handle = FaqWidget.mount(document.querySelector("#faq"), { src });
          handle.setLanguage("es");
          handle.open(id);
        },
        [SEED_URL, IDS[1]],
      );
      await waitForWidget(page, "#faq");
      const snap = await snapshot(page, "#faq");
      assert.equal(snap.lang, "es");
      assert.deepEqual(expanded(snap), ["false", "true"], "open() called before the content arrived is not lost");
    });
  });

  test("after `await handle.ready`, open() opens the answer", async () => {
    const url = servers.page({ body: `<div id="faq"></div>` });
    await withPage(browser, async ({ page }) => {
      await page.goto(url);
      await page.waitForFunction(() => window.FaqWidget);
      await page.evaluate(
        async ([src, id]) => {
          const handle = FaqWidget.mount(document.querySelector("#faq"), { src });
          await handle.ready;
          handle.open(id);
        },
        [SEED_URL, IDS[1]],
      );
      await waitForWidget(page, "#faq");
      assert.deepEqual(expanded(await snapshot(page, "#faq")), ["false", "true"], "open() after ready is not lost");
    });
  });

  test("destroy while the content is loading: the late content is never drawn", async () => {
    const path = servers.unique();
    const gate = held((req, res) => sendJson(res, SEED));
    servers.route(path, gate.handler);
    const url = servers.page({ body: `<div id="faq">${FALLBACK}</div><div id="probe"></div>` });
    await withPage(browser, async ({ page }) => {
      await page.goto(url);
      await page.waitForFunction(() => window.FaqWidget);
      await page.evaluate(async (src) => {
        const handle = FaqWidget.mount(document.querySelector("#faq"), { src });
        await handle.ready;
        handle.destroy();
        // A second widget on the same held URL: once it shows, the first one's response has arrived too.
        FaqWidget.mount(document.querySelector("#probe"), { src });
      }, path);
      await gate.arrived;
      gate.release();
      await waitForWidget(page, "#probe");
      const shadow = await page.evaluate(() => [...document.querySelector("#faq").shadowRoot.children].map((el) => el.tagName.toLowerCase()));
      assert.deepEqual(shadow, ["slot"]);
      assert.equal(await isRendered(page, "#fallback"), true);
    });
  });

  test("mountAll mounts hosts added after the page loaded", async () => {
    await withPage(browser, async ({ page }) => {
      await page.goto(seedPage());
      await waitForWidget(page, "#faq");
      const count = await page.evaluate(async (src) => {
        const late = document.createElement("div");
        late.id = "late";
        late.setAttribute("data-faq-src", src);
        late.setAttribute("data-faq-lang", "es");
        document.body.append(late);
        return FaqWidget.mountAll();
      }, SEED_URL);
      assert.equal(count, 2);
      await waitForWidget(page, "#late");
      assert.equal((await snapshot(page, "#late")).lang, "es");
      assert.equal((await snapshot(page, "#faq")).lang, "en");
    });
  });
});

describe("script kinds", () => {
  const kinds = {
    defer: { script: "defer", where: "body" },
    async: { script: "async", where: "body" },
    module: { script: "module", where: "body" },
    "classic, in <head> before the host exists": { script: "classic", where: "head" },
    "classic, after the host": { script: "classic", where: "body" },
    "module, with a query string": { script: "module?v=1", where: "body" },
    "classic, inserted by another script after the page loaded": { script: "dynamic", where: "body" },
  };
  for (const [name, { script, where }] of Object.entries(kinds)) {
    test(`the script works as ${name}`, async () => {
      const tag = {
        defer: `<script src="{{PKG}}/faq-widget.js" defer></script>`,
        async: `<script src="{{PKG}}/faq-widget.js" async></script>`,
        module: `<script type="module" src="{{PKG}}/faq-widget.js"></script>`,
        classic: `<script src="{{PKG}}/faq-widget.js"></script>`,
        "module?v=1": `<script type="module" src="{{PKG}}/faq-widget.js?v=1"></script>`,
        // As a tag manager does it: once the page has loaded.
        dynamic: `<script src="/insert-widget.js" data-src="{{PKG}}/faq-widget.js"></script>`,
      }[script];
      const url = servers.page({
        head: where === "head" ? tag : "",
        body: `<div id="faq" data-faq-src="${SEED_URL}">${FALLBACK}</div>`,
        script: where === "body" ? tag : "none",
      });
      await withPage(browser, async ({ page, widgetErrors }) => {
        await page.goto(url);
        await waitForWidget(page, "#faq");
        await page.locator(`#q-${IDS[0]}`).click();
        const snap = await snapshot(page, "#faq");
        assert.deepEqual(expanded(snap), ["true", "false"]);
        assert.equal(snap.title, SEED.title.en);
        assert.equal(await isRendered(page, "#fallback"), false);
        assert.equal(await page.evaluate(() => typeof FaqWidget.mount), "function");
        assert.deepEqual(widgetErrors(), []);
      });
    });
  }
});

describe("hosting", () => {
  test("a .wasm served as application/octet-stream, not application/wasm, still loads", async () => {
    const url = seedPage({ script: `<script src="{{PKG}}/octet/faq-widget.js" defer></script>` });
    await withPage(browser, async ({ page, widgetErrors }) => {
      const wasmTypes = [];
      page.on("response", (response) => {
        if (response.url().endsWith(".wasm")) wasmTypes.push(response.headers()["content-type"]);
      });
      await page.goto(url);
      await waitForWidget(page, "#faq");
      assert.deepEqual(wasmTypes, ["application/octet-stream"]);
      await page.locator(`#q-${IDS[0]}`).click();
      const snap = await snapshot(page, "#faq");
      assert.deepEqual(expanded(snap), ["true", "false"]);
      assert.equal(snap.title, SEED.title.en);
      assert.equal(await isRendered(page, "#fallback"), false);
      assert.deepEqual(widgetErrors(), []);
    });
  });
});
