// Broken content files, fetched through data-faq-src. A file the widget
// cannot show at all gets the error box with its own message in the reader's
// language (English and Spanish), with Try again only for an HTTP error; a
// file with a problem in one question or part shows everything else. Either
// way exactly one console.error names the URL and each problem, and nothing
// is thrown at the host page. The samples are
// tests/fixtures/broken/ (also checked by `faq check` in tests/cli.rs); the
// big ones and the HTTP failures are made here.
import { test, describe } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { shareBrowserAndServers, withPage, waitForWidget, snapshot, until, ROOT } from "./harness.mjs";

let browser;
let servers;
shareBrowserAndServers((b, s) => ([browser, servers] = [b, s]));

const BROKEN = join(ROOT, "tests", "fixtures", "broken");
const fixture = (name) => readFileSync(join(BROKEN, name));

const BOX = {
  en: { heading: "These questions could not be shown.", retry: "Try again" },
  es: { heading: "No se pudieron mostrar estas preguntas.", retry: "Intentar de nuevo" },
};

const DAMAGED_JSON = {
  en: "The questions file is damaged: it is not valid JSON.",
  es: "El archivo de preguntas está dañado: no es JSON válido.",
};
const NOT_UTF8 = {
  en: "The questions file is damaged: it is not valid UTF-8 text.",
  es: "El archivo de preguntas está dañado: no es texto UTF-8 válido.",
};
const inField = (field) => ({
  en: `The questions file has a mistake in “${field}”.`,
  es: `El archivo de preguntas tiene un error en “${field}”.`,
});
const inItem = (item, field) => ({
  en: `The questions file has a mistake in question “${item}”, field “${field}”.`,
  es: `El archivo de preguntas tiene un error en la pregunta “${item}”, en el campo “${field}”.`,
});
const httpStatus = (status) => ({
  en: `The server could not send the questions (error ${status}).`,
  es: `El servidor no pudo enviar las preguntas (error ${status}).`,
});
const invalid = (...lines) => `the content is invalid:${lines.map((l) => `\n  ${l}`).join("")}`;

/** Valid content with `items`, for the generated samples. */
function content(items) {
  return {
    version: 1,
    languages: [
      { code: "en", name: "English" },
      { code: "es", name: "Español" },
    ],
    title: { en: "Library help", es: "Ayuda de la biblioteca" },
    items,
  };
}

const item = (id) => ({
  id,
  question: { en: `Question ${id}?`, es: `¿Pregunta ${id}?` },
  answer: { en: "Answer.", es: "Respuesta." },
});

function bigAnswer() {
  const sentence = "Our opening hours change with the seasons; check the calendar. ";
  const answer = sentence.repeat(Math.ceil(1_000_000 / sentence.length)).slice(0, 1_000_000);
  assert.equal(answer.length, 1_000_000);
  return Buffer.from(JSON.stringify(content([item("hours"), { ...item("big"), answer: { en: answer, es: "Corta." } }])));
}

const manyItems = () => Buffer.from(JSON.stringify(content(Array.from({ length: 10_000 }, (_, k) => item(`q${k}`)))));

const utf8File = fixture("invalid-utf8.json");

/**
 * Each sample: the response (status, bytes), what the reader is told in
 * each language, and the console message after "faq-widget: URL: ".
 */
const SAMPLES = {
  "truncated JSON": { body: fixture("truncated.json"), message: DAMAGED_JSON, console: /^it is not valid JSON \(SyntaxError: .+\)$/ },
  "wrong types (items is an object)": {
    body: fixture("wrong-types.json"),
    message: inField("items"),
    console: invalid("items: expected a list, found an object"),
  },
  "an unknown version (2)": {
    body: fixture("unknown-version.json"),
    message: inField("version"),
    console: invalid("version: unsupported version 2; this widget reads version 1"),
  },
  "no languages": {
    body: fixture("no-languages.json"),
    message: inField("languages"),
    console: invalid('languages: is empty; list at least one {"code", "name"}'),
  },
  "every question left out (one not URL-safe id, one empty question)": {
    body: Buffer.from(
      JSON.stringify(content([{ ...item("get a card") }, { ...item("hours"), question: { en: " ", es: "¿Cuándo?" } }])),
    ),
    message: inItem("#1", "id"),
    console: invalid(
      'item #1: id: "get a card" is not URL-safe: use only letters a–z, A–Z, digits, "-" and "_"',
      "item hours: question (en): is empty",
    ),
  },
  "a Latin-1 byte inside a string": {
    body: utf8File,
    message: NOT_UTF8,
    console: `it is not valid UTF-8 (first bad byte at offset ${utf8File.indexOf(0xe9)})`,
  },
  "raw bytes that are not UTF-8": {
    body: Buffer.from([0x7b, 0xff, 0xfe, 0x7d]),
    message: NOT_UTF8,
    console: "it is not valid UTF-8 (first bad byte at offset 1)",
  },
  "10,000 items": {
    body: manyItems,
    message: inField("items"),
    console: invalid("items: has 10000 questions; at most 1000 fit in one FAQ, split it into several files"),
  },
  "HTTP 500": {
    status: 500,
    body: Buffer.from('{"error": "database on fire"}'),
    message: httpStatus(500),
    console: "the server answered HTTP 500 Internal Server Error",
    retry: true,
  },
  "HTTP 404": {
    status: 404,
    body: Buffer.from("<!doctype html><title>Not found</title>"),
    message: httpStatus(404),
    console: "the server answered HTTP 404 Not Found",
    retry: true,
  },
};

/** Serves `bytes` as they are (no re-encoding) with `status`. */
function serveBytes(path, bytes, status = 200) {
  let calls = 0;
  servers.route(path, (req, res) => {
    calls++;
    res.writeHead(status, { "Content-Type": status === 404 ? "text/html" : "application/json", "Cache-Control": "no-store" });
    res.end(bytes);
  });
  return () => calls;
}

/** A page with one widget per language, each fetching its own URL. */
function twoWidgets(slug, bytes, status) {
  const paths = {};
  const calls = {};
  for (const lang of ["en", "es"]) {
    paths[lang] = servers.unique(`/broken/${slug}-${lang}`);
    calls[lang] = serveBytes(paths[lang], bytes, status);
  }
  const url = servers.page({
    lang: "en",
    body: ["en", "es"].map((lang) => `<div id="faq-${lang}" data-faq-src="${paths[lang]}" data-faq-lang="${lang}"></div>`).join("\n"),
  });
  return { url, paths, calls };
}

describe("broken content shows its own message in the reader's language", () => {
  for (const [name, sample] of Object.entries(SAMPLES)) {
    test(name, async () => {
      const bytes = typeof sample.body === "function" ? sample.body() : sample.body;
      const slug = name.replace(/[^a-z0-9]+/gi, "-");
      const { url, paths, calls } = twoWidgets(slug, bytes, sample.status ?? 200);
      await withPage(browser, { locale: "en-US" }, async ({ page, widgetErrors, consoleErrors }) => {
        await page.goto(url);
        for (const lang of ["en", "es"]) {
          const host = `#faq-${lang}`;
          await waitForWidget(page, host, { state: "error", timeout: 20_000 });
          const snap = await snapshot(page, host);
          assert.equal(snap.lang, lang);
          const retry = sample.retry ? BOX[lang].retry : null;
          assert.deepEqual(snap.error, { role: "alert", heading: BOX[lang].heading, message: sample.message[lang], retry });
          assert.equal(snap.items.length, 0);
          assert.equal(await page.locator(`${host} .faq__retry`).count(), sample.retry ? 1 : 0);
        }
        await until(() => widgetErrors().length >= 2, { message: "a console.error from each widget" });
        await page.waitForTimeout(100); // a second message would arrive by now
        for (const lang of ["en", "es"]) {
          const prefix = `faq-widget: ${paths[lang]}: `;
          const mine = widgetErrors().filter((e) => e.startsWith(prefix));
          assert.equal(mine.length, 1, `exactly one console.error for ${paths[lang]}: ${JSON.stringify(widgetErrors())}`);
          const detail = mine[0].slice(prefix.length);
          if (sample.console instanceof RegExp) assert.match(detail, sample.console);
          else assert.equal(detail, sample.console);
          assert.ok(calls[lang]() >= 1);
        }
        assert.equal(widgetErrors().length, 2, JSON.stringify(widgetErrors()));
        const others = consoleErrors.filter((e) => !e.startsWith("faq-widget:") && !/Failed to load resource/.test(e));
        assert.deepEqual(others, [], "no other console errors");
      });
    });
  }

  test("a file with a UTF-8 byte-order mark renders (browsers accept it)", async () => {
    const { url } = twoWidgets("bom", fixture("bom.json"));
    assert.deepEqual([...fixture("bom.json").subarray(0, 3)], [0xef, 0xbb, 0xbf]);
    await withPage(browser, async ({ page, consoleErrors }) => {
      await page.goto(url);
      const titles = { en: "Library help", es: "Ayuda de la biblioteca" };
      const questions = { en: ["When are you open?", "How do I get a card?"], es: ["¿Cuándo abren?", "¿Cómo obtengo una tarjeta?"] };
      for (const lang of ["en", "es"]) {
        await waitForWidget(page, `#faq-${lang}`);
        const snap = await snapshot(page, `#faq-${lang}`);
        assert.equal(snap.error, null);
        assert.equal(snap.lang, lang);
        assert.equal(snap.title, titles[lang]);
        assert.deepEqual(snap.items.map((i) => [i.id, i.question]), [
          ["hours", questions[lang][0]],
          ["get-a-card", questions[lang][1]],
        ]);
      }
      assert.deepEqual(consoleErrors, []);
    });
  });

  test("Try again after an HTTP error fetches again and shows the same message while it lasts", async () => {
    const { url, paths, calls } = twoWidgets("retry", Buffer.from("busy"), 503);
    await withPage(browser, async ({ page, widgetErrors }) => {
      await page.goto(url);
      await waitForWidget(page, "#faq-es", { state: "error" });
      const before = calls.es();
      await page.locator("#faq-es .faq__retry").click();
      await until(() => widgetErrors().filter((e) => e.startsWith(`faq-widget: ${paths.es}: `)).length === 2, { message: "a second console.error" });
      await waitForWidget(page, "#faq-es", { state: "error" });
      assert.equal(calls.es(), before + 1);
      assert.equal((await snapshot(page, "#faq-es")).error.message, httpStatus(503).es);
    });
  });
});

/**
 * Files with a problem in one question or one part: the widget shows the
 * rest, in both languages, and one console.error lists what it left out.
 */
const PARTLY_BROKEN = {
  "duplicate ids": {
    body: () => fixture("duplicate-ids.json"),
    items: { en: [["hours", "When are you open?"]], es: [["hours", "¿Cuándo abren?"]] },
    languages: ["en", "es"],
    console: ["item hours: id: is used by an earlier question too (#2) (question left out)"],
  },
  "an id that is not URL-safe": {
    body: () => fixture("unsafe-id.json"),
    items: { en: [["hours", "When are you open?"]], es: [["hours", "¿Cuándo abren?"]] },
    languages: ["en", "es"],
    console: ['item #2: id: "get a card" is not URL-safe: use only letters a–z, A–Z, digits, "-" and "_" (question left out)'],
  },
  "a 1 MB answer": {
    body: bigAnswer,
    items: { en: [["hours", "Question hours?"]], es: [["hours", "¿Pregunta hours?"]] },
    languages: ["en", "es"],
    console: ["item big: answer (en): has 1000000 characters; an answer may have at most 50000 (question left out)"],
  },
  "a language with no questions (fr) is not offered": {
    body: () => fixture("language-without-items.json"),
    items: {
      en: [["hours", "When are you open?"], ["get-a-card", "How do I get a card?"]],
      es: [["hours", "¿Cuándo abren?"], ["get-a-card", "¿Cómo obtengo una tarjeta?"]],
    },
    languages: ["en", "es"],
    console: ["items (fr): no question is written in this language (left out)"],
  },
};

describe("a problem in one question or part leaves out only that", () => {
  for (const [name, sample] of Object.entries(PARTLY_BROKEN)) {
    test(name, async () => {
      const slug = name.replace(/[^a-z0-9]+/gi, "-");
      const { url, paths } = twoWidgets(slug, sample.body());
      await withPage(browser, async ({ page, widgetErrors, consoleErrors }) => {
        await page.goto(url);
        for (const lang of ["en", "es"]) {
          const host = `#faq-${lang}`;
          await waitForWidget(page, host, { timeout: 20_000 });
          const snap = await snapshot(page, host);
          assert.equal(snap.error, null);
          assert.deepEqual(snap.items.map((i) => [i.id, i.question]), sample.items[lang]);
          assert.deepEqual(snap.languages.map((l) => l.lang), sample.languages);
        }
        await until(() => widgetErrors().length >= 2, { message: "a console.error from each widget" });
        await page.waitForTimeout(100); // a second message would arrive by now
        for (const lang of ["en", "es"]) {
          const mine = widgetErrors().filter((e) => e.startsWith(`faq-widget: ${paths[lang]}: `));
          assert.deepEqual(mine, [`faq-widget: ${paths[lang]}: shown with problems:${sample.console.map((l) => `\n  ${l}`).join("")}`]);
        }
        assert.equal(widgetErrors().length, 2, JSON.stringify(widgetErrors()));
        const others = consoleErrors.filter((e) => !e.startsWith("faq-widget:"));
        assert.deepEqual(others, [], "no other console errors");
      });
    });
  }
});
