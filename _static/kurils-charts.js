/* Draw the book's charts. Each chart is a <div class="kurils-plot"> followed by its figure as JSON.
   plotly.js (one local copy, _static/plotly.min.js) is loaded only when the first chart comes near the
   screen, and each chart is drawn when it is about to be seen: pages without charts load no plotly.js,
   and pages with charts show their text first. No CDN is used. */
(function () {
  var here = document.currentScript && document.currentScript.src;
  var plotlySrc = here ? here.replace(/kurils-charts\.js(\?.*)?$/, "plotly.min.js") : "_static/plotly.min.js";
  var loading = null;

  function loadPlotly() {
    if (window.Plotly) { return Promise.resolve(window.Plotly); }
    if (!loading) {
      loading = new Promise(function (resolve, reject) {
        var s = document.createElement("script");
        s.src = plotlySrc;
        s.onload = function () { resolve(window.Plotly); };
        s.onerror = reject;
        document.head.appendChild(s);
      });
    }
    return loading;
  }

  function draw(div) {
    if (div.dataset.drawn) { return; }
    div.dataset.drawn = "1";
    var spec = document.querySelector('script.kurils-plot-spec[data-for="' + div.id + '"]');
    if (!spec) { return; }
    var fig = JSON.parse(spec.textContent);
    if (fig.layout.template === "book") { fig.layout.template = window.KURILS_TEMPLATE; }
    // a chart may carry a layout patch for phones (narrow): fewer ticks, shorter labels
    var narrow = fig.narrow && Object.keys(fig.narrow).length && div.clientWidth < 500 ? fig.narrow : null;
    loadPlotly().then(function (Plotly) {
      return Plotly.newPlot(div, fig.data, fig.layout, fig.config).then(function () {
        if (narrow) { return Plotly.relayout(div, narrow); }
      });
    });
  }

  function start() {
    var divs = Array.prototype.slice.call(document.querySelectorAll("div.kurils-plot"));
    if (!divs.length) { return; }
    if (!("IntersectionObserver" in window)) { divs.forEach(draw); return; }
    var io = new IntersectionObserver(function (entries) {
      entries.forEach(function (e) {
        if (e.isIntersecting) { io.unobserve(e.target); draw(e.target); }
      });
    }, { rootMargin: "150px 0px" });
    divs.forEach(function (d) { io.observe(d); });
    window.addEventListener("beforeprint", function () { divs.forEach(draw); });
  }

  // "Download the chart" buttons under each figure: the chart as the reader sees it, drawn by plotly.js
  document.addEventListener("click", function (e) {
    var button = e.target.closest && e.target.closest("button.kurils-chart-download");
    if (!button) { return; }
    var figure = button.closest("figure");
    var div = figure && figure.querySelector("div.kurils-plot");
    if (!div) { return; }
    draw(div);
    var go = function () {
      if (!div._fullLayout) { return setTimeout(go, 100); }
      window.Plotly.downloadImage(div, { format: button.dataset.format, filename: button.dataset.name,
                                         width: Math.max(div.clientWidth, 700), height: div.clientHeight });
    };
    loadPlotly().then(go);
  });

  if (document.readyState === "loading") { document.addEventListener("DOMContentLoaded", start); }
  else { start(); }
})();
