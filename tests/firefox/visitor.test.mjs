// What a visitor does in Debian's Firefox ESR (the engine of Tor Browser), with JavaScript on or off, against a
// real gunicorn. Run by tests/browser/test_firefox.py, which starts the server and writes the plan this file
// reads (FIREFOX_PLAN): the campaign's pages, its ways through the wizard and what to type, all from the
// campaign's own files. Firefox is driven by puppeteer-core over WebDriver BiDi.
//
// With JavaScript off no page script runs, so nothing here may depend on one: elements are clicked with
// input actions at the centre of their box (the viewport is tall enough for a whole step), text is typed with
// the keyboard, and forms submit as plain POSTs (a valid step answers 307 to the next step, which the browser
// posts again).

import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { after, before, describe, test } from "node:test";

import puppeteer from "puppeteer-core";

if (!process.env.FIREFOX_PLAN) {
  throw new Error("FIREFOX_PLAN is not set: run these tests through `pytest tests/browser/test_firefox.py`");
}
const plan = JSON.parse(readFileSync(process.env.FIREFOX_PLAN, "utf-8"));
const origin = new URL(plan.base_url).origin;
const javascript = plan.javascript;
const VIEWPORT = { width: 800, height: 2400 };
const CONTINUE = "form button.button";

let browser;

before(async () => {
  browser = await puppeteer.launch({
    browser: "firefox",
    executablePath: plan.firefox,
    headless: true,
    extraPrefsFirefox: {
      "javascript.enabled": javascript,
      // Nothing typed is remembered, as in Tor Browser's private browsing; and no form-history popup
      // opens over the next field between one way through the wizard and the next.
      "browser.formfill.enable": false,
    },
  });
});

after(async () => {
  await browser?.close();
});

/** A page in a fresh browser context that records what it requests and any error, prompt or CSP violation. */
async function visitor() {
  const context = await browser.createBrowserContext();
  const page = await context.newPage();
  await page.setViewport(VIEWPORT);
  page.setDefaultTimeout(10_000);
  page.setDefaultNavigationTimeout(15_000);
  const seen = { requests: [], errors: [], dialogs: [] };
  page.on("request", (request) => seen.requests.push(request.url()));
  page.on("pageerror", (error) => seen.errors.push(String(error)));
  page.on("console", (message) => {
    if (message.type() === "error") seen.errors.push(message.text());
  });
  page.on("dialog", async (dialog) => {
    seen.dialogs.push(dialog.type());
    await dialog.dismiss();
  });
  if (javascript) {
    // A preload script (it runs only with JavaScript on): CSP refusals, which the request log does not show.
    await page.evaluateOnNewDocument(() => {
      window.__cspViolations = [];
      document.addEventListener("securitypolicyviolation", (event) => {
        window.__cspViolations.push(`${event.violatedDirective} ${event.blockedURI}`);
      });
    });
  }
  return { context, page, seen };
}

/** Nothing requested from another origin, no script error, no prompt, no CSP violation (with JavaScript). */
async function assertClean(page, seen) {
  assert.ok(seen.requests.length > 0, "no request was recorded");
  // data: URLs reach no server; Firefox's own stylesheet loads its list-bullet font from one (-moz-bullet-font).
  const elsewhere = seen.requests.filter((url) => !url.startsWith("data:") && new URL(url).origin !== origin);
  assert.deepEqual(elsewhere, [], "requests to another origin");
  assert.deepEqual(seen.errors, [], "script errors");
  assert.deepEqual(seen.dialogs, [], "prompts");
  if (javascript) assert.deepEqual(await page.evaluate(() => window.__cspViolations), [], "CSP violations");
}

/** Click the centre of an element with input actions (no page script, so this works with JavaScript off). */
async function clickOn(page, selector) {
  const element = await page.$(selector);
  assert.ok(element, `${selector} is not on ${page.url()}`);
  const box = await element.boundingBox();
  assert.ok(box, `${selector} is not rendered on ${page.url()}`);
  assert.ok(box.y >= 0 && box.y + box.height <= VIEWPORT.height, `${selector} is outside the viewport: ${box.y}`);
  await page.mouse.click(box.x + box.width / 2, box.y + box.height / 2);
}

async function choose(page, selector) {
  await clickOn(page, selector);
  assert.equal(await page.$eval(selector, (input) => input.checked), true, `${selector} is not chosen`);
}

async function tick(page, selector, wanted) {
  if ((await page.$eval(selector, (input) => input.checked)) !== wanted) await clickOn(page, selector);
  assert.equal(await page.$eval(selector, (input) => input.checked), wanted, `${selector} is not set`);
}

async function type(page, name, text) {
  const selector = `#${name}`;
  await clickOn(page, selector);
  assert.equal(await page.evaluate(() => document.activeElement?.id), name, `${selector} did not take the focus`);
  await page.keyboard.type(text);
  assert.equal(await page.$eval(selector, (field) => field.value), text, `${selector} does not hold what was typed`);
}

/** The page is at `expected` (with JavaScript on, once htmx has pushed the step's URL into the history). */
async function urlBecomes(page, expected) {
  if (javascript) {
    const deadline = Date.now() + 5_000;
    while (page.url() !== expected && Date.now() < deadline) await new Promise((r) => setTimeout(r, 25));
  }
  assert.equal(page.url(), expected);
}

/**
 * Press Continue and wait for `ready` (a selector of what the next page shows). Without JavaScript that is a
 * navigation, answered 200 in the end; with it, htmx swaps the step in and then moves the focus to its error
 * summary or heading, which must have happened before anything is typed.
 */
async function carryOn(page, ready) {
  if (javascript) {
    await clickOn(page, CONTINUE);
    await page.waitForSelector(ready).catch(async (error) => {
      const errors = await page.$eval("#wizard", (wizard) => wizard.querySelector(".error-summary")?.innerText);
      throw new Error(`${ready} did not come after ${page.url()}${errors ? `, which says: ${errors}` : ""}`,
        { cause: error });
    });
    await page.waitForFunction(() => {
      const focused = document.activeElement;
      return !!focused?.closest("#wizard") && (focused.matches("[data-focus-on-load]") || focused.tagName === "H1");
    });
  } else {
    const [response] = await Promise.all([page.waitForNavigation(), clickOn(page, CONTINUE)]);
    assert.equal(response?.status(), 200, `${page.url()} answered ${response?.status()}`);
    const errors = await page.$eval("#wizard", (wizard) => wizard.querySelector(".error-summary")?.innerText);
    assert.ok(await page.$(ready), `${ready} is not on ${page.url()}${errors ? `, which says: ${errors}` : ""}`);
  }
}

const stepShown = (step) => `#wizard form input[name="submitted"][value="${step}"]`;

describe(`${plan.campaign} campaign in Firefox ESR, JavaScript ${javascript ? "on" : "off"}`, () => {
  describe("every content page in every locale", () => {
    let visit;
    before(async () => {
      visit = await visitor();
    });
    after(async () => {
      await visit?.context.close();
    });

    for (const path of plan.pages) {
      test(path, async () => {
        const { page, seen } = visit;
        seen.requests.length = 0;
        const response = await page.goto(origin + path);
        assert.equal(response?.status(), 200);
        assert.equal(page.url(), origin + path);
        assert.notEqual((await page.title()).trim(), "", "empty <title>");
        assert.ok(seen.requests.includes(origin + path), `${path} itself was not among the requests`);
        await assertClean(page, seen);
      });
    }
  });

  describe("the whole wizard, every way through it", () => {
    for (const way of plan.ways) {
      test(way.name, { timeout: 60_000 }, async () => {
        const { context, page, seen } = await visitor();
        try {
          const first = way.steps[0];
          const response = await page.goto(origin + first.url);
          assert.equal(response?.status(), 200);
          assert.ok(await page.$(stepShown(first.step)), `${first.url} does not show the ${first.step} step`);
          for (const [index, step] of way.steps.entries()) {
            await urlBecomes(page, origin + step.url);
            if (step.empty_first) {
              await carryOn(page, "#wizard .error-summary");
              await urlBecomes(page, origin + step.url);
              assert.ok(await page.$(stepShown(step.step)), `the ${step.step} step is not shown again`);
              const title = await page.title();
              assert.ok(title.startsWith(step.empty_first.title_starts_with), `title: ${title}`);
            }
            for (const selector of step.choose ?? []) await choose(page, selector);
            for (const [selector, wanted] of Object.entries(step.tick ?? {})) await tick(page, selector, wanted);
            for (const [name, text] of Object.entries(step.type ?? {})) await type(page, name, text);
            const next = way.steps[index + 1];
            await carryOn(page, next ? stepShown(next.step) : "#letter-text");
            assert.equal(await page.$("#wizard .error-summary"), null, `errors after ${step.step}`);
          }
          await urlBecomes(page, origin + way.letter.url);
          const letter = await page.$eval("#letter-text", (textarea) => textarea.value);
          for (const expected of way.letter.contains) {
            assert.ok(letter.includes(expected), `the letter lacks ${JSON.stringify(expected)}:\n${letter}`);
          }
          // The print button is the page script's to show: hidden without JavaScript, shown with it.
          assert.equal(await page.$eval("[data-print-letter]", (button) => button.hidden), !javascript);
          await assertClean(page, seen);
        } finally {
          await context.close();
        }
      });
    }
  });
});
