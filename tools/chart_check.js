// Draw every chart of the given pages at a phone's width (390 px, touch) and a desktop's (1280 px) and
// measure the text Plotly drew, as JSON, per chart and width:
//  - overlaps: pairs of visible text labels whose boxes intersect (more than 1 px each way);
//  - clipped: labels that stick out of the chart's box;
//  - legendOverData: the legend's box intersects the plotting area;
//  - buttons: the toolbar buttons a reader can see.
// Usage: node chart_check.js <site-dir> <page.html> ...
const path = require("path");
const { launch } = require("./chromium");

function measure() {
  const visible = (el) => {
    for (let e = el; e && e.nodeType === 1; e = e.parentNode) {
      const s = getComputedStyle(e);
      if (s.display === "none" || s.visibility === "hidden" || parseFloat(s.opacity) === 0) return false;
      if (e.getAttribute && (e.getAttribute("fill-opacity") === "0" || e.getAttribute("opacity") === "0")) return false;
    }
    return true;
  };
  const box = (el) => { const r = el.getBoundingClientRect(); return { x: r.left, y: r.top, w: r.width, h: r.height }; };
  const meets = (a, b, pad = 1) => Math.min(a.x + a.w, b.x + b.w) - Math.max(a.x, b.x) > pad &&
                                   Math.min(a.y + a.h, b.y + b.h) - Math.max(a.y, b.y) > pad;
  return Array.from(document.querySelectorAll(".book-chart")).map((chart) => {
    const figure = chart.closest("figure");
    const name = (figure && figure.id) || chart.id;
    const div = chart.querySelector("div.kurils-plot");
    const frame = box(div);
    const texts = Array.from(div.querySelectorAll("svg.main-svg text"))
      .filter((t) => !t.closest(".hoverlayer") && t.textContent.trim() && visible(t))
      .map((t) => ({ text: t.textContent.trim().slice(0, 40), box: box(t) }))
      .filter((t) => t.box.w > 0 && t.box.h > 0);
    const overlaps = [];
    for (let i = 0; i < texts.length; i++)
      for (let j = i + 1; j < texts.length; j++)
        if (meets(texts[i].box, texts[j].box)) overlaps.push([texts[i].text, texts[j].text]);
    const clipped = texts.filter((t) => t.box.x < frame.x - 1 || t.box.y < frame.y - 1 ||
                                        t.box.x + t.box.w > frame.x + frame.w + 1 || t.box.y + t.box.h > frame.y + frame.h + 1)
      .map((t) => t.text);
    const legend = div.querySelector("g.legend rect.bg");
    const areas = Array.from(div.querySelectorAll(".draglayer .nsewdrag, .geolayer .bg rect, g.geo > rect")).map(box);
    const legendOverData = !!legend && visible(legend) && areas.some((a) => meets(box(legend), a));
    const buttons = Array.from(div.querySelectorAll(".modebar-btn")).filter(visible).map((b) => b.getAttribute("data-title"));
    return { chart: name, drawn: !!div.querySelector("svg.main-svg"), labels: texts.length, overlaps, clipped,
             legendOverData, buttons };
  });
}

(async () => {
  const [site, ...pages] = process.argv.slice(2);
  const browser = await launch();
  const out = {};
  // the two widths at once, each in a window of its own (the machine has two cores)
  await Promise.all([[390, true], [1280, false]].map(async ([width, touch]) => {
    const context = await browser.newContext({ viewport: { width, height: 844 }, hasTouch: touch, isMobile: touch });
    for (const p of pages) {
      const page = await context.newPage();
      await page.goto("file://" + path.resolve(site, p), { waitUntil: "load" });
      // draw every chart at once (kurils-charts.js draws all before printing); browser_check.js tests
      // the reader's path, charts drawn as they are scrolled to
      await page.evaluate(() => window.dispatchEvent(new Event("beforeprint")));
      await page.waitForFunction(() => Array.from(document.querySelectorAll("div.kurils-plot"))
        .every((d) => d.querySelector("svg.main-svg")), null, { timeout: 30000 }).catch(() => {});
      await page.waitForTimeout(500);
      out[`${p}@${width}`] = await page.evaluate(measure);
      await page.close();
    }
    await context.close();
  }));
  await browser.close();
  process.stdout.write(JSON.stringify(out, null, 1));
})().catch((e) => { console.error(e); process.exit(1); });
