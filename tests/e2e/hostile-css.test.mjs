// A host page with aggressive global CSS (tests/e2e/pages/hostile.css) must
// not change the widget's layout: every element in the shadow root has the
// same box (relative to div.faq) and the same computed styles as on a plain
// page, within 0.5px.
import { test, describe } from "node:test";
import assert from "node:assert/strict";
import {
  shareBrowserAndServers,
  withPage,
  waitForWidget,
  snapshot,
  sendJson,
  SEED_URL,
  IDS,
} from "./harness.mjs";

let browser;
let servers;
shareBrowserAndServers((b, s) => ([browser, servers] = [b, s]));

const VIEWPORT = { width: 1000, height: 900 };
const STYLES = ["display", "fontSize", "lineHeight", "letterSpacing", "wordSpacing", "textTransform", "textIndent", "textAlign", "color", "fontWeight", "visibility"];

/** Two pages with the same widget: one plain, one with hostile.css. */
function pages(src, { fallback = true } = {}) {
  const children = fallback ? `<p id="fallback">Fallback text.</p>` : "";
  const body = `<p id="page-text">The page's own text.</p><button id="page-button" type="button">Page button</button>
    <div id="faq" data-faq-src="${src}" style="display:block;width:600px">${children}</div>`;
  return {
    plain: servers.page({ lang: "en", body }),
    hostile: servers.page({ lang: "en", head: `<link rel="stylesheet" href="/hostile.css">`, body }),
  };
}

/** Every element in the shadow root: its box relative to div.faq and its computed styles. */
function layout(page) {
  return page.evaluate((styles) => {
    const shadow = document.querySelector("#faq").shadowRoot;
    const root = shadow.querySelector(".faq");
    const origin = root.getBoundingClientRect();
    const entries = [];
    const walk = (el, path) => {
      const rect = el.getBoundingClientRect();
      const style = getComputedStyle(el);
      // A slot is display: contents: it has no box of its own, and what it
      // shows is the host's (its position reads differently on every page).
      const boxless = style.display === "contents";
      const entry = {
        path,
        x: boxless ? 0 : rect.x - origin.x,
        y: boxless ? 0 : rect.y - origin.y,
        width: rect.width,
        height: rect.height,
      };
      for (const name of styles) entry[name] = style[name];
      const before = getComputedStyle(el, "::before");
      if (before.content !== "none") {
        entry.beforeWidth = before.width;
        entry.beforeHeight = before.height;
        entry.beforeTransform = before.transform;
        entry.beforeDisplay = before.display;
      }
      entries.push(entry);
      [...el.children].forEach((child, i) => walk(child, `${path} > ${child.tagName.toLowerCase()}${child.className ? "." + child.className : ""}:${i}`));
    };
    walk(root, "div.faq");
    return { entries, rootWidth: origin.width, rootHeight: origin.height };
  }, STYLES);
}

function compare(plain, hostile) {
  const differences = [];
  assert.deepEqual(
    hostile.entries.map((e) => e.path),
    plain.entries.map((e) => e.path),
    "the same elements in the shadow root",
  );
  plain.entries.forEach((p, i) => {
    const h = hostile.entries[i];
    for (const key of Object.keys(p)) {
      if (key === "path") continue;
      const same = typeof p[key] === "number" ? Math.abs(p[key] - h[key]) <= 0.5 : p[key] === h[key];
      if (!same) differences.push(`${p.path} ${key}: plain ${JSON.stringify(p[key])}, hostile ${JSON.stringify(h[key])}`);
    }
    for (const key of Object.keys(h)) if (!(key in p)) differences.push(`${p.path} ${key}: only on the hostile page`);
  });
  assert.deepEqual(differences.slice(0, 25), [], `${differences.length} differences`);
}

/** Loads both pages, brings each to the same state with `act`, and compares. */
async function compareState(src, act, state = "ready", sabotage = null, { fallback = true } = {}) {
  const urls = pages(src, { fallback });
  const results = {};
  for (const kind of ["plain", "hostile"]) {
    await withPage(browser, { viewport: VIEWPORT }, async ({ page }) => {
      await page.goto(urls[kind]);
      await waitForWidget(page, "#faq", { state });
      if (kind === "hostile") {
        // The hostile sheet did apply to the page itself.
        const page_ = await page.evaluate(() => ({
          button: getComputedStyle(document.querySelector("#page-button")).display,
          text: getComputedStyle(document.querySelector("#page-text")).fontSize,
          hostPadding: getComputedStyle(document.querySelector("#faq")).paddingTop,
        }));
        assert.deepEqual(page_, { button: "none", text: "48px", hostPadding: "30px" });
      }
      await act(page);
      // A state compared mid-transition (the indicator turns in 0.15 s) differs by timing alone.
      await page.evaluate(() =>
        Promise.all(
          [...document.getAnimations(), ...(document.querySelector("#faq").shadowRoot?.getAnimations() ?? [])].map(
            (a) => a.finished
          )
        )
      );
      if (kind === "hostile" && sabotage) await page.evaluate(sabotage);
      results[kind] = await layout(page);
      results[kind].snapshot = await snapshot(page, "#faq");
    });
  }
  assert.equal(results.plain.rootWidth, 600);
  assert.ok(results.plain.entries.length >= (state === "ready" ? 10 : 5), "the widget drew something to compare");
  compare(results.plain, results.hostile);
  return results;
}

describe("hostile host CSS", () => {
  test("collapsed, in English: the same layout as on a plain page", async () => {
    const { plain, hostile } = await compareState(SEED_URL, async () => {});
    assert.equal(hostile.snapshot.toggleAll.text, "Show all");
    assert.ok(Math.abs(plain.rootHeight - hostile.rootHeight) <= 0.5);
    const question = plain.entries.find((e) => e.path.endsWith("button.faq__question:0"));
    assert.equal(question.display, "flex");
    assert.equal(question.fontSize, "18px");
  });

  test("all open, in Spanish: the same layout as on a plain page", async () => {
    const { hostile } = await compareState(SEED_URL, async (page) => {
      await page.locator("#faq .faq__toggle-all").click();
      await page.locator('#faq .faq__language[data-lang="es"]').click();
    });
    assert.equal(hostile.snapshot.lang, "es");
    assert.deepEqual(hostile.snapshot.items.map((i) => i.expanded), ["true", "true"]);
    assert.ok(hostile.snapshot.items.every((i) => i.answerHeight > 50));
  });

  test("one answer open by keyboard (focus ring showing): the same layout", async () => {
    await compareState(SEED_URL, async (page) => {
      await page.locator(`#q-${IDS[1]}`).focus();
      await page.keyboard.press("Enter");
    });
  });

  test("the error box: the same layout as on a plain page", async () => {
    const path = servers.unique("/api/hostile-404");
    servers.route(path, (req, res) => sendJson(res, { error: "missing" }, 404));
    // Without fallback children: below the error box they show as the host
    // page styles them (hostile here), which is theirs to decide.
    const { hostile } = await compareState(path, async () => {}, "error", null, { fallback: false });
    assert.equal(hostile.snapshot.error.retry, "Try again");
  });
});

describe("control", () => {
  test("the comparison catches a widget that lets the host's inherited styles in", async () => {
    await assert.rejects(
      compareState(SEED_URL, async () => {}, "ready", () => {
        // As if div.faq no longer reset inherited properties.
        const shadow = document.querySelector("#faq").shadowRoot;
        const sheet = new CSSStyleSheet();
        sheet.replaceSync(".faq { letter-spacing: inherit; line-height: inherit; }");
        shadow.adoptedStyleSheets = [...shadow.adoptedStyleSheets, sheet];
      }),
      (error) => /differences/.test(error.message) && /letterSpacing: plain "normal", hostile "6px"/.test(error.message),
    );
  });
});
