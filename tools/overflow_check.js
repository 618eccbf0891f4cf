// Open each page at a phone's width (390 px, touch) and report how wide it is, as JSON: a page wider
// than the screen scrolls sideways. Wide tables and code blocks scroll inside their own box and do not count.
// Usage: node overflow_check.js <site-dir> <page.html> ...
const path = require("path");
const { launch } = require("./chromium");

(async () => {
  const [site, ...pages] = process.argv.slice(2);
  const browser = await launch();
  const context = await browser.newContext({ viewport: { width: 390, height: 844 }, hasTouch: true, isMobile: true });
  const out = {};
  for (const p of pages) {
    const page = await context.newPage();
    await page.goto("file://" + path.resolve(site, p), { waitUntil: "load" });
    out[p] = await page.evaluate(() => ({
      width: document.documentElement.scrollWidth,
      culprits: Array.from(document.querySelectorAll("article *")).filter((e) => {
        if (e.getBoundingClientRect().right <= innerWidth + 1) return false;
        for (let a = e.parentElement; a; a = a.parentElement) if (getComputedStyle(a).overflowX !== "visible") return false;
        return true;
      }).slice(0, 5).map((e) => `${e.tagName.toLowerCase()}.${e.className}: ${(e.textContent || "").slice(0, 50)}`),
    }));
    await page.close();
  }
  await browser.close();
  process.stdout.write(JSON.stringify(out));
})().catch((e) => { console.error(e); process.exit(1); });
