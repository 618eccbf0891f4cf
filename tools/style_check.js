// Could any rule cut from the site's style sheets (kurils.sphinxext.lean_css) apply to a page?
// For each page, at a phone's width (touch) and a desktop's, in several states a reader brings about
// (as loaded; the phone's menu and contents opened; the search box opened; a tooltip shown; scrolled to the end, every
// chart drawn and every dropdown and code cell opened), every selector of the full sheets that the lean
// sheets no longer have is looked for in the page, made broader first: pseudo-classes and
// pseudo-elements removed (so :hover, :focus and ::before rules count as if always on), and :not(),
// :is(), :where() and :has() removed with their arguments. Prints, as JSON, per page and state, how many
// cut selectors were looked for and those that matched an element (at most 20).
// Usage: node style_check.js <site> <sheet-in-site>=<full-sheet> [...] -- <page.html> [...]
const fs = require("fs");
const path = require("path");
const { launch } = require("./chromium");

const cutSelectors = ([lean, full]) => {
  const selectors = (text) => {
    const sheet = new CSSStyleSheet();
    sheet.replaceSync(text);
    const out = new Set();
    const walk = (rules) => {
      for (const rule of rules) {
        if (rule.selectorText !== undefined) {
          let depth = 0, start = 0;
          const s = rule.selectorText;
          for (let i = 0; i <= s.length; i++) {
            const c = s[i];
            if (c === "(" || c === "[") depth++;
            else if (c === ")" || c === "]") depth--;
            else if ((c === "," && depth === 0) || i === s.length) { out.add(s.slice(start, i).trim()); start = i + 1; }
          }
        }
        if (rule.cssRules) walk(rule.cssRules);
      }
    };
    walk(sheet.cssRules);
    return out;
  };
  const kept = selectors(lean), all = selectors(full);
  const extra = [...kept].filter((s) => !all.has(s));
  return { cut: [...all].filter((s) => !kept.has(s)), extra };
};

const matching = (cut) => {
  const broader = (s) => {
    let t = s, prev;
    do { prev = t; t = t.replace(/::?[\w-]+\((?:[^()]|\([^()]*\))*\)/g, ""); } while (t !== prev);
    t = t.replace(/::?[\w-]+/g, "").replace(/\s*([>+~])\s*/g, " $1 ");
    const out = [];
    for (const token of t.split(/\s+/).filter(Boolean)) {  // a compound left empty becomes *
      const combinator = /^[>+~]$/.test(token);
      if (combinator && (!out.length || /^[>+~]$/.test(out[out.length - 1]))) out.push("*");
      out.push(token);
    }
    if (!out.length || /^[>+~]$/.test(out[out.length - 1])) out.push("*");
    return out.join(" ");
  };
  const hits = [];
  const one = (s) => {
    let el = null;
    try { el = document.querySelector(broader(s)); } catch (e) { hits.push({ selector: s, error: String(e) }); }
    if (el) hits.push({ selector: s, broader: broader(s), element: el.outerHTML.slice(0, 160) });
  };
  for (let i = 0; i < cut.length && hits.length < 20; i += 200) {  // 200 at a time; one by one where one matched
    const chunk = cut.slice(i, i + 200);
    let any = true;
    try { any = !!document.querySelector(chunk.map(broader).join(",")); } catch (e) { any = true; }
    if (any) chunk.forEach(one);
  }
  return hits.slice(0, 20);
};

async function bringAbout(page, state) {
  const tapOrClick = async (selector, touch) => {
    const el = page.locator(selector).first();
    if (!(await el.count()) || !(await el.isVisible())) return false;
    if (touch) await el.tap(); else await el.click();
    await page.waitForTimeout(400);
    return true;
  };
  if (state === "menu") return tapOrClick("button.primary-toggle", true);
  if (state === "contents") return tapOrClick("button.secondary-toggle", true);
  if (state === "search") return tapOrClick("button.search-button__button", false);
  if (state === "tooltip") {  // a button's tooltip (Bootstrap builds its class names as it shows it)
    const el = page.locator('[data-bs-toggle="tooltip"]:visible').first();
    if (!(await el.count())) return false;
    await el.focus();
    await page.waitForFunction(() => document.querySelector(".tooltip[data-popper-placement]"), null, { timeout: 5000 });
    return true;
  }
  if (state === "scrolled") {
    await page.evaluate(async () => {
      for (let y = 0; y < document.body.scrollHeight; y += 800) { window.scrollTo(0, y); await new Promise((r) => setTimeout(r, 30)); }
      document.querySelectorAll("details").forEach((d) => { d.open = true; });
    });
    await page.waitForTimeout(1000);
    return true;
  }
  return true;
}

(async () => {
  const argv = process.argv.slice(2);
  const cut = argv.indexOf("--");
  const site = argv[0];
  const sheets = argv.slice(1, cut).map((pair) => {
    const [name, original] = pair.split("=");
    return [fs.readFileSync(path.join(site, name), "utf-8"), fs.readFileSync(original, "utf-8")];
  });
  const browser = await launch();
  const report = {};
  const states = [[390, true, ["loaded", "menu", "contents", "scrolled"]], [1280, false, ["loaded", "search", "tooltip"]]];
  for (const file of argv.slice(cut + 1)) {
    for (const [width, touch, names] of states) {
      const context = await browser.newContext({ viewport: { width, height: 844 }, hasTouch: touch, isMobile: touch });
      const page = await context.newPage();
      let selectors = null;
      await page.goto("file://" + path.resolve(site, file), { waitUntil: "load" });
      for (const state of names) {  // one after the other on the same page, each closed by Escape
        if (!selectors) {
          selectors = [];
          for (const pair of sheets) {
            const got = await page.evaluate(cutSelectors, pair);
            if (got.extra.length) throw new Error("the lean sheet has selectors the full one has not: " + got.extra.slice(0, 3));
            selectors.push(...got.cut);
          }
        }
        const reached = await bringAbout(page, state);
        report[`${file} ${width} ${state}`] = { reached, cut: selectors.length, matches: await page.evaluate(matching, selectors) };
        await page.keyboard.press("Escape");
        await page.waitForTimeout(200);
      }
      await context.close();
    }
  }
  await browser.close();
  process.stdout.write(JSON.stringify(report));
})().catch((e) => { console.error(e); process.exit(1); });
