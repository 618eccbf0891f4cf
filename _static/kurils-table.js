/* Filter and sort for generated tables (class kurils-filterable). The filter form and the column
names of long tables' cells (a phone shows them as cards) are in the page (kurils.sphinxext.cards):
this only makes them work. Local, no dependencies. */
document.addEventListener("DOMContentLoaded", function () {
  document.querySelectorAll("table.kurils-filterable").forEach(function (table) {
    var body = table.tBodies[0];
    var rows = Array.prototype.slice.call(body.rows);
    var form = table.previousElementSibling;
    if (!form || !form.classList.contains("kurils-filter")) { return; }
    form.onsubmit = function () { return false; };
    var input = form.querySelector("input");
    var count = form.querySelector(".kurils-filter-count");
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
    if (input.value) { update(); }  // a value the browser restored (back to the page)
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
