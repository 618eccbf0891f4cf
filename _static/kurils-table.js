/* Filter and sort for generated tables (class kurils-filterable), and column names for the cells of
long tables, which a phone shows as stacked cards without their header row (kurils.css). Local, no
dependencies. */
document.addEventListener("DOMContentLoaded", function () {
  document.querySelectorAll("table.longtable").forEach(function (table) {
    var heads = table.tHead ? table.tHead.rows[0].cells : [];
    Array.prototype.forEach.call(table.tBodies[0] ? table.tBodies[0].rows : [], function (row) {
      Array.prototype.forEach.call(row.cells, function (cell, col) {
        var name = heads[col] ? heads[col].textContent.trim() : "";
        if (col > 0 && name) { cell.setAttribute("data-label", name); }
      });
    });
  });
});
document.addEventListener("DOMContentLoaded", function () {
  document.querySelectorAll("table.kurils-filterable").forEach(function (table) {
    var body = table.tBodies[0];
    var rows = Array.prototype.slice.call(body.rows);
    var form = document.createElement("form");
    form.className = "kurils-filter";
    form.setAttribute("role", "search");
    form.onsubmit = function () { return false; };
    var label = document.createElement("label");
    label.textContent = "Filter the table: ";
    var input = document.createElement("input");
    input.type = "search";
    input.placeholder = "word, year or kind";
    input.setAttribute("aria-controls", table.id || "");
    label.appendChild(input);
    var count = document.createElement("span");
    count.className = "kurils-filter-count";
    count.setAttribute("aria-live", "polite");
    form.appendChild(label);
    form.appendChild(count);
    table.parentNode.insertBefore(form, table);
    function update() {
      var q = input.value.trim().toLowerCase(), shown = 0;
      rows.forEach(function (r) {
        var ok = !q || r.textContent.toLowerCase().indexOf(q) !== -1;
        r.style.display = ok ? "" : "none";
        if (ok) { shown += 1; }
      });
      count.textContent = " " + shown + " of " + rows.length + " rows";
    }
    input.addEventListener("input", update);
    update();
    var heads = table.tHead ? table.tHead.rows[0].cells : [];
    Array.prototype.forEach.call(heads, function (th, col) {
      var button = document.createElement("button");
      button.type = "button";
      button.className = "kurils-sort";
      button.textContent = th.textContent;
      button.title = "Sort by this column";
      th.textContent = "";
      th.appendChild(button);
      th.setAttribute("aria-sort", "none");
      button.addEventListener("click", function () {
        var asc = th.getAttribute("aria-sort") !== "ascending";
        Array.prototype.forEach.call(heads, function (h) { h.setAttribute("aria-sort", "none"); });
        th.setAttribute("aria-sort", asc ? "ascending" : "descending");
        rows.sort(function (a, b) {
          var x = a.cells[col].textContent.trim(), y = b.cells[col].textContent.trim();
          return asc ? x.localeCompare(y) : y.localeCompare(x);
        });
        rows.forEach(function (r) { body.appendChild(r); });
      });
    });
  });
});
