// Search the built site as a reader does (search.html?q=...) and report, per query, the pages found.
// Usage: node search_check.js <site-dir> <query> ...
const path = require("path");
const { launch } = require("./chromium");

(async () => {
  const [site, ...queries] = process.argv.slice(2);
  const browser = await launch();
  const page = await browser.newPage();
  const out = {};
  for (const q of queries) {
    await page.goto("file://" + path.resolve(site, "search.html") + "?q=" + encodeURIComponent(q), { waitUntil: "load" });
    await page.waitForFunction(() => {
      const s = document.querySelector("#search-results .search-summary, #search-results p");
      return s && !/Preparing search|Searching/.test(s.textContent);
    }, null, { timeout: 30000 }).catch(() => {});
    out[q] = await page.evaluate(() => Array.from(document.querySelectorAll("#search-results ul.search li a"))
      .map((a) => a.getAttribute("href")));
  }
  await browser.close();
  process.stdout.write(JSON.stringify(out));
})().catch((e) => { console.error(e); process.exit(1); });
