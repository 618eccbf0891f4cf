/* Draw the book's charts. Each chart is a <div class="kurils-plot"> followed by its figure as JSON.
   plotly.js (one local copy, _static/plotly.min.js) is loaded only when the first chart comes near the
   screen (on it, before the reader scrolls), and each chart is drawn when it is about to be seen: pages without charts load no plotly.js,
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
    loadFigure(spec).then(function (fig) { drawFigure(div, fig); });
  }

  // A file of _static loaded once, as a script: a page opened from disk (file://) may load scripts but
  // not fetch files. Chart figures, map outlines and citation titles travel this way.
  var loaded = {};
  function loadScript(path) {
    if (!loaded[path]) {
      loaded[path] = new Promise(function (resolve, reject) {
        var s = document.createElement("script");
        s.src = plotlySrc.replace(/plotly\.min\.js(\?.*)?$/, path);
        s.onload = resolve;
        s.onerror = reject;
        document.head.appendChild(s);
      });
    }
    return loaded[path];
  }

  // A chart's figure: in the page, or (as the book's pages serve it) in _static/charts/<hash>.js, named
  // by the page's script (data-src) and loaded when the chart is about to be seen. Each chart gets a
  // copy: drawing adds the template and the map outlines to it.
  function loadFigure(spec) {
    var name = spec.dataset.src;
    if (!name) { return Promise.resolve(JSON.parse(spec.textContent)); }
    return loadScript("charts/" + name + ".js").then(function () {
      return JSON.parse(JSON.stringify(window.KURILS_SPECS[name]));
    });
  }

  function drawFigure(div, fig) {
    if (fig.layout.template === "book") { fig.layout.template = window.KURILS_TEMPLATE; }
    // a chart may carry a layout patch for phones (narrow): fewer ticks, shorter labels
    var isNarrow = div.clientWidth < 500;
    var config = Object.assign({}, fig.config);
    // The toolbar: download the image, and reset where a chart zooms; on touch screens none at all
    // (it would cover the top of the chart; the "Download the chart" buttons under it do the same).
    if (window.matchMedia && window.matchMedia("(hover: none)").matches) { config.displayModeBar = false; }
    Promise.all([loadPlotly(), loadGeometry(fig.data)]).then(function (got) {
      var Plotly = got[0];
      return Plotly.newPlot(div, fig.data, fig.layout, config).then(function () {
        // On a phone, the chart's own patch (fig.narrow) first; at every width, tick labels level and apart
        var patch = isNarrow ? fig.narrow || {} : {};
        return (Object.keys(patch).length ? Plotly.relayout(div, patch) : Promise.resolve())
          .then(function () { return chooser(Plotly, div, fig.layout); })
          .then(function () { return spaceTicks(Plotly, div, fig.layout, 0); });
      });
    });
  }

  // A chart with a menu of views (a Plotly updatemenu) gets a real <select> above it instead, which
  // a keyboard and a screen reader can use, and which works the same on a phone; the SVG menu is hidden.
  function chooser(Plotly, div, layout) {
    var menu = (layout.updatemenus || [])[0];
    if (!menu || !menu.buttons || div.dataset.chooser) { return Promise.resolve(); }
    div.dataset.chooser = "1";
    var wrap = document.createElement("div");
    wrap.className = "kurils-chooser";
    var select = document.createElement("select");
    select.id = div.id + "-chooser";
    var label = document.createElement("label");
    label.htmlFor = select.id;
    label.textContent = (menu.name || "Show") + " ";
    menu.buttons.forEach(function (b, i) {
      var o = document.createElement("option");
      o.value = String(i);
      o.textContent = b.label;
      o.selected = i === (menu.active || 0);
      select.appendChild(o);
    });
    select.addEventListener("change", function () {
      var b = menu.buttons[Number(select.value)];
      Plotly.update(div, b.args[0], b.args[1] || {});
    });
    wrap.appendChild(label);
    wrap.appendChild(select);
    div.parentNode.insertBefore(wrap, div);
    return Plotly.relayout(div, {"updatemenus[0].visible": false});
  }

  // A citation's hover text (author, date, title) is in one file for the whole site,
  // _static/kurils-cites.js (written by kurils.sphinxext), loaded the first time a reader points at or
  // focuses a citation (a link to an entry in any part of the bibliography); each link then gets its
  // title. The text is set as an attribute, never as markup.
  var cites = null;
  function citeTitles(event) {
    var a = event.target && event.target.closest && event.target.closest('a[href*="#cite-"]');
    if (!a || cites) { return; }
    cites = loadScript("kurils-cites.js").then(
      function () { return window.KURILS_CITES || {}; },
      function () { return {}; }
    );
    cites.then(function (titles) {
      document.querySelectorAll('a[href*="#cite-"]').forEach(function (link) {
        var key = decodeURIComponent(link.getAttribute("href").split("#cite-")[1] || "");
        if (titles[key] && !link.title) { link.title = titles[key]; }
      });
    });
  }
  document.addEventListener("pointerover", citeTitles, { passive: true });
  document.addEventListener("focusin", citeTitles);

  // An entry's address from before the bibliography had three parts (bibliography.html#cite-<key>)
  // still leads to it: kurils-cites.js also names the part that holds each entry.
  var hash = location.hash;
  if (/^#cite-/.test(hash) && !document.getElementById(decodeURIComponent(hash.slice(1)))) {
    loadScript("kurils-cites.js").then(function () {
      var parts = window.KURILS_CITE_PAGES || {}, key = decodeURIComponent(hash.slice(6));
      var page = Object.keys(parts).filter(function (p) { return parts[p].indexOf(key) >= 0; })[0];
      if (page) { location.replace(plotlySrc.replace(/_static\/plotly\.min\.js(\?.*)?$/, page) + hash); }
    });
  }

  // Map outlines travel in files of their own (_static/geo/<hash>.js, written by kurils.sphinxext),
  // loaded as scripts (which also works for a page opened from disk) when the map is drawn, each once.
  function loadGeometry(traces) {
    return Promise.all(traces.filter(function (t) { return t.kurils_xy; }).map(function (t) {
      var name = t.kurils_xy;
      return loadScript("geo/" + name + ".js").then(function () {
        var xy = window.KURILS_GEO[name];
        t.x = xy.x; t.y = xy.y; delete t.kurils_xy;
      });
    }));
  }

  function overlapping(nodes) {
    var boxes = nodes.map(function (n) { return n.getBoundingClientRect(); })
      .filter(function (b) { return b.width > 0; });
    for (var i = 1; i < boxes.length; i++) {
      for (var j = 0; j < i; j++) {
        if (Math.min(boxes[i].right, boxes[j].right) - Math.max(boxes[i].left, boxes[j].left) > -4 &&
            Math.min(boxes[i].bottom, boxes[j].bottom) - Math.max(boxes[i].top, boxes[j].top) > 0) { return true; }
      }
    }
    return false;
  }

  // Level x tick labels, spaced so that none touches the next: an axis whose labels collide gets a
  // step twice as long (its own step doubled, or half as many automatic ticks), up to four times.
  // Axes with explicit tick values keep them (the chart's narrow patch sets those).
  function spaceTicks(Plotly, div, user, round) {
    var full = div._fullLayout, patch = {};
    Object.keys(full).forEach(function (key) {
      var m = /^xaxis(\d*)$/.exec(key);
      var ax = m && full[key];
      if (!ax || !ax.visible || !ax.showticklabels || ax.tickmode === "array") { return; }
      var labels = Array.prototype.slice.call(div.querySelectorAll("g.x" + m[1] + "tick text"));
      if (round === 0) { patch[key + ".tickangle"] = 0; }
      if (round === 0 || !overlapping(labels)) { return; }
      var own = (user[key] || {}).dtick, dtick = ax.dtick;
      if (typeof dtick === "number" && dtick > 0) {
        patch[key + ".dtick"] = dtick * 2;
      } else if (typeof dtick === "string" && /^M\d+$/.test(dtick)) {
        patch[key + ".dtick"] = "M" + (2 * parseInt(dtick.slice(1), 10));
      } else if (own === undefined) {
        patch[key + ".nticks"] = Math.max(2, Math.floor(labels.length / 2));
      }
    });
    if (!Object.keys(patch).length || round > 4) { return Promise.resolve(); }
    return Plotly.relayout(div, patch).then(function () { return spaceTicks(Plotly, div, user, round + 1); });
  }

  // Before the reader scrolls, only a chart on the screen is drawn (a chart just below the first screen
  // would load plotly.js while the page is still settling); once the reader scrolls, a chart is drawn
  // when it comes within 150 px of the screen, so that it is ready as it arrives.
  function start() {
    var divs = Array.prototype.slice.call(document.querySelectorAll("div.kurils-plot"));
    if (!divs.length) { return; }
    if (!("IntersectionObserver" in window)) { divs.forEach(draw); return; }
    function observe(margin) {
      var io = new IntersectionObserver(function (entries) {
        entries.forEach(function (e) {
          if (e.isIntersecting) { io.unobserve(e.target); draw(e.target); }
        });
      }, { rootMargin: margin });
      divs.forEach(function (d) { if (!d.dataset.drawn) { io.observe(d); } });
      return io;
    }
    var first = observe("0px");
    window.addEventListener("scroll", function () { first.disconnect(); observe("150px 0px"); },
                            { once: true, passive: true });
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
