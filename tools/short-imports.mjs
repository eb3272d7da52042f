// Renames the wasm's imports from wasm-bindgen's glue to short names, in the
// .wasm and in the glue alike, and likewise the exports the glue calls
// (`wasm.__wbindgen_malloc`, closure shims named after their hash). wasm-bindgen names each import after its JS
// function plus a 16-digit hash (`__wbg_setAttribute_71e0c8e7b3b7f1c8`), and
// the hashes, written twice (wasm and JS), are the least compressible bytes
// of the download. wasm-opt's --minify-imports only handles "env" imports.
import { readFileSync, writeFileSync } from "node:fs";

const GLUE_MODULE = "./faq_widget_bg.js";
const SHORT_MODULE = "w";

function readLeb(bytes, at) {
  let value = 0, shift = 0, byte;
  do {
    byte = bytes[at++];
    value += (byte & 0x7f) * 2 ** shift;
    shift += 7;
  } while (byte & 0x80);
  return [value, at];
}

function leb(value) {
  const out = [];
  do {
    let byte = value & 0x7f;
    value = Math.floor(value / 128);
    if (value) byte |= 0x80;
    out.push(byte);
  } while (value);
  return out;
}

const utf8 = new TextEncoder();
const text = new TextDecoder();
function name(s) {
  const b = utf8.encode(s);
  return [...leb(b.length), ...b];
}

/** A name (length-prefixed UTF-8) at `at`, and where it ends. */
function readName(wasm, at) {
  const [len, start] = readLeb(wasm, at);
  return [text.decode(wasm.subarray(start, start + len)), start + len];
}

function shortName(index) {
  const letters = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ";
  let s = "";
  do {
    s = letters[index % letters.length] + s;
    index = Math.floor(index / letters.length) - 1;
  } while (index >= 0);
  return s;
}

/**
 * The wasm with one section's body replaced by what `rewrite(start)` returns
 * for the body starting at `start`; every other section as it is.
 */
function rewriteSection(wasm, id, rewrite) {
  const out = [...wasm.subarray(0, 8)];
  let at = 8;
  while (at < wasm.length) {
    const [size, start] = readLeb(wasm, at + 1);
    const end = start + size;
    if (wasm[at] === id) {
      const body = rewrite(start);
      out.push(id, ...leb(body.length), ...body);
    } else {
      out.push(...wasm.subarray(at, end));
    }
    at = end;
  }
  return Uint8Array.from(out);
}

/** Returns the new wasm bytes and the old → new import name map. */
export function shortenImports(wasm) {
  const renames = new Map();
  const shortened = rewriteSection(wasm, 2, (start) => {
    let [count, p] = readLeb(wasm, start);
    const body = [...leb(count)];
    for (let i = 0; i < count; i++) {
      let module, field;
      [module, p] = readName(wasm, p);
      [field, p] = readName(wasm, p);
      const descStart = p;
      const kind = wasm[p++];
      if (kind === 0) [, p] = readLeb(wasm, p);
      else if (kind === 1 || kind === 2) {
        if (kind === 1) p++; // reftype
        const flags = wasm[p++];
        [, p] = readLeb(wasm, p);
        if (flags & 1) [, p] = readLeb(wasm, p);
      } else if (kind === 3) p += 2;
      else if (kind === 4) [, p] = readLeb(wasm, p + 1);
      else throw new Error(`unknown import kind ${kind}`);
      if (module === GLUE_MODULE) {
        if (!renames.has(field)) renames.set(field, shortName(renames.size));
        body.push(...name(SHORT_MODULE), ...name(renames.get(field)));
      } else {
        body.push(...name(module), ...name(field));
      }
      body.push(...wasm.subarray(descStart, p));
    }
    return body;
  });
  return { wasm: shortened, renames };
}

/**
 * Renames every export the glue uses as `wasm.NAME` to a short name, in the
 * .wasm and the glue. Returns both rewritten.
 */
export function shortenExports(wasm, glue) {
  let result = glue;
  let renamed = 0;
  const shortened = rewriteSection(wasm, 7, (start) => {
    let [count, p] = readLeb(wasm, start);
    const body = [...leb(count)];
    for (let i = 0; i < count; i++) {
      let field;
      [field, p] = readName(wasm, p);
      const descStart = p;
      p++; // kind
      [, p] = readLeb(wasm, p);
      const use = new RegExp(`\\bwasm\\.${field.replace(/\$/g, "\\$")}\\b`, "g");
      if (use.test(result)) {
        const short = shortName(renamed++);
        result = result.replace(use, `wasm.${short}`);
        field = short;
      }
      body.push(...name(field), ...wasm.subarray(descStart, p));
    }
    return body;
  });
  if (renamed === 0) throw new Error("glue uses none of the wasm's exports as wasm.NAME");
  return { wasm: shortened, glue: result };
}

/** Rewrites the glue's import object to the short names. */
export function shortenGlue(glue, renames) {
  let result = glue;
  for (const [long, short] of renames) {
    const key = new RegExp(`(^|[\\s{,])${long}:`, "m");
    if (!key.test(result)) throw new Error(`glue has no import key ${long}`);
    result = result.replace(key, `$1${short}:`);
  }
  const moduleKey = `"${GLUE_MODULE}":`;
  if (!result.includes(moduleKey)) throw new Error(`glue has no ${moduleKey}`);
  return result.replace(moduleKey, `${SHORT_MODULE}:`);
}

if (process.argv[1] && import.meta.url.endsWith(process.argv[1].split("/").pop())) {
  const [wasmIn, glueIn, wasmOut, glueOut] = process.argv.slice(2);
  const { wasm, renames } = shortenImports(readFileSync(wasmIn));
  writeFileSync(wasmOut, wasm);
  writeFileSync(glueOut, shortenGlue(readFileSync(glueIn, "utf8"), renames));
  console.log(`short-imports: renamed ${renames.size} imports`);
}
