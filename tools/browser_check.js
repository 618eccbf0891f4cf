// Open every page of the built site in Debian's Chromium (headless, no network) and report, as JSON:
//  - requests to anything that is not a local file (the book must load nothing from another host);
//  - axe-core accessibility violations (WCAG 2.x A/AA rules);
//  - whether every chart drew (a plotly SVG inside each .book-chart).
// Usage: node browser_check.js <site-dir> [<page.html> ...]
const fs = require("fs");
const path = require("path");
const { launch } = require("./chromium");
const AXE = fs.readFileSync(require.resolve("axe-core/axe.min.js"), "utf8");

function pages(dir) {
  const out = [];
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, entry.name);
    if (entry.isDirectory()) {
      if (!["_static", "_sources", "_downloads", "_images", "data", ".doctrees"].includes(entry.name)) out.push(...pages(p));
    } else if (entry.name.endsWith(".html") && !["search.html", "genindex.html", "index.html"].includes(entry.name)) {
      out.push(p);
    }
  }
  return out;
}

(async () => {
  const site = path.resolve(process.argv[2]);
  const list = process.argv.length > 3 ? process.argv.slice(3).map((p) => path.join(site, p)) : pages(site);
  const browser = await launch();
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const report = [];
  async function check(context, file) {
    const page = await context.newPage();
    const external = [];
    await page.route("**/*", (route) => {
      const url = route.request().url();
      if (url.startsWith("file:") || url.startsWith("data:") || url.startsWith("blob:")) return route.continue();
      external.push(url);
      return route.abort();
    });
    await page.goto("file://" + file, { waitUntil: "load" });
    // Charts are drawn as they scroll into view: scroll to each in turn, as a reader does, and stay
    // there until it has drawn (or 10 s have passed: a chart that never draws is reported, not waited
    // for). Moving on after a fixed pause raced the page's scroll observer on a busy machine: a chart
    // scrolled past before the observer ran was never asked to draw.
    await page.evaluate(async () => {
      for (const chart of document.querySelectorAll(".book-chart")) {
        chart.scrollIntoView({ block: "center" });
        const until = Date.now() + 10000;
        while (!chart.querySelector("svg.main-svg") && Date.now() < until) {
          await new Promise((r) => setTimeout(r, 50));
        }
      }
      window.scrollTo(0, 0);
    });
    await page.waitForFunction(() => Array.from(document.querySelectorAll(".book-chart"))
      .every((c) => c.querySelector("svg.main-svg")), null, { timeout: 10000 }).catch(() => null);
    const charts = await page.evaluate(() => {
      const all = Array.from(document.querySelectorAll(".book-chart"));
      return { total: all.length, drawn: all.filter((c) => c.querySelector("svg.main-svg")).length };
    });
    await page.addScriptTag({ content: AXE });
    const axe = await page.evaluate(async () => {
      const r = await window.axe.run(document, { runOnly: { type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"] } });
      return r.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.length,
                                       targets: v.nodes.slice(0, 3).map((n) => n.target.join(" ")) }));
    });
    report.push({ page: path.relative(site, file), external, charts, violations: axe });
    await page.close();
  }
  // two pages at a time (the machine has two cores), each in a window of its own, reported in order
  const queue = list.sort();
  const workers = [context, await browser.newContext({ viewport: { width: 1280, height: 900 } })].map(
    async (ctx) => { while (queue.length) { await check(ctx, queue.shift()); } });
  await Promise.all(workers);
  report.sort((a, b) => (a.page < b.page ? -1 : a.page > b.page ? 1 : 0));
  await browser.close();
  process.stdout.write(JSON.stringify(report, null, 1));
})().catch((err) => { console.error(err); process.exit(1); });
