// Assembles pkg/ from the wasm-bindgen output: the drop-in faq-widget.js
// (www/loader.js with wasm-bindgen's `--target no-modules` glue inside it, as
// generated), the optimised .wasm, and the npm package files; then prints the
// size report and enforces the size budget.
//
//   node tools/build-pkg.mjs <wasm-bindgen out dir> <optimised wasm> <pkg dir>
import { readFileSync, writeFileSync, mkdirSync, copyFileSync } from "node:fs";
import { join, dirname } from "node:path";
import { fileURLToPath } from "node:url";
import { minify } from "terser";
import { sizeReport, BUDGET_BROTLI_BYTES } from "./size-report.mjs";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const [bindgenDir, optimisedWasm, pkgDir] = process.argv.slice(2);
if (!pkgDir) {
  console.error("usage: node tools/build-pkg.mjs <wasm-bindgen out dir> <optimised wasm> <pkg dir>");
  process.exit(2);
}

// One script tag for a page to add: the glue goes inside the loader whole,
// where the loader's marker is. The loader calls only its documented API
// (`wasm_bindgen({ module_or_path })` and the exports).
const glue = readFileSync(join(bindgenDir, "faq_widget.js"), "utf8");
const loader = readFileSync(join(root, "www/loader.js"), "utf8");
const marker = "/* @@GLUE@@ */";
if (!loader.includes(marker)) throw new Error(`www/loader.js lacks ${marker}`);
// Minified: every reader downloads it. The /*! banner with the licence stays.
const { code: dropIn } = await minify(loader.replace(marker, () => glue), {
  ecma: 2017,
  compress: { passes: 2 },
  mangle: true,
  format: { comments: /^!/ },
});

mkdirSync(pkgDir, { recursive: true });
writeFileSync(join(pkgDir, "faq-widget.js"), dropIn);
copyFileSync(optimisedWasm, join(pkgDir, "faq_widget_bg.wasm"));
const cargo = readFileSync(join(root, "Cargo.toml"), "utf8");
const version = /^version\s*=\s*"([^"]+)"/m.exec(cargo)[1];
writeFileSync(
  join(pkgDir, "package.json"),
  JSON.stringify(
    {
      name: "faq-widget",
      version,
      description: "An embeddable, accessible, bilingual FAQ widget (WebAssembly). One script tag.",
      license: "MIT OR Apache-2.0",
      main: "faq-widget.js",
      browser: "faq-widget.js",
      files: ["faq-widget.js", "faq_widget_bg.wasm", "README.md"],
      sideEffects: true,
    },
    null,
    2
  ) + "\n"
);
copyFileSync(join(root, "README.md"), join(pkgDir, "README.md"));

const report = sizeReport(pkgDir, ["faq-widget.js", "faq_widget_bg.wasm"]);
console.log(report.text);
if (report.total.brotli > BUDGET_BROTLI_BYTES) {
  console.error(`size budget exceeded: ${report.total.brotli} bytes brotli > ${BUDGET_BROTLI_BYTES}`);
  process.exit(1);
}
