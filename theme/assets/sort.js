// Sorts every table.sortable by the column whose header is clicked (or reached with Tab and
// pressed with Enter or Space): numbers by value, text in Chinese order; pressing again
// reverses. Rows that sum the table up (first cell 合计) stay last; equal rows keep their order.
(function () {
  "use strict";
  var collator = new Intl.Collator("zh-CN", { numeric: true });
  var tables = document.querySelectorAll("table.sortable");
  for (var t = 0; t < tables.length; t++) setUp(tables[t]);

  function setUp(table) {
    if (!table.tHead || !table.tBodies.length) return;
    var heads = table.tHead.rows[0].cells;
    for (var i = 0; i < heads.length; i++) {
      (function (th, col) {
        th.tabIndex = 0;
        th.title = "按此列排序";
        th.addEventListener("click", function () { sort(table, col, th); });
        th.addEventListener("keydown", function (e) {
          if (e.key === "Enter" || e.key === " ") {
            e.preventDefault();
            sort(table, col, th);
          }
        });
      })(heads[i], i);
    }
  }

  // key is a cell's sort key: the first number in it for a numeric column (cells without one,
  // such as 无法计算 or —, sort before every number), else its text.
  function key(cell, numeric) {
    var s = cell ? cell.textContent.trim() : "";
    if (!numeric) return s;
    var m = s.replace(/,/g, "").match(/-?\d+(\.\d+)?/);
    return m ? parseFloat(m[0]) : -Infinity;
  }

  function sort(table, col, th) {
    var body = table.tBodies[0];
    var numeric = th.classList.contains("num");
    var ascending = th.getAttribute("aria-sort") !== "ascending";
    var rows = [];
    var totals = [];
    for (var r = 0; r < body.rows.length; r++) {
      var row = body.rows[r];
      if (row.cells.length && row.cells[0].textContent.trim() === "合计") totals.push(row);
      else rows.push({ row: row, i: r, k: key(row.cells[col], numeric) });
    }
    rows.sort(function (a, b) {
      var c = numeric ? (a.k < b.k ? -1 : a.k > b.k ? 1 : 0) : collator.compare(a.k, b.k);
      return (ascending ? c : -c) || a.i - b.i;
    });
    for (var j = 0; j < rows.length; j++) body.appendChild(rows[j].row);
    for (var k = 0; k < totals.length; k++) body.appendChild(totals[k]);
    var heads = th.parentNode.cells;
    for (var h = 0; h < heads.length; h++) heads[h].removeAttribute("aria-sort");
    th.setAttribute("aria-sort", ascending ? "ascending" : "descending");
  }
})();
