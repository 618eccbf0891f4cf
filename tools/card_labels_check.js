// Open a page on a phone (390 x 844, touch) and report, as JSON, how the cells of a long table read
// when the table is shown as stacked cards: for the table with the given id, the text a reader sees
// before each cell of its first row (the CSS ::before content) and the cell's own text.
// Usage: node card_labels_check.js <page.html> <table id>
const { launch } = require("./chromium");

(async () => {
  const [file, id] = process.argv.slice(2);
  const browser = await launch();
  const context = await browser.newContext({ viewport: { width: 390, height: 844 }, hasTouch: true, isMobile: true });
  const page = await context.newPage();
  await page.goto("file://" + file, { waitUntil: "load" });
  const cells = await page.evaluate((tableId) => {
    const table = document.getElementById(tableId);
    const row = table.tBodies[0].rows[0];
    return Array.from(row.cells).map((td) => ({
      before: getComputedStyle(td, "::before").content,
      text: td.textContent.trim().slice(0, 40),
    }));
  }, id);
  const headerShown = await page.evaluate((tableId) => getComputedStyle(document.getElementById(tableId).tHead).display, id);
  await browser.close();
  process.stdout.write(JSON.stringify({ headerShown, cells }));
})().catch((e) => { console.error(e); process.exit(1); });
