// Tap a chart's "SVG" and "PNG" buttons on a phone-sized page and report what was downloaded, as JSON.
// Usage: node download_check.js <page.html> <figure-id>
const fs = require("fs");
const { launch } = require("./chromium");

(async () => {
  const [file, figure] = process.argv.slice(2);
  const browser = await launch();
  const context = await browser.newContext({ viewport: { width: 390, height: 844 }, hasTouch: true, isMobile: true,
                                             acceptDownloads: true });
  const page = await context.newPage();
  await page.goto("file://" + file + "#" + figure);
  const out = {};
  for (const format of ["svg", "png"]) {
    const button = page.locator(`#${figure} button[data-format=${format}]`);
    await button.scrollIntoViewIfNeeded();
    const [download] = await Promise.all([page.waitForEvent("download", { timeout: 30000 }), button.tap()]);
    const bytes = fs.readFileSync(await download.path());
    out[format] = { name: download.suggestedFilename(), size: bytes.length, head: bytes.subarray(0, 8).toString("latin1"),
                    text: format === "svg" ? bytes.toString("utf8") : "" };
  }
  await browser.close();
  process.stdout.write(JSON.stringify(out));
})().catch((e) => { console.error(e); process.exit(1); });
