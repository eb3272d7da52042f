// Assembles pkg/ from the wasm-bindgen output: the drop-in faq-widget.js
// (www/loader.js with the glue inside it), the optimised .wasm, and the npm
// package files; then prints the size report and enforces the size budget.
//
//   node tools/build-pkg.mjs <wasm-bindgen out dir> <optimised wasm> <pkg dir>
import { readFileSync, writeFileSync, mkdirSync, copyFileSync } from "node:fs";
import { join, dirname } from "node:path";
import { fileURLToPath } from "node:url";
import { minify } from "terser";
import { shortenImports, shortenGlue, shortenExports } from "./short-imports.mjs";
import { sizeReport, BUDGET_BROTLI_BYTES } from "./size-report.mjs";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const [bindgenDir, optimisedWasm, pkgDir] = process.argv.slice(2);
if (!pkgDir) {
  console.error("usage: node tools/build-pkg.mjs <wasm-bindgen out dir> <optimised wasm> <pkg dir>");
  process.exit(2);
}

const imported = shortenImports(readFileSync(optimisedWasm));
const { wasm, glue: shortGlue } = shortenExports(
  imported.wasm,
  shortenGlue(readFileSync(join(bindgenDir, "faq_widget.js"), "utf8"), imported.renames)
);
const glue = trimGlue(shortGlue);

/**
 * Cuts what the loader never calls from wasm-bindgen's glue (pinned to one
 * version in Cargo.toml): `initSync`, the glue's own guess at the .wasm URL
 * (the loader passes it), the warning for an old calling convention, and a
 * fallback for browsers too old to run the widget anyway.
 * Each cut must match exactly once, so a glue that changed fails the build.
 */
function trimGlue(text) {
  const cuts = [
    [/\n    let script_src;\n    if \(typeof document !== 'undefined' && document\.currentScript !== null\) \{\n[^\n]*\n    \}\n/, "\n    const script_src = undefined;\n"],
    [/return Object\.assign\(__wbg_init, \{ initSync \}, exports\);/, "return Object.assign(__wbg_init, exports);"],
    [/ else \{\n\s*console\.warn\('using deprecated parameters for the initialization function; pass a single object instead'\)\n\s*\}/, ""],
    // Every browser with adoptedStyleSheets (README: browser support) has TextEncoder.encodeInto.
    [/\n    if \(!\('encodeInto' in cachedTextEncoder\)\) \{\n[\s\S]*?\n    \}\n/, "\n"],
  ];
  for (const [pattern, replacement] of cuts) {
    const found = text.match(new RegExp(pattern.source, "g"));
    if (!found || found.length !== 1) throw new Error(`wasm-bindgen glue changed: ${pattern} matched ${found ? found.length : 0} times`);
    text = text.replace(pattern, replacement);
  }
  return text;
}
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
writeFileSync(join(pkgDir, "faq_widget_bg.wasm"), wasm);
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
