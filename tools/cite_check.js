// Point at the first citation of a page and report the hover text it gets, as JSON: the page carries
// no citation titles of its own; _static/kurils-cites.js, loaded on the first pointer or focus, gives
// them. With an entry's old address (the bibliography's first page, bibliography.html#cite-<key>), also
// open it and report where the reader lands. Usage: node cite_check.js <page.html> [<old-address>]
const { launch } = require("./chromium");

(async () => {
  const [file, old] = process.argv.slice(2);
  const browser = await launch();
  const page = await (await browser.newContext({ viewport: { width: 1280, height: 900 } })).newPage();
  const errors = [], fetched = [];
  page.on("pageerror", (e) => errors.push(e.message));
  page.on("request", (req) => { if (/kurils-cites\.js/.test(req.url())) fetched.push("kurils-cites.js"); });
  await page.goto("file://" + file, { waitUntil: "load" });
  const link = page.locator('a[href*="#cite-"]').first();
  const before = { title: await link.getAttribute("title"), fetched: fetched.length };
  await link.scrollIntoViewIfNeeded();
  await link.hover();
  await page.waitForFunction(() => {
    const a = document.querySelector('a[href*="#cite-"]');
    return a && a.title;
  }, null, { timeout: 5000 }).catch(() => null);
  const after = await link.evaluate((a) => ({ title: a.title, key: a.getAttribute("href").split("#cite-")[1],
    titled: document.querySelectorAll('a[href*="#cite-"][title]').length,
    links: document.querySelectorAll('a[href*="#cite-"]').length }));
  let moved = null;
  if (old) {  // the part's page, scrolled to the entry, once the script has sent the reader on
    const other = await page.context().newPage();
    other.on("pageerror", (e) => errors.push(e.message));
    await other.goto("file://" + old, { waitUntil: "load" });
    await other.waitForURL((u) => !u.href.endsWith(old), { timeout: 5000 }).catch(() => null);
    await other.waitForLoadState("load");
    moved = await other.evaluate(() => ({ page: location.pathname.split("/").pop(), hash: location.hash,
      entry: !!document.getElementById(decodeURIComponent(location.hash.slice(1))),
      top: Math.round((document.getElementById(decodeURIComponent(location.hash.slice(1))) || document.body).getBoundingClientRect().top) }));
  }
  console.log(JSON.stringify({ before, after, fetched, errors, moved }));
  await browser.close();
})();
