// `faq render` output is valid HTML: the W3C Nu HTML checker (npm vnu-jar,
// run with the machine's Java) finds no error in the seed FAQ's fallback and
// JSON-LD, nor in the output for a file full of hostile text.
import { test } from "node:test";
import assert from "node:assert/strict";
import { execFileSync, spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { tmpdir } from "node:os";
import { ROOT } from "./harness.mjs";

const VNU = join(ROOT, "node_modules", "vnu-jar", "build", "dist", "vnu.jar");

function faq(...args) {
  const built = join(ROOT, "target", "debug", "faq");
  const [command, prefix] = existsSync(built) ? [built, []] : ["cargo", ["run", "-q", "--bin", "faq", "--"]];
  return execFileSync(command, [...prefix, ...args], { cwd: ROOT, encoding: "utf8" });
}

/** vnu's errors for a fragment pasted into a host element of a minimal page. */
function htmlErrors(fragment) {
  const page =
    `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>FAQ</title></head>` +
    `<body><div data-faq-src="faq.json">\n${fragment}</div></body></html>\n`;
  const file = join(mkdtempSync(join(tmpdir(), "faq-vnu-")), "page.html");
  writeFileSync(file, page);
  const run = spawnSync("java", ["-jar", VNU, "--format", "json", "--exit-zero-always", file], { encoding: "utf8" });
  assert.equal(run.status, 0, `vnu did not run: ${run.error || run.stderr}`);
  // vnu prints its JSON report on standard error.
  const report = JSON.parse(run.stderr);
  return report.messages.filter((m) => m.type === "error" || m.subType === "fatal");
}

test("the seed FAQ's fallback and JSON-LD are valid HTML", () => {
  const fragment = faq("render", "www/content/second-opinion.json", "--json-ld", "--new-tab");
  assert.match(fragment, /<section lang="es">/);
  assert.match(fragment, /"@type":"FAQPage"/);
  assert.deepEqual(htmlErrors(fragment), []);
});

test("hostile content renders to valid, escaped HTML", () => {
  const payloads = [
    `<script>alert(1)</script>`,
    `"><img src=x onerror=alert(1)>`,
    `</section><h1>x`,
    `[x](javascript:alert(1))`,
    `**<b>bold</b>** & *<i>em</i>* ]]> <!-- -->`,
    `[ok](https://example.org/?a=1&b=<2>)`,
    `\u202eevil\u202c`,
  ];
  const content = {
    version: 1,
    languages: [{ code: "en", name: "English" }, { code: "es", name: `Español <script>` }],
    title: { en: payloads[0], es: payloads[2] },
    items: payloads.map((text, i) => ({ id: `p${i}`, question: { en: text, es: text }, answer: { en: `${text}\n\n- ${text}\n- b`, es: text } })),
  };
  const dir = mkdtempSync(join(tmpdir(), "faq-hostile-"));
  const file = join(dir, "hostile.json");
  writeFileSync(file, JSON.stringify(content));
  let fragment;
  try {
    fragment = faq("render", file, "--json-ld");
  } catch (error) {
    assert.fail(`faq render refused hostile but valid content: ${error.stderr}`);
  }
  assert.equal((fragment.match(/<script/g) || []).length, 1, "only the JSON-LD script");
  // Escaped text may read "onerror=", but no tag of the output may carry it.
  assert.doesNotMatch(fragment, /<img|<[^>]*\son\w+=|href="javascript:/i);
  assert.match(fragment, /&lt;script&gt;alert\(1\)&lt;\/script&gt;/);
  assert.deepEqual(htmlErrors(fragment), []);
});
