// Open a page on a phone (390 x 844, touch) and report, as JSON, whether plotly.js was loaded and how
// many charts were drawn: at load, before the reader scrolls, and after the reader scrolls to the first
// chart. Usage: node lazy_check.js <page.html>
const { launch } = require("./chromium");

(async () => {
  const [file] = process.argv.slice(2);
  const browser = await launch();
  const context = await browser.newContext({ viewport: { width: 390, height: 844 }, hasTouch: true, isMobile: true });
  const page = await context.newPage();
  const requested = [];
  page.on("request", (r) => requested.push(r.url()));
  await page.goto("file://" + file, { waitUntil: "load" });
  await page.waitForTimeout(2000);
  const state = () => page.evaluate(() => ({
    plotly: !!window.Plotly,
    drawn: document.querySelectorAll("div.kurils-plot svg.main-svg").length,
    firstTop: document.querySelector("div.kurils-plot").getBoundingClientRect().top,
    screen: window.innerHeight,
  }));
  const before = { ...(await state()), plotlyRequested: requested.some((u) => u.includes("plotly.min.js")) };
  await page.evaluate(() => document.querySelector("div.kurils-plot").scrollIntoView());
  await page.waitForFunction(() => document.querySelector("div.kurils-plot svg.main-svg"), null, { timeout: 30000 });
  const after = await state();
  await browser.close();
  process.stdout.write(JSON.stringify({ before, after }));
})().catch((e) => { console.error(e); process.exit(1); });
