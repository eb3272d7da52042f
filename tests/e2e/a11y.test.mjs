// Accessibility on the demo page (www/index.html, the widget loaded from the
// pkg origin): axe-core WCAG 2.2 AA in English and Spanish, collapsed and
// expanded; 44×44 px targets; no horizontal scrolling at 320 px; and colour
// contrast in dark mode and with forced colours.
import { test, describe, before, after } from "node:test";
import assert from "node:assert/strict";
import { launchBrowser, startServers, withPage, waitForWidget, snapshot, makeContent, AXE_PATH, SEED, IDS } from "./harness.mjs";

let browser;
let servers;
let demo;

before(async () => {
  [browser, servers] = await Promise.all([launchBrowser(), startServers()]);
  demo = `${servers.host}/www/index.html`;
});
after(async () => {
  await browser?.close();
  await servers?.close();
});

const HOST = "[data-faq-src]";
const WCAG = { runOnly: { type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"] } };
const CONTRAST = { runOnly: { type: "rule", values: ["color-contrast"] } };

/** Runs axe on the whole page; returns violations (printable) and the targets that passed per rule. */
async function axe(page, options) {
  if (!(await page.evaluate(() => typeof window.axe === "object"))) await page.addScriptTag({ path: AXE_PATH });
  return page.evaluate(async (opts) => {
    const results = await window.axe.run(document, opts);
    return {
      violations: results.violations.map((v) => ({
        id: v.id,
        impact: v.impact,
        help: v.help,
        nodes: v.nodes.map((n) => ({ target: n.target, summary: n.failureSummary })),
      })),
      passes: Object.fromEntries(results.passes.map((p) => [p.id, p.nodes.map((n) => n.target)])),
    };
  }, options);
}

function assertNoViolations(result, where) {
  assert.deepEqual(result.violations, [], `axe violations ${where}:\n${JSON.stringify(result.violations, null, 2)}`);
}

/**
 * Whether axe checked `rule` on a node inside the widget's shadow root: such a
 * node's target is [[host selector, selector in the shadow root]].
 */
function checkedInShadow(result, rule, fragment) {
  return (result.passes[rule] || []).some(
    (target) => Array.isArray(target[0]) && target[0].length === 2 && target[0][1].includes(fragment),
  );
}

async function openDemo(page, { lang = "en", expand = false } = {}) {
  await page.goto(demo);
  await waitForWidget(page, HOST);
  // Always press it: a choice made earlier in this context is remembered.
  await page.locator(`${HOST} .faq__language[data-lang="${lang}"]`).click();
  // Open questions are remembered in this tab too: close those left open
  // (Hide all when all are, else Show all then Hide all) before choosing.
  const toggleAll = page.locator(`${HOST} .faq__toggle-all`);
  const anyOpen = async () => (await snapshot(page, HOST)).items.some((item) => item.expanded === "true");
  for (let clicks = 0; clicks < 2 && (await anyOpen()); clicks++) await toggleAll.click();
  if (expand) await toggleAll.click();
  const snap = await snapshot(page, HOST);
  assert.equal(snap.lang, lang);
  assert.equal(snap.title, SEED.title[lang]);
  assert.deepEqual(snap.items.map((i) => i.expanded), expand ? ["true", "true"] : ["false", "false"]);
  return snap;
}

describe("axe-core, WCAG 2.2 AA, on the demo page", () => {
  for (const lang of ["en", "es"]) {
    for (const expand of [false, true]) {
      const name = `${lang === "en" ? "English" : "Spanish"}, ${expand ? "expanded (Show all)" : "collapsed"}`;
      test(`no violations: ${name}`, async () => {
        await withPage(browser, async ({ page }) => {
          await openDemo(page, { lang, expand });
          const result = await axe(page, WCAG);
          assertNoViolations(result, name);
          assert.ok(checkedInShadow(result, "button-name", `#q-${IDS[0]}`), "axe checked the widget's question buttons");
          assert.ok(checkedInShadow(result, "color-contrast", "faq__question-text"), "axe checked colour contrast inside the widget");
          if (expand) assert.ok(checkedInShadow(result, "link-name", ""), "axe checked the links in open answers");
        });
      });
    }
  }
});

describe("axe-core, WCAG 2.2 AA, the error box on the demo page", () => {
  test("no violations in the error box, in English and Spanish, and its Try again is 44×44", async () => {
    await withPage(browser, async ({ page }) => {
      await page.route("**/content/second-opinion.json", (route) => route.fulfill({ status: 404, body: "missing" }));
      for (const [lang, message] of [
        ["en", "The server could not send the questions (error 404)."],
        ["es", "El servidor no pudo enviar las preguntas (error 404)."],
      ]) {
        await page.goto(lang === "en" ? demo : `${servers.host}/www/es.html`);
        await waitForWidget(page, HOST, { state: "error" });
        const snap = await snapshot(page, HOST);
        assert.equal(snap.lang, lang);
        assert.equal(snap.error.message, message);
        const result = await axe(page, WCAG);
        assertNoViolations(result, `error box, ${lang}`);
        assert.ok(checkedInShadow(result, "color-contrast", "faq__error"), "axe checked the error box");
        const retry = await page.locator(`${HOST} .faq__retry`).boundingBox();
        assert.ok(retry.width >= 44 && retry.height >= 44, JSON.stringify(retry));
      }
    });
  });
});

describe("the controls relation in Chromium's accessibility tree", () => {
  /** A page with `count` questions inline (ids q0, q1 …), in a <main>. */
  function inlinePage(count) {
    const items = Array.from({ length: count }, (_, i) => ({
      id: `q${i}`,
      q: { en: `Question number ${i}?`, es: `¿Pregunta número ${i}?` },
      a: { en: `Answer number ${i}, in a sentence.`, es: `Respuesta número ${i}, en una frase.` },
    }));
    const json = JSON.stringify(makeContent({ items })).replace(/</g, "\\u003c");
    return servers.page({
      lang: "en",
      body: `<main><h1>Help</h1><div id="faq" data-faq><script type="application/json">${json}</script></div></main>`,
    });
  }

  /**
   * Chromium's full accessibility tree (CDP), read back to DOM ids: for each
   * question button, the ids of the nodes its `controls` relation points at;
   * the names of the regions (landmarks) exposed; and the answer texts exposed.
   */
  async function axTree(page) {
    const cdp = await page.context().newCDPSession(page);
    try {
      const { nodes } = await cdp.send("Accessibility.getFullAXTree");
      const domId = async (backendNodeId) => {
        const { node } = await cdp.send("DOM.describeNode", { backendNodeId });
        const attributes = node.attributes || [];
        const at = attributes.indexOf("id");
        return at >= 0 && at % 2 === 0 ? attributes[at + 1] : null;
      };
      const controls = {};
      for (const node of nodes) {
        if (node.ignored || node.role?.value !== "button" || node.backendDOMNodeId === undefined) continue;
        const id = await domId(node.backendDOMNodeId);
        if (!id?.startsWith("q-")) continue;
        const relation = (node.properties || []).find((property) => property.name === "controls");
        const targets = [];
        for (const related of relation?.value?.relatedNodes || []) targets.push(await domId(related.backendDOMNodeId));
        controls[id] = targets;
      }
      const live = nodes.filter((node) => !node.ignored);
      return {
        controls,
        regions: live.filter((node) => node.role?.value === "region").map((node) => node.name?.value ?? ""),
        answerTexts: live.filter((node) => node.role?.value === "StaticText" && /^Answer number/.test(node.name?.value ?? "")).length,
      };
    } finally {
      await cdp.detach();
    }
  }

  for (const count of [2, 40]) {
    test(`each question's aria-controls reaches the tree, pointing at its answer: ${count} questions, closed and open`, async () => {
      await withPage(browser, async ({ page }) => {
        await page.goto(inlinePage(count));
        await waitForWidget(page, "#faq");
        const expected = Object.fromEntries(Array.from({ length: count }, (_, i) => [`q-q${i}`, [`a-q${i}`]]));
        const questions = Array.from({ length: count }, (_, i) => `Question number ${i}?`);

        let tree = await axTree(page);
        assert.deepEqual(tree.controls, expected, "closed: each button controls its own answer");
        assert.deepEqual(tree.regions, [], "closed answers are no landmarks");
        assert.equal(tree.answerTexts, 0, "closed answers stay hidden from assistive technology");

        await page.locator("#faq .faq__toggle-all").click();
        tree = await axTree(page);
        assert.deepEqual(tree.controls, expected, "open: each button controls its own answer");
        assert.equal(tree.answerTexts, count, "open answers are read");
        // Up to 6 questions an open answer is a region named by its question
        // (the APG accordion); beyond, no landmark per answer.
        assert.deepEqual(tree.regions, count <= 6 ? questions : []);

        // Closing one by hand drops its region again and keeps the relation.
        await page.locator("#faq #q-q1").click();
        tree = await axTree(page);
        assert.deepEqual(tree.controls, expected);
        assert.deepEqual(tree.regions, count <= 6 ? questions.filter((_, i) => i !== 1) : []);
        assert.equal(tree.answerTexts, count - 1);

        const result = await axe(page, WCAG);
        assertNoViolations(result, `${count} questions, one closed`);
        assert.ok(checkedInShadow(result, "button-name", "#q-q0"), "axe checked the widget");
      });
    });
  }
});

describe("targets and reflow", () => {
  /** Sizes of every button in the widget that is rendered. */
  const buttonSizes = (page) =>
    page.evaluate((selector) => {
      const shadow = document.querySelector(selector).shadowRoot;
      return [...shadow.querySelectorAll("button")].map((b) => {
        const r = b.getBoundingClientRect();
        return { button: b.id || `${b.className}:${b.dataset.lang || ""}`, width: r.width, height: r.height };
      });
    }, HOST);

  for (const viewport of [{ width: 1280, height: 800 }, { width: 320, height: 640 }]) {
    test(`every button is at least 44×44 CSS px at ${viewport.width} px wide, in English and Spanish`, async () => {
      await withPage(browser, { viewport }, async ({ page }) => {
        for (const lang of ["en", "es"]) {
          await openDemo(page, { lang, expand: true });
          const sizes = await buttonSizes(page);
          assert.equal(sizes.length, 5, "2 languages, Show all, 2 questions");
          const small = sizes.filter((s) => s.width < 44 || s.height < 44);
          assert.deepEqual(small, [], `buttons under 44×44 (${lang}): ${JSON.stringify(small)}`);
        }
      });
    });
  }

  test("no horizontal scrolling at 320 CSS px, collapsed and expanded, in both languages", async () => {
    await withPage(browser, { viewport: { width: 320, height: 640 } }, async ({ page }) => {
      for (const lang of ["en", "es"]) {
        for (const expand of [false, true]) {
          await openDemo(page, { lang, expand });
          const widths = await page.evaluate((selector) => {
            const host = document.querySelector(selector);
            const root = host.shadowRoot.querySelector(".faq");
            return {
              scrollWidth: document.documentElement.scrollWidth,
              widget: root.getBoundingClientRect().right,
              widest: Math.max(...[...host.shadowRoot.querySelectorAll("*")].map((el) => el.getBoundingClientRect().right)),
            };
          }, HOST);
          const where = `${lang}, ${expand ? "expanded" : "collapsed"}: ${JSON.stringify(widths)}`;
          assert.ok(widths.scrollWidth <= 320, `page scrolls sideways (${where})`);
          assert.ok(widths.widest <= 320, `a widget element sticks out (${where})`);
        }
      }
    });
  });
});

describe("colour schemes", () => {
  test("dark mode: the widget turns dark and passes colour contrast, collapsed and expanded", async () => {
    await withPage(browser, async ({ page }) => {
      await page.emulateMedia({ colorScheme: "dark" });
      for (const expand of [false, true]) {
        await openDemo(page, { expand });
        const colors = await page.evaluate((selector) => {
          const shadow = document.querySelector(selector).shadowRoot;
          return {
            dark: matchMedia("(prefers-color-scheme: dark)").matches,
            background: getComputedStyle(shadow.querySelector(".faq")).backgroundColor,
            text: getComputedStyle(shadow.querySelector(".faq")).color,
          };
        }, HOST);
        // www/host.css sets --faq-background: #1c1418 in dark mode; the widget's dark text is #ececf1.
        assert.deepEqual(colors, { dark: true, background: "rgb(28, 20, 24)", text: "rgb(236, 236, 241)" });
        const result = await axe(page, CONTRAST);
        assertNoViolations(result, `dark, ${expand ? "expanded" : "collapsed"}`);
        assert.ok(checkedInShadow(result, "color-contrast", "faq__question-text"), "contrast was checked inside the widget");
      }
    });
  });

  test("forced colours (dark): colour contrast passes and the pressed language stays distinguishable", async () => {
    await withPage(browser, async ({ page }) => {
      await page.emulateMedia({ colorScheme: "dark", forcedColors: "active" });
      await openDemo(page, { expand: true });
      const state = await page.evaluate((selector) => {
        const shadow = document.querySelector(selector).shadowRoot;
        const style = (el) => getComputedStyle(el);
        const [en, es] = shadow.querySelectorAll(".faq__language");
        return {
          forced: matchMedia("(forced-colors: active)").matches,
          pressedDiffers: style(en).backgroundColor !== style(es).backgroundColor || style(en).color !== style(es).color,
          indicatorBorder: style(shadow.querySelector(".faq__indicator")).borderTopStyle,
        };
      }, HOST);
      assert.deepEqual(state, { forced: true, pressedDiffers: true, indicatorBorder: "solid" });
      const result = await axe(page, CONTRAST);
      assertNoViolations(result, "forced colours, dark");
      assert.ok(checkedInShadow(result, "color-contrast", "faq__question-text"));
    });
  });

  test("the widget's default theme (no host theming) passes colour contrast, light and dark", async () => {
    const url = servers.page({ lang: "en", body: `<main><h1>Plain page</h1><div id="faq" data-faq-src="/www/content/second-opinion.json"></div></main>` });
    for (const colorScheme of ["light", "dark"]) {
      await withPage(browser, { colorScheme }, async ({ page }) => {
        await page.goto(url);
        await waitForWidget(page, "#faq");
        await page.locator("#faq .faq__toggle-all").click();
        const background = await page.evaluate(() => getComputedStyle(document.querySelector("#faq").shadowRoot.querySelector(".faq")).backgroundColor);
        assert.equal(background, colorScheme === "dark" ? "rgb(22, 22, 26)" : "rgb(255, 255, 255)");
        const result = await axe(page, CONTRAST);
        assertNoViolations(result, `default theme, ${colorScheme}`);
        assert.ok(checkedInShadow(result, "color-contrast", "faq__question-text"));
      });
    }
  });
});

describe("focus and motion", () => {
  test("keyboard focus is visible on every kind of button", async () => {
    await withPage(browser, async ({ page }) => {
      await page.goto(demo);
      await waitForWidget(page, HOST);
      const rings = [];
      for (let i = 0; i < 4; i++) {
        await page.keyboard.press("Tab");
        rings.push(
          await page.evaluate((selector) => {
            const shadow = document.querySelector(selector).shadowRoot;
            const el = shadow.activeElement;
            if (!el) return { focused: document.activeElement?.outerHTML.slice(0, 60) };
            const style = getComputedStyle(el);
            return { button: el.id || el.className, outline: `${style.outlineStyle} ${style.outlineWidth}`, focusVisible: el.matches(":focus-visible") };
          }, HOST),
        );
      }
      // The demo page's own language link comes first in the tab order.
      const widgetRings = rings.filter((r) => r.button);
      assert.deepEqual(
        widgetRings.map((r) => r.button),
        ["lang-en", "lang-es", "toggle-all"],
        JSON.stringify(rings),
      );
      for (const ring of widgetRings) assert.deepEqual([ring.outline, ring.focusVisible], ["solid 3px", true], JSON.stringify(ring));
      await page.keyboard.press("Tab");
      const question = await page.evaluate((selector) => {
        const el = document.querySelector(selector).shadowRoot.activeElement;
        const style = getComputedStyle(el);
        return { id: el.id, outline: `${style.outlineStyle} ${style.outlineWidth}` };
      }, HOST);
      assert.deepEqual(question, { id: `q-${IDS[0]}`, outline: "solid 3px" });
    });
  });

  test("with prefers-reduced-motion: reduce the indicator does not animate", async () => {
    for (const reducedMotion of ["reduce", "no-preference"]) {
      await withPage(browser, { reducedMotion }, async ({ page }) => {
        await openDemo(page);
        const duration = await page.evaluate(
          (selector) => getComputedStyle(document.querySelector(selector).shadowRoot.querySelector(".faq__indicator"), "::before").transitionDuration,
          HOST,
        );
        assert.equal(duration, reducedMotion === "reduce" ? "0s" : "0.15s");
      });
    }
  });
});
