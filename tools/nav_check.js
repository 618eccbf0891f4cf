// Tap (or click) the visible navigation buttons of a page and report what opened, as JSON (and what
// heavy files the page fetched, and whether the menu icon is drawn):
// for each width, whether the chapter list and the page contents became visible after the tap.
// Usage: node nav_check.js <page.html>
const { launch } = require("./chromium");

const visible = (sel) => {
  const el = document.querySelector(sel);
  if (!el) return false;
  const r = el.getBoundingClientRect();
  const s = getComputedStyle(el);
  return r.width > 50 && r.height > 50 && r.right > 0 && r.left < innerWidth && s.visibility !== "hidden" && s.display !== "none";
};

// Tap the first visible button of `selector`, then wait (up to 2 s) until what `shows` selects has
// appeared or disappeared: whatever the tap changes.
async function tapVisible(page, selector, touch, shows) {
  const button = page.locator(`${selector}:visible`).first();
  if (!(await button.count())) return false;
  const before = await page.evaluate(visible, shows);
  if (touch) await button.tap(); else await button.click();
  await page.waitForFunction(([f, sel, was]) => eval(`(${f})`)(sel) !== was, [visible.toString(), shows, before],
                             { timeout: 2000, polling: 50 }).catch(() => null);
  return true;
}

const CHAPTERS = "#pst-primary-sidebar-modal[open] .bd-links, #pst-primary-sidebar .bd-links";
const CONTENTS = "#pst-secondary-sidebar-modal[open], #pst-secondary-sidebar";

(async () => {
  const [file] = process.argv.slice(2);
  const browser = await launch();
  const out = {};
  // the three widths at once, each in a window of its own
  await Promise.all([[390, true], [900, true], [1280, false]].map(async ([width, touch]) => {
    const context = await browser.newContext({ viewport: { width, height: 844 }, hasTouch: touch, isMobile: touch });
    const page = await context.newPage();
    const errors = [], heavy = [];
    page.on("pageerror", (e) => errors.push(e.message));
    // what a page should not fetch: the icon script or web fonts, or the search index (search.html only)
    page.on("request", (req) => { if (/fontawesome|\.woff2?(\?|$)|searchindex\.js/.test(req.url())) heavy.push(req.url().split("/").pop()); });
    await page.goto("file://" + file, { waitUntil: "load" });
    const r = { errors, heavy, searchFields: await page.locator(".search-button-field:visible").count() };
    r.menuIcon = await page.evaluate(() => {  // the menu button's icon is drawn (a mask, not a font glyph)
      const i = Array.from(document.querySelectorAll("button.primary-toggle i, button.primary-toggle span"))
        .find((e) => e.getBoundingClientRect().width > 0);
      if (!i) return null;
      const s = getComputedStyle(i, "::before");
      return { mask: (s.webkitMaskImage || s.maskImage || "").startsWith("url("), width: parseFloat(s.width) };
    });
    r.chaptersBefore = await page.evaluate(visible, CHAPTERS);
    r.menuButton = await tapVisible(page, "button.primary-toggle", touch, CHAPTERS);
    // After the tap the chapter list is either in the open dialog (narrow) or the sidebar toggled (wide).
    r.chaptersAfter = await page.evaluate(visible, CHAPTERS);
    r.chapterLinks = await page.locator("dialog[open] .bd-links a:visible, #pst-primary-sidebar .bd-links a:visible").count();
    await page.keyboard.press("Escape");
    await page.waitForFunction(() => !document.querySelector("dialog[open]"), null, { timeout: 2000, polling: 50 }).catch(() => null);
    r.contentsButton = await tapVisible(page, "button.secondary-toggle", touch, CONTENTS);
    r.contentsAfter = await page.evaluate(visible, CONTENTS);
    r.contentsLinks = await page.locator("#pst-secondary-sidebar-modal[open] nav.page-toc a:visible, #pst-secondary-sidebar nav.page-toc a:visible").count();
    out[width] = r;
    await page.waitForTimeout(300);  // a late request (a font, the search index) still counts in r.heavy
    await context.close();
  }));
  await browser.close();
  process.stdout.write(JSON.stringify(out));
})().catch((e) => { console.error(e); process.exit(1); });
