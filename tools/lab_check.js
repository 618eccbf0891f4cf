// Open each chapter in a running JupyterLab (as a student does: the .md opens as a notebook), run all
// cells, and report, as JSON, for every chapter: the charts drawn (a Plotly output holding an SVG),
// the outputs that are errors, and how long the run took.
// Usage: node lab_check.js <base-url> <token> <chapter.md> [...]   (Debian's Chromium, headless)
const { launch } = require("./chromium");

(async () => {
  const [base, token, ...chapters] = process.argv.slice(2);
  const browser = await launch();
  const report = [];
  async function check(context, i, chapter) {
    const page = await context.newPage();
    const started = Date.now();
    // a workspace of its own for each chapter, so that only this notebook is open
    await page.goto(`${base}/lab/workspaces/check${i}/tree/${chapter}?reset&token=${token}`);
    await page.waitForFunction(() => window.jupyterapp && document.querySelector(".jp-NotebookPanel .jp-Cell"),
                               null, { timeout: 120000 });
    // wait for the kernel, then run every cell
    await page.waitForFunction(() => {
      const s = document.querySelector(".jp-Notebook-ExecutionIndicator");
      return s && s.getAttribute("data-status") === "idle";
    }, null, { timeout: 120000 });
    // JupyterLab may reload the page once while it settles: run all again until every cell has run
    const done = () => {
      const prompts = Array.from(document.querySelectorAll(".jp-NotebookPanel .jp-CodeCell .jp-InputPrompt"));
      return prompts.length > 0 && prompts.every((p) => /\[\d+\]/.test(p.textContent));
    };
    let finished = false;
    for (let attempt = 0; attempt < 4 && !finished; attempt++) {
      await page.waitForTimeout(3000);
      await page.waitForFunction(() => window.jupyterapp && document.querySelector(".jp-NotebookPanel .jp-Cell"),
                                 null, { timeout: 120000 });
      await page.evaluate(() => { window.jupyterapp.commands.execute("notebook:run-all-cells"); });
      finished = await page.waitForFunction(done, null, { timeout: 120000, polling: 500 }).then(() => true, () => false);
    }
    if (!finished) { throw new Error(`${chapter}: the cells did not all run`); }
    await page.waitForTimeout(1500);  // let the last charts draw
    const result = await page.evaluate(() => {
      const plots = Array.from(document.querySelectorAll(".jp-NotebookPanel .jp-OutputArea-output"))
        .filter((o) => o.matches(".js-plotly-plot, .jp-RenderedPlotly") || o.querySelector(".js-plotly-plot"));
      const drawn = plots.filter((o) => o.querySelector("svg.main-svg .plot, svg.main-svg .scatterlayer, svg.main-svg .barlayer"));
      const errors = Array.from(document.querySelectorAll(".jp-NotebookPanel .jp-OutputArea-output[data-mime-type='application/vnd.jupyter.stderr'], .jp-NotebookPanel .jp-RenderedText[data-mime-type='application/vnd.jupyter.error']"))
        .map((e) => e.textContent.slice(0, 300));
      const titles = drawn.map((o) => (o.querySelector(".gtitle") || {}).textContent || "");
      const cells = document.querySelectorAll(".jp-NotebookPanel .jp-CodeCell").length;
      return { plots: plots.length, drawn: drawn.length, errors, titles, cells };
    });
    if (process.env.LAB_SCREENSHOT_DIR) {  // for a person to look at: the first chart of each chapter
      const plot = page.locator(".jp-OutputArea-output svg.main-svg").first();
      if (await plot.count()) {
        await plot.scrollIntoViewIfNeeded();
        await page.screenshot({ path: `${process.env.LAB_SCREENSHOT_DIR}/lab-${i}.png` });
      }
    }
    report.push({ chapter, seconds: (Date.now() - started) / 1000, ...result });
    await page.close();
  }
  // two chapters at a time (two kernels; the machine has two cores), each in a window of its own
  const queue = chapters.map((c, i) => [i, c]);
  const contexts = [0, 1].map(() => browser.newContext({ viewport: { width: 1280, height: 900 } }));
  await Promise.all(contexts.map(async (made) => {
    const ctx = await made;
    while (queue.length) { const [i, c] = queue.shift(); await check(ctx, i, c); }
  }));
  report.sort((a, b) => chapters.indexOf(a.chapter) - chapters.indexOf(b.chapter));
  await browser.close();
  process.stdout.write(JSON.stringify(report, null, 1));
})().catch((e) => { console.error(e); process.exit(1); });
