// Raw, gzip -9 and brotli (quality 11) bytes of the files a page loads from
// pkg/: deterministic, so the budget can fail a build. `make size` prints it.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { gzipSync, brotliCompressSync, constants } from "node:zlib";
import { fileURLToPath } from "node:url";

/**
 * The target for the drop-in files, brotli, content excluded: 55,000 bytes
 * (issue 8). Issue 2's 30 KB took a `no_std` build, hand-written stand-ins
 * for library code and rewritten wasm-bindgen output; the product chose the
 * standard stack (std, serde-wasm-bindgen, gloo, glue as generated) instead.
 * Not met yet (60,549 when the stack landed; BENCHMARKS.md says where the
 * bytes go), so the build fails above a ceiling just over today's size,
 * which keeps the bytes from growing unnoticed, and reports the distance to
 * the target. Raising the ceiling needs a line in BENCHMARKS.md saying why
 * (issue 9 raised it from 61,000 to 62,500 for its reader-facing features;
 * printing and events for hosts to 64,400).
 */
export const TARGET_BROTLI_BYTES = 55_000;
export const BUDGET_BROTLI_BYTES = 64_400;

export function sizes(bytes) {
  return {
    raw: bytes.length,
    gzip: gzipSync(bytes, { level: 9 }).length,
    brotli: brotliCompressSync(bytes, {
      params: { [constants.BROTLI_PARAM_QUALITY]: 11, [constants.BROTLI_PARAM_SIZE_HINT]: bytes.length },
    }).length,
  };
}

export function sizeReport(dir, files) {
  const rows = files.map((file) => ({ file, ...sizes(readFileSync(join(dir, file))) }));
  const total = rows.reduce((t, r) => ({ raw: t.raw + r.raw, gzip: t.gzip + r.gzip, brotli: t.brotli + r.brotli }), {
    raw: 0,
    gzip: 0,
    brotli: 0,
  });
  const line = (name, s) =>
    `${name.padEnd(22)}${String(s.raw).padStart(9)}${String(s.gzip).padStart(9)}${String(s.brotli).padStart(9)}`;
  const text = [
    `${"file".padEnd(22)}${"raw".padStart(9)}${"gzip".padStart(9)}${"brotli".padStart(9)}`,
    ...rows.map((r) => line(r.file, r)),
    line("total", total),
    `budget: ${total.brotli} of ${BUDGET_BROTLI_BYTES} bytes brotli (${Math.round((100 * total.brotli) / BUDGET_BROTLI_BYTES)}%): ` +
      (total.brotli <= BUDGET_BROTLI_BYTES
        ? `${BUDGET_BROTLI_BYTES - total.brotli} to spare`
        : `${total.brotli - BUDGET_BROTLI_BYTES} over`) +
      `; target ${TARGET_BROTLI_BYTES}: ` +
      (total.brotli <= TARGET_BROTLI_BYTES ? "met" : `${total.brotli - TARGET_BROTLI_BYTES} over`),
  ].join("\n");
  return { rows, total, text };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const dir = process.argv[2] || "pkg";
  console.log(sizeReport(dir, ["faq-widget.js", "faq_widget_bg.wasm"]).text);
}
