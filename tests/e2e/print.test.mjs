// Printing: on paper every answer shows in full and no control does (the
// toolbar, Try again, the indicators); beforeprint opens every answer and
// afterprint gives the reader back exactly the questions they had open,
// without writing the remembered open state or telling the host anything.
import { test, describe } from "node:test";
import assert from "node:assert/strict";
import { shareBrowserAndServers, withPage, waitForWidget, snapshot, SEED, SEED_URL, IDS } from "./harness.mjs";

let browser;
let servers;
shareBrowserAndServers((b, s) => ([browser, servers] = [b, s]));

const seedPage = () => servers.page({ body: `<div id="faq" data-faq-src="${SEED_URL}"></div>` });

const expanded = async (page) => (await snapshot(page, "#faq")).items.map((item) => item.expanded);

/** Every sessionStorage entry the widget could have written. */
const stored = (page) =>
  page.evaluate(() => Object.fromEntries(Object.entries(sessionStorage).filter(([key]) => key.startsWith("faq-widget:"))));

/** What is rendered of the widget: each answer's size and text visibility, and the controls that have a box. */
const rendered = (page) =>
  page.evaluate(() => {
    const shadow = document.querySelector("#faq").shadowRoot;
    const shown = (el) => el.getClientRects().length > 0 && el.checkVisibility({ contentVisibilityAuto: true });
    return {
      answers: [...shadow.querySelectorAll(".faq__answer")].map((panel) => {
        const paragraph = panel.querySelector("p");
        return {
          height: panel.getBoundingClientRect().height,
          textVisible: !!paragraph && paragraph.getBoundingClientRect().height > 0 && paragraph.checkVisibility(),
          text: panel.innerText.trim(),
        };
      }),
      toolbar: shown(shadow.querySelector(".faq__toolbar")),
      toggleAll: shown(shadow.querySelector(".faq__toggle-all")),
      languages: [...shadow.querySelectorAll(".faq__language")].some(shown),
      indicators: [...shadow.querySelectorAll(".faq__indicator")].some(shown),
      questions: [...shadow.querySelectorAll(".faq__question-text")].map(shown),
    };
  });

/** The first words of a seed answer's English text (Markdown kept out of the way). */
const answerStart = (index) => SEED.items[index].answer.en.replace(/[*_[\]]/g, "").slice(0, 30);

describe("printing", () => {
  test("print media shows every answer in full and hides the toolbar and the indicators", async () => {
    await withPage(browser, async ({ page }) => {
      await page.goto(seedPage());
      await waitForWidget(page, "#faq");
      await page.locator("#faq").locator(`#q-${IDS[1]}`).click();
      const screen = await rendered(page);
      assert.equal(screen.answers[0].height, 0, "on screen a closed answer takes no space");
      assert.equal(screen.answers[0].textVisible, false);
      assert.equal(screen.toolbar, true);
      assert.equal(screen.indicators, true);

      await page.emulateMedia({ media: "print" });
      const paper = await rendered(page);
      for (const [index, answer] of paper.answers.entries()) {
        assert.ok(answer.height > 0, `answer ${index} has a box on paper`);
        assert.equal(answer.textVisible, true, `answer ${index}'s text is visible on paper`);
        assert.ok(answer.text.includes(answerStart(index)), `answer ${index} shows its text: ${answer.text.slice(0, 60)}`);
      }
      assert.deepEqual(
        { toolbar: paper.toolbar, toggleAll: paper.toggleAll, languages: paper.languages, indicators: paper.indicators },
        { toolbar: false, toggleAll: false, languages: false, indicators: false },
      );
      assert.deepEqual(paper.questions, [true, true], "the questions print");

      // The reader's state is untouched by the print styles.
      await page.emulateMedia({ media: "screen" });
      assert.deepEqual(await expanded(page), ["false", "true"]);
      assert.equal((await rendered(page)).answers[0].height, 0);
    });
  });

  test("print media hides Try again in the error box", async () => {
    const missing = servers.unique();
    const url = servers.page({ body: `<div id="faq" data-faq-src="${missing}"></div>` });
    await withPage(browser, async ({ page }) => {
      await page.goto(url);
      await waitForWidget(page, "#faq", { state: "error" });
      const retryShown = () =>
        page.evaluate(() => document.querySelector("#faq").shadowRoot.querySelector(".faq__retry").getClientRects().length > 0);
      assert.equal(await retryShown(), true);
      await page.emulateMedia({ media: "print" });
      assert.equal(await retryShown(), false);
    });
  });

  test("beforeprint opens every answer; afterprint restores exactly the open questions; storage and hosts hear nothing", async () => {
    await withPage(browser, async ({ page }) => {
      await page.goto(seedPage());
      await waitForWidget(page, "#faq");
      await page.locator("#faq").locator(`#q-${IDS[1]}`).click();
      const before = await stored(page);
      assert.deepEqual(Object.values(before), [IDS[1]]);
      await page.evaluate(() => {
        window.__heard = [];
        for (const type of ["faq:open", "faq:close"]) document.addEventListener(type, (e) => window.__heard.push(type));
      });

      await page.evaluate(() => window.dispatchEvent(new Event("beforeprint")));
      let snap = await snapshot(page, "#faq");
      assert.deepEqual(snap.items.map((i) => i.expanded), ["true", "true"]);
      assert.deepEqual(snap.items.map((i) => i.hidden), [null, null]);
      assert.ok(snap.items.every((i) => i.answerHeight > 0));
      assert.deepEqual(await stored(page), before, "printing writes no remembered state");

      await page.evaluate(() => window.dispatchEvent(new Event("afterprint")));
      snap = await snapshot(page, "#faq");
      assert.deepEqual(snap.items.map((i) => i.expanded), ["false", "true"]);
      assert.deepEqual(snap.items.map((i) => i.hidden), ["until-found", null]);
      assert.deepEqual(snap.toggleAll, { text: "Show all", expanded: "false" });
      assert.deepEqual(await stored(page), before);
      assert.deepEqual(await page.evaluate(() => window.__heard), [], "printing opens nothing for the host's events");

      // The reader goes on from where they were, and a reload restores that.
      await page.locator("#faq").locator(`#q-${IDS[0]}`).click();
      assert.deepEqual(await expanded(page), ["true", "true"]);
      await page.reload();
      await waitForWidget(page, "#faq");
      assert.deepEqual(await expanded(page), ["true", "true"]);
    });
  });

  test("afterprint alone changes nothing, and a destroyed widget no longer listens", async () => {
    await withPage(browser, async ({ page, consoleErrors }) => {
      await page.goto(servers.page({ body: `<div id="faq"><p id="fallback">Fallback</p></div>`, script: "defer" }));
      await page.waitForFunction(() => window.FaqWidget);
      await page.evaluate((src) => (window.handle = FaqWidget.mount(document.querySelector("#faq"), { src })), SEED_URL);
      await waitForWidget(page, "#faq");
      await page.evaluate(() => window.dispatchEvent(new Event("afterprint")));
      assert.deepEqual(await expanded(page), ["false", "false"]);
      await page.evaluate(() => window.handle.destroy());
      await page.evaluate(() => {
        window.dispatchEvent(new Event("beforeprint"));
        window.dispatchEvent(new Event("afterprint"));
      });
      const left = await page.evaluate(() => document.querySelector("#faq").shadowRoot.querySelectorAll(".faq__item").length);
      assert.equal(left, 0, "nothing is drawn again");
      assert.deepEqual(consoleErrors.filter((t) => t.startsWith("faq-widget:")), []);
    });
  });
});
