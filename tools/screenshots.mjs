// Makes the README's screenshots (docs/demo-en.png, docs/demo-es.png): the
// demo page on a phone-sized screen, first question open, in each language.
// Run after a build: node tools/screenshots.mjs
import { join, dirname } from "node:path";
import { fileURLToPath } from "node:url";
import { startServer } from "./static-server.mjs";
import { launchChromium } from "./chromium.mjs";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const server = await startServer({
  routes: [
    { prefix: "/pkg/", dir: join(root, "pkg") },
    { prefix: "/", dir: join(root, "www") },
  ],
});
const browser = await launchChromium();
for (const lang of ["en", "es"]) {
  const page = await browser.newPage({ viewport: { width: 400, height: 860 }, deviceScaleFactor: 1, reducedMotion: "reduce" });
  await page.goto(`${server.url}/${lang === "es" ? "es.html" : ""}`);
  const question = page.locator(".faq__question").first();
  await question.click();
  await page.mouse.move(0, 0);
  await page.evaluate(() => document.activeElement && document.activeElement.blur());
  await page.screenshot({ path: join(root, "docs", `demo-${lang}.png`) });
  await page.close();
}
await browser.close();
await server.close();
console.log("wrote docs/demo-en.png and docs/demo-es.png");
