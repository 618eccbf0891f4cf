// Point at the first citation of a page and report the hover text it gets, as JSON: the page carries
// no citation titles of its own; _static/kurils-cites.js, loaded on the first pointer or focus, gives
// them. Usage: node cite_check.js <page.html>
const { launch } = require("./chromium");

(async () => {
  const [file] = process.argv.slice(2);
  const browser = await launch();
  const page = await (await browser.newContext({ viewport: { width: 1280, height: 900 } })).newPage();
  const errors = [], fetched = [];
  page.on("pageerror", (e) => errors.push(e.message));
  page.on("request", (req) => { if (/kurils-cites\.js/.test(req.url())) fetched.push("kurils-cites.js"); });
  await page.goto("file://" + file, { waitUntil: "load" });
  const link = page.locator('a[href*="bibliography.html#cite-"]').first();
  const before = { title: await link.getAttribute("title"), fetched: fetched.length };
  await link.scrollIntoViewIfNeeded();
  await link.hover();
  await page.waitForFunction(() => {
    const a = document.querySelector('a[href*="bibliography.html#cite-"]');
    return a && a.title;
  }, null, { timeout: 5000 }).catch(() => null);
  const after = await link.evaluate((a) => ({ title: a.title, key: a.getAttribute("href").split("#cite-")[1],
    titled: document.querySelectorAll('a[href*="bibliography.html#cite-"][title]').length,
    links: document.querySelectorAll('a[href*="bibliography.html#cite-"]').length }));
  console.log(JSON.stringify({ before, after, fetched, errors }));
  await browser.close();
})();
