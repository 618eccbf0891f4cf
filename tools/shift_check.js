// Does anything move after a page's text is shown? Serve the site over HTTP with every script held back
// 1.5 s (as a slow phone network would deliver them after the text and style), open each page on a
// phone (390 x 844, touch) and report, as JSON, its cumulative layout shift (the sum of the browser's
// layout-shift entries, as Lighthouse counts them) and the elements that moved.
// Usage: node shift_check.js <site> <page.html> [...]
const fs = require("fs");
const http = require("http");
const path = require("path");
const { launch } = require("./chromium");

const TYPES = { ".html": "text/html", ".css": "text/css", ".js": "text/javascript", ".json": "application/json",
  ".svg": "image/svg+xml", ".png": "image/png", ".woff2": "font/woff2" };

(async () => {
  const [site, ...pages] = process.argv.slice(2);
  const server = http.createServer((req, res) => {
    const file = path.join(site, decodeURIComponent(new URL(req.url, "http://x").pathname));
    if (!file.startsWith(path.resolve(site)) || !fs.existsSync(file) || fs.statSync(file).isDirectory()) {
      res.writeHead(404); res.end(); return;
    }
    const send = () => { res.writeHead(200, { "Content-Type": TYPES[path.extname(file)] || "application/octet-stream" }); res.end(fs.readFileSync(file)); };
    if (file.endsWith(".js")) setTimeout(send, 1500); else send();
  });
  await new Promise((r) => server.listen(0, "127.0.0.1", r));
  const base = `http://127.0.0.1:${server.address().port}/`;
  const browser = await launch();
  const out = {};
  const one = async (name) => {  // the pages at once, each in a window of its own: most of the time is waiting
    const context = await browser.newContext({ viewport: { width: 390, height: 844 }, hasTouch: true, isMobile: true });
    const page = await context.newPage();
    await page.addInitScript(() => {
      window.__shifts = [];
      new PerformanceObserver((list) => {
        for (const e of list.getEntries()) {
          if (e.hadRecentInput) continue;
          window.__shifts.push({ value: e.value, moved: e.sources.map((s) => s.node ? (s.node.outerHTML || s.node.textContent || "").slice(0, 120) : "") });
        }
      }).observe({ type: "layout-shift", buffered: true });
    });
    await page.goto(base + name, { waitUntil: "load" });
    await page.waitForTimeout(2500);
    const shifts = await page.evaluate(() => window.__shifts);
    out[name] = { cls: shifts.reduce((a, s) => a + s.value, 0), shifts: shifts.slice(0, 5) };
    await context.close();
  };
  await Promise.all(pages.map(one));
  await browser.close();
  server.close();
  process.stdout.write(JSON.stringify(out));
})().catch((e) => { console.error(e); process.exit(1); });
