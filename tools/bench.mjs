// `make bench`: how fast the widget is for a reader, side by side with GOV.UK
// Frontend's accordion and plain <details>, in headless Chromium on this
// machine. Prints Markdown tables, the targets met or not, and last the ratios
// ours / GOV.UK (paste them into BENCHMARKS.md with the command, the date and
// the machine). Timings vary with the machine and its load; they are never a
// test. BENCH_RUNS=N sets the runs per page (fewer for a quick look).
import { join, dirname } from "node:path";
import { fileURLToPath } from "node:url";
import { gzipSync } from "node:zlib";
import { startServer } from "./static-server.mjs";
import { launchChromium } from "./chromium.mjs";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const govukDist = join(root, "node_modules", "govuk-frontend", "dist", "govuk");
const RUNS = Number(process.env.BENCH_RUNS || 9);
const SIZES = [2, 20, 100, 1000];
const THROTTLED_SIZES = [2, 20];
const KINDS = ["ours", "govuk", "details"];
const LABEL = { ours: "faq-widget", govuk: "GOV.UK accordion", details: "`<details>`" };
// Lighthouse's "slow 4G" mobile profile (bytes per second).
const THROTTLE = { latency: 150, downloadThroughput: 1.6e6 / 8, uploadThroughput: 750e3 / 8, cpu: 4 };
const MEMORY_CYCLES = 1000;
const MEMORY_ITEMS = 20;

function manyItems(count) {
  const items = [];
  for (let i = 0; i < count; i++) {
    items.push({
      id: `q${i}`,
      question: { en: `Question number ${i} about **second opinions**?`, es: `¿Pregunta número ${i} sobre **segundas opiniones**?` },
      answer: {
        en: `First paragraph of answer ${i} with a [link](https://www.cancer.gov/).\n\n- one\n- two\n\nLast *paragraph*.`,
        es: `Primer párrafo de la respuesta ${i} con un [enlace](https://www.cancer.gov/espanol).\n\n- uno\n- dos\n\nÚltimo *párrafo*.`,
      },
    });
  }
  return {
    version: 1,
    languages: [{ code: "en", name: "English" }, { code: "es", name: "Español" }],
    title: { en: "Benchmark", es: "Prueba" },
    items,
  };
}

// The English texts of manyItems as the HTML a server would send to the
// other two pages, so all three show the same words and the same markup.
const questionHtml = (i) => `Question number ${i} about <strong>second opinions</strong>?`;
function answerHtml(i, govuk = false) {
  const [p, a, ul] = govuk ? [' class="govuk-body"', ' class="govuk-link"', ' class="govuk-list govuk-list--bullet"'] : ["", "", ""];
  return (
    `<p${p}>First paragraph of answer ${i} with a <a${a} href="https://www.cancer.gov/">link</a>.</p>` +
    `<ul${ul}><li>one</li><li>two</li></ul><p${p}>Last <em>paragraph</em>.</p>`
  );
}

const head = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>bench</title>
<meta name="viewport" content="width=device-width, initial-scale=1">`;

function oursPage(n, pkgUrl) {
  // `<` escaped so no text can close the script element early.
  const json = JSON.stringify(manyItems(n)).replace(/</g, "\\u003c");
  return `${head}</head><body><main>
<div id="faq" data-faq><script type="application/json">${json}</script></div>
</main><script src="${pkgUrl}/pkg/faq-widget.js" defer></script></body></html>`;
}

// As the GOV.UK Design System's page template and accordion docs have it:
// the body class script, the CSS in the head, the module and initAll() last.
function govukPage(n) {
  let sections = "";
  for (let i = 0; i < n; i++) {
    sections += `<div class="govuk-accordion__section"><div class="govuk-accordion__section-header">
<h2 class="govuk-accordion__section-heading"><span class="govuk-accordion__section-button" id="faq-heading-${i}">${questionHtml(i)}</span></h2></div>
<div id="faq-content-${i}" class="govuk-accordion__section-content">${answerHtml(i, true)}</div></div>\n`;
  }
  return `${head.replace('<html lang="en">', '<html lang="en" class="govuk-template">')}
<link rel="stylesheet" href="/govuk/govuk-frontend.min.css"></head>
<body class="govuk-template__body">
<script>document.body.className += ' js-enabled' + ('noModule' in HTMLScriptElement.prototype ? ' govuk-frontend-supported' : '');</script>
<div class="govuk-width-container"><main class="govuk-main-wrapper"><h1 class="govuk-heading-l">Benchmark</h1>
<div class="govuk-accordion" data-module="govuk-accordion" id="faq">
${sections}</div></main></div>
<script type="module" src="/govuk/govuk-frontend.min.js"></script>
<script type="module">import { initAll } from "/govuk/govuk-frontend.min.js"; initAll();</script>
</body></html>`;
}

function detailsPage(n) {
  let items = "";
  for (let i = 0; i < n; i++) items += `<details id="q${i}"><summary>${questionHtml(i)}</summary>${answerHtml(i)}</details>\n`;
  return `${head}</head><body><main><h1>Benchmark</h1>\n${items}</main></body></html>`;
}

// Runs in the page before any of its scripts. Mutation observers record the
// end of the task that completed the controls, not the next poll after it;
// readable is the first frame whose layout has the last question's text.
function observe({ kind, n }) {
  const marks = (window.__bench = {});
  const host = () => document.getElementById("faq");
  const questions = {
    ours: () => (host() && host().shadowRoot ? host().shadowRoot.querySelectorAll(".faq__question") : []),
    // Before GOV.UK's script runs, the question is a span with this class.
    govuk: () => document.querySelectorAll("button.govuk-accordion__section-button"),
    details: () => document.querySelectorAll("summary"),
  }[kind];
  const texts = {
    ours: questions,
    govuk: () => document.querySelectorAll(".govuk-accordion__section-button"),
    details: questions,
  }[kind];
  const check = () => {
    if (marks.interactive === undefined && questions().length === n) marks.interactive = performance.now();
  };
  const observer = new MutationObserver(check);
  observer.observe(document, { childList: true, subtree: true });
  // The widget draws into its shadow root, which a document observer does not see.
  const attachShadow = Element.prototype.attachShadow;
  Element.prototype.attachShadow = function (init) {
    const shadow = attachShadow.call(this, init);
    observer.observe(shadow, { childList: true, subtree: true, characterData: true });
    return shadow;
  };
  const frame = () => {
    const all = texts();
    const last = all[all.length - 1];
    if (
      all.length === n &&
      last.checkVisibility({ visibilityProperty: true, opacityProperty: true }) &&
      last.getBoundingClientRect().height > 0 &&
      last.textContent.includes(`number ${n - 1}`)
    ) {
      marks.readable = performance.now();
    } else {
      requestAnimationFrame(frame);
    }
  };
  requestAnimationFrame(frame);
}

// Each interaction is timed from the click to the end of the style and layout
// it causes (forced by reading a layout value), paint excluded.
async function interact(kind) {
  const timed = (element) => {
    const t0 = performance.now();
    element.click();
    void document.body.offsetHeight;
    return performance.now() - t0;
  };
  const out = {};
  if (kind === "ours") {
    const shadow = document.getElementById("faq").shadowRoot;
    const first = () => shadow.querySelector(".faq__question");
    const before = first().getAttribute("aria-expanded");
    first().click();
    if (first().getAttribute("aria-expanded") === before) throw new Error("ours: a click did not toggle the question");
    first().click();
    out.language = timed(shadow.querySelector("button[data-lang=es]"));
    if (!first().textContent.startsWith("¿")) throw new Error("ours: the language did not switch");
    out.showAll = timed(shadow.querySelector(".faq__toggle-all"));
    shadow.querySelector(".faq__toggle-all").click();
    out.openOne = timed(first());
    if (first().getAttribute("aria-expanded") !== "true") throw new Error("ours: the question did not open");
  } else if (kind === "govuk") {
    const first = () => document.querySelector("button.govuk-accordion__section-button");
    first().click();
    if (first().getAttribute("aria-expanded") !== "true") throw new Error("govuk: a click did not toggle the section");
    first().click();
    const showAll = document.querySelector(".govuk-accordion__show-all");
    out.showAll = timed(showAll);
    showAll.click();
    out.openOne = timed(first());
    if (first().getAttribute("aria-expanded") !== "true") throw new Error("govuk: the section did not open");
  } else {
    const summary = document.querySelector("summary");
    summary.click();
    if (!summary.parentElement.open) throw new Error("details: a click did not open it");
    summary.click();
    out.openOne = timed(summary);
  }
  return out;
}

const pages = new Map();
const pkgServer = await startServer({ routes: [{ prefix: "/pkg/", dir: join(root, "pkg") }], cors: true, gzip: true });
for (const n of SIZES) {
  pages.set(`/ours-${n}.html`, oursPage(n, pkgServer.url));
  pages.set(`/govuk-${n}.html`, govukPage(n));
  pages.set(`/details-${n}.html`, detailsPage(n));
}
pages.set("/memory.html", `${head}</head><body><script src="${pkgServer.url}/pkg/faq-widget.js" defer></script></body></html>`);
const gzippedPages = new Map([...pages].map(([path, html]) => [path, gzipSync(html)]));
const server = await startServer({
  routes: [
    { prefix: "/govuk/", dir: govukDist },
    // The paths GOV.UK's CSS gives its fonts and images.
    { prefix: "/assets/", dir: join(govukDist, "assets") },
  ],
  gzip: true,
  handle: (req, res) => {
    const body = gzippedPages.get(req.url);
    if (!body) return false;
    res.writeHead(200, {
      "Content-Type": "text/html; charset=utf-8",
      "Content-Encoding": "gzip",
      "Cache-Control": "no-store",
    });
    res.end(body);
    return true;
  },
});
const browser = await launchChromium();

async function load(kind, n, throttled) {
  const context = await browser.newContext();
  try {
    await context.addInitScript(observe, { kind, n });
    const page = await context.newPage();
    // A file the page misses (a font, the CSS) would make its figures flattering.
    const missed = [];
    page.on("response", (response) => {
      if (response.status() >= 400 && !response.url().endsWith("/favicon.ico")) missed.push(`${response.status()} ${response.url()}`);
    });
    page.on("requestfailed", (request) => missed.push(`${request.failure()?.errorText} ${request.url()}`));
    if (throttled) {
      const cdp = await context.newCDPSession(page);
      await cdp.send("Network.enable");
      await cdp.send("Network.emulateNetworkConditions", {
        offline: false,
        latency: THROTTLE.latency,
        downloadThroughput: THROTTLE.downloadThroughput,
        uploadThroughput: THROTTLE.uploadThroughput,
      });
      await cdp.send("Emulation.setCPUThrottlingRate", { rate: THROTTLE.cpu });
    }
    await page.goto(`${server.url}/${kind}-${n}.html`, { waitUntil: "commit" });
    await page.waitForFunction(() => window.__bench.interactive !== undefined && window.__bench.readable !== undefined, null, {
      polling: 50,
      timeout: 120_000,
    });
    const marks = await page.evaluate(() => window.__bench);
    if (!throttled) Object.assign(marks, await page.evaluate(interact, kind));
    if (missed.length) throw new Error(`${kind}-${n}: ${missed.join(", ")}`);
    return marks;
  } finally {
    await context.close();
  }
}

const results = {}; // results[`${condition} ${kind} ${n}`][measure] = [ms…]
const record = (key, marks) => {
  results[key] ??= {};
  for (const [measure, ms] of Object.entries(marks)) (results[key][measure] ??= []).push(ms);
};
// Unrecorded: the browser's first loads pay for its own start-up.
for (const kind of KINDS) await load(kind, 2, false);
for (const [condition, sizes] of [["fast", SIZES], ["throttled", THROTTLED_SIZES]]) {
  for (const n of sizes) {
    for (let run = 0; run < RUNS; run++) {
      // Rotating the order keeps any warm-up or drift from favouring one page.
      for (let k = 0; k < KINDS.length; k++) {
        const kind = KINDS[(run + k) % KINDS.length];
        record(`${condition} ${kind} ${n}`, await load(kind, n, condition === "throttled"));
      }
    }
    process.stderr.write(`bench: ${condition}, ${n} questions done\n`);
  }
}

// Memory after MEMORY_CYCLES mount/destroy cycles against after the first 10,
// each after a forced GC, through the public API as an embedding page uses it.
async function memory() {
  const context = await browser.newContext();
  try {
    const page = await context.newPage();
    await page.goto(`${server.url}/memory.html`);
    await page.waitForFunction(() => window.FaqWidget);
    await page.evaluate(() => window.FaqWidget.mount(document.createElement("div")).ready);
    const cdp = await context.newCDPSession(page);
    const cycles = (count) =>
      page.evaluate(
        async ({ count, content }) => {
          for (let i = 0; i < count; i++) {
            const element = document.createElement("div");
            document.body.append(element);
            const handle = window.FaqWidget.mount(element, { content });
            await handle.ready;
            while (!element.shadowRoot || element.shadowRoot.querySelectorAll(".faq__question").length !== content.items.length) {
              await new Promise((resolve) => setTimeout(resolve, 0));
            }
            handle.destroy();
            element.remove();
          }
        },
        { count, content: manyItems(MEMORY_ITEMS) },
      );
    const measure = async () => {
      await cdp.send("HeapProfiler.collectGarbage");
      await cdp.send("HeapProfiler.collectGarbage");
      const { usedSize } = await cdp.send("Runtime.getHeapUsage");
      const { result: prototype } = await cdp.send("Runtime.evaluate", { expression: "WebAssembly.Memory.prototype" });
      const { objects } = await cdp.send("Runtime.queryObjects", { prototypeObjectId: prototype.objectId });
      const { result } = await cdp.send("Runtime.callFunctionOn", {
        objectId: objects.objectId,
        functionDeclaration: "function () { return this.reduce((sum, memory) => sum + memory.buffer.byteLength, 0); }",
        returnByValue: true,
      });
      return { js: usedSize, wasm: result.value };
    };
    await cycles(10);
    const after10 = await measure();
    await cycles(MEMORY_CYCLES - 10);
    const afterAll = await measure();
    return { after10, afterAll };
  } finally {
    await context.close();
  }
}
const mem = await memory();
await browser.close();
await server.close();
await pkgServer.close();

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const p95 = (xs) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(xs.length * 0.95))];
const get = (condition, kind, n, measure) => results[`${condition} ${kind} ${n}`]?.[measure];
const cell = (xs) => (xs ? `${median(xs).toFixed(1)} / ${p95(xs).toFixed(1)}` : "n/a");
const MEASURES = [
  ["interactive", "navigation → every question control present (interactive)"],
  ["readable", "navigation → question text visible (readable)"],
  ["showAll", "Show all"],
  ["openOne", "open one question"],
  ["language", "switch language"],
];
const rows = [];
for (const n of SIZES) for (const [measure, name] of MEASURES) rows.push(["fast", n, measure, `${n} q: ${name}`]);
for (const n of THROTTLED_SIZES) {
  for (const [measure, name] of MEASURES.slice(0, 2)) rows.push(["throttled", n, measure, `${n} q, throttled: ${name}`]);
}

const throttleText = `${THROTTLE.latency} ms RTT, 1.6 Mbps down, 750 kbps up, ${THROTTLE.cpu}× CPU`;
console.log(`${RUNS} runs per page, each in a fresh browser context, alternating the three pages; headless Chromium.`);
console.log(`Throttled: CDP network emulation (${throttleText}). Cells: median / p95 ms.\n`);
console.log(`| measurement | ${KINDS.map((k) => LABEL[k]).join(" | ")} |`);
console.log(`|---|${KINDS.map(() => "---:").join("|")}|`);
for (const [condition, n, measure, name] of rows) {
  console.log(`| ${name} | ${KINDS.map((kind) => cell(get(condition, kind, n, measure))).join(" | ")} |`);
}

const MB = 1024 * 1024;
// Beyond noise: grew by 1 MB or more and by 10% or more.
const grew = (before, after) => after - before >= MB && after - before >= before * 0.1;
const mb = (bytes) => (bytes / MB).toFixed(2);
console.log(`\nMemory, ${MEMORY_ITEMS}-question widget, after a forced GC:\n`);
console.log(`| memory (MB) | after 10 mount/destroy cycles | after ${MEMORY_CYCLES} | growth |`);
console.log("|---|---:|---:|---:|");
for (const [key, name] of [["js", "JS heap (Runtime.getHeapUsage)"], ["wasm", "wasm memory"]]) {
  const [before, after] = [mem.after10[key], mem.afterAll[key]];
  console.log(`| ${name} | ${mb(before)} | ${mb(after)} | ${mb(after - before)} |`);
}

const ratio = (condition, n, measure) => {
  const ours = get(condition, "ours", n, measure);
  const theirs = get(condition, "govuk", n, measure);
  return ours && theirs ? median(ours) / median(theirs) : undefined;
};
const targets = [];
for (const [condition, sizes] of [["fast", SIZES], ["throttled", THROTTLED_SIZES]]) {
  for (const n of sizes) {
    const r = ratio(condition, n, "interactive");
    targets.push([`interactive ≤ 1.0× GOV.UK, ${n} questions${condition === "throttled" ? ", throttled" : ""}`, `${r.toFixed(2)}×`, r <= 1]);
  }
}
for (const [n, limit] of [[100, 16], [1000, 100]]) {
  const ms = median(get("fast", "ours", n, "language"));
  targets.push([`switch language ≤ ${limit} ms at ${n} questions`, `${ms.toFixed(1)} ms`, ms <= limit]);
}
const showAll = median(get("fast", "ours", 100, "showAll"));
targets.push(["Show all ≤ 16 ms at 100 questions", `${showAll.toFixed(1)} ms`, showAll <= 16]);
for (const [key, name] of [["js", "JS heap"], ["wasm", "wasm memory"]]) {
  const [before, after] = [mem.after10[key], mem.afterAll[key]];
  targets.push([`no ${name} growth over ${MEMORY_CYCLES} cycles (< 1 MB or < 10%)`, `${mb(after - before)} MB`, !grew(before, after)]);
}
console.log("\nTargets (medians):\n");
for (const [name, value, met] of targets) console.log(`- ${name}: ${value}, ${met ? "met" : "**not met**"}`);

console.log("\nOurs / GOV.UK accordion (ratio of medians; below 1 is faster than GOV.UK):\n");
console.log("| measurement | ours / GOV.UK |");
console.log("|---|---:|");
for (const [condition, n, measure, name] of rows) {
  const r = ratio(condition, n, measure);
  if (r !== undefined) console.log(`| ${name} | ${r.toFixed(2)}× |`);
}
