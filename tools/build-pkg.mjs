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
 * version in Cargo.toml), each cut matching exactly once so that a glue that
 * changed fails the build:
 * - the init machinery (`__wbg_init`, `__wbg_init_once`, `__wbg_load` with
 *   its checks for a Module, a Request or a URL, its MIME-type warning, the
 *   glue's own guess at the .wasm URL, `initSync`) becomes one function that
 *   does what the loader needs: fetch the URL it passes, reject with
 *   "HTTP <status>" when the response is not ok, instantiate it streaming or,
 *   when a host serves the .wasm without the application/wasm MIME type (the
 *   body is then still unread), from its bytes; then what
 *   `__wbg_finalize_init` did (matched verbatim, so a new cache to reset
 *   fails the build). Called again, it returns the same promise.
 * - `passStringToWasm0`'s branch for a call without `realloc` (every call
 *   passes it; checked below).
 * - `getDataViewMemory0`'s tests of `buffer.detached`: a memory that grew has
 *   a new buffer, so comparing buffers alone finds a stale view.
 * - the no-op stand-in for a missing FinalizationRegistry (it frees Rust
 *   closures): every browser with WebAssembly reference types (README:
 *   browser support) has it.
 * - a fallback for browsers without TextEncoder.encodeInto: every browser
 *   with adoptedStyleSheets (README: browser support) has it.
 * What is left: `__wbg_get_imports()` and the helpers it calls, and the
 * exports the loader calls, as generated.
 */
function trimGlue(text) {
  const init = (match, start) => `
    let wasm, __wbg_init_promise;
    function __wbg_init(url) {
        return __wbg_init_promise || (__wbg_init_promise = (async () => {
            const response = await fetch(url);
            if (!response.ok) throw new Error(\`HTTP \${response.status}\`);
            const imports = __wbg_get_imports();
            let result;
            try {
                result = await WebAssembly.instantiateStreaming(response, imports);
            } catch (error) {
                // A wrong MIME type fails before the body is read; a failure
                // that read it (not WebAssembly) is reported as it is.
                if (response.bodyUsed) throw error;
                result = await WebAssembly.instantiate(await response.arrayBuffer(), imports);
            }
            wasm = result.instance.exports;
            cachedDataViewMemory0 = null;
            cachedUint8ArrayMemory0 = null;
            wasm.${start}();
        })());
    }
`;
  const cuts = [
    [/\n    let script_src;\n    if \(typeof document !== 'undefined' && document\.currentScript !== null\) \{\n[^\n]*\n    \}\n/, "\n"],
    [/\n    let wasmModule, wasmInstance, wasm;\n    function __wbg_finalize_init\(instance, module\) \{\n        wasmInstance = instance;\n        wasm = instance\.exports;\n        wasmModule = module;\n        cachedDataViewMemory0 = null;\n        cachedUint8ArrayMemory0 = null;\n        wasm\.(\w+)\(\);\n        return wasm;\n    \}\n/, init],
    [/\n    async function __wbg_load\(module, imports\) \{\n[\s\S]*?\n    \}\n/, "\n"],
    [/\n    function initSync\(module\) \{\n[\s\S]*?\n    \}\n/, "\n"],
    [/\n    let __wbg_init_promise;\n    async function __wbg_init\(module_or_path\) \{\n[\s\S]*?\n    \}\n/, "\n"],
    [/\n    async function __wbg_init_once\(module_or_path\) \{\n[\s\S]*?\n    \}\n/, "\n"],
    [/return Object\.assign\(__wbg_init, \{ initSync \}, exports\);/, "return Object.assign(__wbg_init, exports);"],
    [/cachedDataViewMemory0 === null \|\| cachedDataViewMemory0\.buffer\.detached === true \|\| \(cachedDataViewMemory0\.buffer\.detached === undefined && cachedDataViewMemory0\.buffer !== (wasm\.\w+)\.buffer\)/, "cachedDataViewMemory0 === null || cachedDataViewMemory0.buffer !== $1.buffer"],
    [/const CLOSURE_DTORS = \(typeof FinalizationRegistry === 'undefined'\)\n        \? \{ register: \(\) => \{\}, unregister: \(\) => \{\} \}\n        : new FinalizationRegistry/, "const CLOSURE_DTORS = new FinalizationRegistry"],
    [/\n        if \(realloc === undefined\) \{\n[\s\S]*?\n        \}\n/, "\n"],
    [/\n    if \(!\('encodeInto' in cachedTextEncoder\)\) \{\n[\s\S]*?\n    \}\n/, "\n"],
  ];
  const calls = (text.match(/\bpassStringToWasm0\(/g) || []).length;
  const withRealloc = (text.match(/\bpassStringToWasm0\(\w+, wasm\.\w+, wasm\.\w+\)/g) || []).length;
  if (calls !== withRealloc + 1) throw new Error("wasm-bindgen glue changed: a passStringToWasm0 call without realloc");
  for (const [pattern, replacement] of cuts) {
    const found = text.match(new RegExp(pattern.source, "g"));
    if (!found || found.length !== 1) throw new Error(`wasm-bindgen glue changed: ${pattern} matched ${found ? found.length : 0} times`);
    text = text.replace(pattern, replacement);
  }
  for (const gone of ["__wbg_load", "__wbg_finalize_init", "module_or_path", "script_src", "initSync", "realloc === undefined"]) {
    if (text.includes(gone)) throw new Error(`wasm-bindgen glue changed: ${gone} is still used after the cuts`);
  }
  return text;
}
const loader = readFileSync(join(root, "www/loader.js"), "utf8");
const marker = "/* @@GLUE@@ */";
if (!loader.includes(marker)) throw new Error(`www/loader.js lacks ${marker}`);
// Minified: every reader downloads it. The /*! banner with the licence stays.
// `unsafe_arrows` turns function expressions that use neither `this` nor
// `arguments` into arrows (28 bytes brotli); it is unsafe only for a function
// expression called with `new` or read for its `prototype`, and neither the
// loader nor the glue does that (`Handle` is a declaration, which it leaves).
const { code: dropIn } = await minify(loader.replace(marker, () => glue), {
  ecma: 2017,
  compress: { passes: 2, unsafe_arrows: true },
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
