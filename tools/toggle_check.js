// Open a chapter at a phone's width (touch) and at a desktop's, tap the first "Show code cell source"
// toggle and report, as JSON, whether the code was hidden before the tap and shown after it, and what
// it says. Usage: node toggle_check.js <page.html>
const path = require("path");
const { launch } = require("./chromium");

const codeState = () => {
  const d = document.querySelector("details.hide.above-input");
  if (!d) return null;
  const code = d.querySelector(".cell_input");
  // a closed <details> keeps its content's layout box but does not render it: ask the browser
  const shown = !!code && code.checkVisibility() && code.innerText.trim().length > 0;
  return { open: d.open, shown, text: code ? code.innerText.slice(0, 200) : "" };
};

(async () => {
  const [file] = process.argv.slice(2);
  const browser = await launch();
  const out = {};
  for (const [name, width, touch] of [["phone", 390, true], ["desktop", 1280, false]]) {
    const context = await browser.newContext({ viewport: { width, height: 844 }, hasTouch: touch, isMobile: touch });
    const page = await context.newPage();
    await page.goto("file://" + path.resolve(file), { waitUntil: "load" });
    const before = await page.evaluate(codeState);
    const summary = page.locator("details.hide.above-input > summary").first();
    if (before && (await summary.count())) {
      await summary.scrollIntoViewIfNeeded();
      if (touch) await summary.tap(); else await summary.click();
      await page.waitForTimeout(300);
    }
    out[name] = { before, after: await page.evaluate(codeState) };
    await context.close();
  }
  await browser.close();
  process.stdout.write(JSON.stringify(out));
})().catch((e) => { console.error(e); process.exit(1); });
