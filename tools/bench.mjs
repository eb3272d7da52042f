// `make bench`: how fast the widget is for a reader, in headless Chromium on
// this machine. Prints a Markdown table (paste it into BENCHMARKS.md with the
// command and the date). Timings vary with the machine; sizes do not, and live
// in the size report instead.
import { join, dirname } from "node:path";
import { fileURLToPath } from "node:url";
import { startServer } from "./static-server.mjs";
import { launchChromium } from "./chromium.mjs";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const RUNS = Number(process.env.BENCH_RUNS || 15);

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

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const p95 = (xs) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(xs.length * 0.95))];

const server = await startServer({
  routes: [
    { prefix: "/pkg/", dir: join(root, "pkg") },
    { prefix: "/", dir: join(root, "www") },
  ],
  handle: (req, res) => {
    if (req.url !== "/bench.html") return false;
    res.writeHead(200, { "Content-Type": "text/html; charset=utf-8", "Cache-Control": "no-store" });
    res.end(`<!doctype html><html lang="en"><title>bench</title><body>
      <div id="seed" data-faq-src="content/second-opinion.json"></div>
      <script src="pkg/faq-widget.js" defer></script></body></html>`);
    return true;
  },
});
const browser = await launchChromium();

const results = { firstRender: [], mount500: [], language500: [], showAll500: [], toggle500: [] };
const big = manyItems(500);
for (let run = 0; run < RUNS; run++) {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto(`${server.url}/bench.html`);
  const first = await page.evaluate(async () => {
    const host = document.getElementById("seed");
    while (!host.shadowRoot || !host.shadowRoot.querySelector(".faq__question")) {
      await new Promise((r) => requestAnimationFrame(r));
    }
    return performance.now();
  });
  results.firstRender.push(first);
  const timings = await page.evaluate(async (content) => {
    const host = document.createElement("div");
    document.body.append(host);
    const t0 = performance.now();
    const handle = FaqWidget.mount(host, { content, lang: "en" });
    await handle.ready;
    while (!host.shadowRoot || !host.shadowRoot.querySelector(".faq__question")) await new Promise((r) => setTimeout(r, 0));
    const t1 = performance.now();
    const root = host.shadowRoot;
    const t2 = performance.now();
    root.querySelector("button[data-lang=es]").click();
    const t3 = performance.now();
    root.querySelector(".faq__toggle-all").click();
    const t4 = performance.now();
    root.querySelector(".faq__question").click();
    const t5 = performance.now();
    return { mount: t1 - t0, language: t3 - t2, showAll: t4 - t3, toggle: t5 - t4 };
  }, big);
  results.mount500.push(timings.mount);
  results.language500.push(timings.language);
  results.showAll500.push(timings.showAll);
  results.toggle500.push(timings.toggle);
  await context.close();
}
await browser.close();
await server.close();

const rows = [
  ["Seed FAQ: navigation start → first question drawn (load wasm, fetch, render)", results.firstRender],
  ["500 items (inline content): mount → drawn", results.mount500],
  ["500 items: switch language (redraw all texts)", results.language500],
  ["500 items: Show all", results.showAll500],
  ["500 items: open one question", results.toggle500],
];
console.log(`| measurement (${RUNS} runs, headless Chromium) | median ms | p95 ms |`);
console.log("|---|---:|---:|");
for (const [name, xs] of rows) console.log(`| ${name} | ${median(xs).toFixed(1)} | ${p95(xs).toFixed(1)} |`);
