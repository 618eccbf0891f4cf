// Open each chapter in a running JupyterLab (as a student does: the .md opens as a notebook, in the
// viewer JupyterLab gives it by default), run all cells, and report, as JSON, for every chapter: the
// charts drawn (a Plotly output holding an SVG), the outputs that are errors, the rendered prose (its
// glue roles, opened as {eval} expressions by lab/kurils_lab.py, filled in by the kernel), and how
// long the run took.
// Two JupyterLab windows (the machine has two cores), each opening its chapters one after another.
// Usage: node lab_check.js <base-url> <token> <chapter.md> [...]   (Debian's Chromium, headless)
const { launch } = require("./chromium");

const WAIT = { timeout: 120000, polling: 250 };

// In the page: the state of the notebook opened last (window.__kurilsNotebook).
function state() {
  const nb = window.__kurilsNotebook;
  const node = nb.node;
  const prompts = Array.from(node.querySelectorAll(".jp-CodeCell .jp-InputPrompt"));
  const outputs = Array.from(node.querySelectorAll(".jp-OutputArea-output"));
  const plots = outputs.filter((o) => o.matches(".js-plotly-plot, .jp-RenderedPlotly") || o.querySelector(".js-plotly-plot"));
  const drawn = plots.filter((o) => o.querySelector("svg.main-svg .plot, svg.main-svg .scatterlayer, svg.main-svg .barlayer"));
  const errors = Array.from(node.querySelectorAll(".jp-OutputArea-output[data-mime-type='application/vnd.jupyter.stderr'], .jp-RenderedText[data-mime-type='application/vnd.jupyter.error']"))
    .map((e) => e.textContent.slice(0, 300));
  const kernel = nb.sessionContext.session && nb.sessionContext.session.kernel;
  const prose = Array.from(node.querySelectorAll(".jp-MarkdownCell .jp-Cell-inputArea .myst"))
    .map((m) => m.textContent).join("\n");
  return {
    ran: prompts.length > 0 && prompts.every((p) => /\[\d+\]/.test(p.textContent)),
    idle: !!kernel && kernel.status === "idle",
    cells: prompts.length, plots: plots.length, drawn: drawn.length, errors,
    titles: drawn.map((o) => (o.querySelector(".gtitle") || {}).textContent || ""),
    prose, unfilled: (prose.match(/kurils\.glued\(|\{glue/g) || []).length,
    proseErrors: Array.from(node.querySelectorAll(".jp-MarkdownCell [data-mime-type='application/vnd.jupyter.stderr']"))
      .map((e) => e.textContent.slice(0, 300)),
  };
}

(async () => {
  const [base, token, ...chapters] = process.argv.slice(2);
  const browser = await launch();
  const report = [];

  async function openLab(page, w) {
    // a workspace of its own for each window (HOME is empty, so nothing is restored into it)
    await page.goto(`${base}/lab/workspaces/check${w}?token=${token}`);
    await page.waitForFunction(() => window.jupyterapp, null, WAIT);
    await page.evaluate(() => window.jupyterapp.restored);
  }

  async function check(page, i, chapter) {
    const started = Date.now();
    await page.evaluate(async (path) => {
      const nb = await window.jupyterapp.commands.execute("docmanager:open", { path });
      window.__kurilsNotebook = nb;
      await nb.context.ready;
      await nb.sessionContext.ready;
    }, chapter);
    await page.waitForFunction(() => {
      const k = window.__kurilsNotebook.sessionContext.session;
      return k && k.kernel && k.kernel.status === "idle";
    }, null, WAIT);
    await page.evaluate(() => window.jupyterapp.commands.execute("notebook:run-all-cells"));
    // every cell has run, or one failed (run-all stops there: report it now, not at the timeout)
    await page.waitForFunction((s) => { const r = eval(`(${s})`)(); return r.ran || (r.errors.length && r.idle); },
                               state.toString(), WAIT);
    // then every chart has drawn (a chart that never draws is reported after 15 s)
    await page.waitForFunction((s) => { const r = eval(`(${s})`)(); return r.drawn === r.plots; },
                               state.toString(), { timeout: 15000, polling: 250 }).catch(() => null);
    // and every number in the prose is filled in (jupyterlab-myst asks the kernel as each Markdown cell runs)
    await page.waitForFunction((s) => (({ unfilled, proseErrors }) => unfilled === proseErrors.length)(eval(`(${s})`)()),
                               state.toString(), { timeout: 15000, polling: 250 }).catch(() => null);
    const result = await page.evaluate((s) => eval(`(${s})`)(), state.toString());
    if (process.env.LAB_SCREENSHOT_DIR) {  // for a person to look at: the first chart of each chapter
      const plot = page.locator(".jp-NotebookPanel:not(.lm-mod-hidden) .jp-OutputArea-output svg.main-svg").first();
      if (await plot.count()) {
        await plot.scrollIntoViewIfNeeded();
        await page.screenshot({ path: `${process.env.LAB_SCREENSHOT_DIR}/lab-${i}.png` });
      }
    }
    // close it and stop its kernel, as a student closing the tab and shutting the kernel down
    await page.evaluate(async () => {
      const nb = window.__kurilsNotebook;
      await nb.sessionContext.shutdown();
      nb.dispose();
    });
    report.push({ chapter, seconds: (Date.now() - started) / 1000, ...result });
  }

  const queue = chapters.map((c, i) => [i, c]);
  await Promise.all([0, 1].map(async (w) => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    await openLab(page, w);
    while (queue.length) {
      const [i, c] = queue.shift();
      try {
        await check(page, i, c);
      } catch (e) {  // JupyterLab reloaded the window under the check, or it timed out: once more, afresh
        console.error(`${c}: ${e.message.split("\n")[0]}; trying again in a new window`);
        await openLab(page, w);
        await check(page, i, c);
      }
    }
    await context.close();
  }));
  report.sort((a, b) => chapters.indexOf(a.chapter) - chapters.indexOf(b.chapter));
  await browser.close();
  process.stdout.write(JSON.stringify(report, null, 1));
})().catch((e) => { console.error(e); process.exit(1); });
