// Draws every chart of the page with the local ECharts. The options are JSON data in a
// <script type="application/json"> element next to each chart container.
(function () {
  "use strict";
  var charts = [];
  var nodes = document.querySelectorAll("[data-chart]");
  for (var i = 0; i < nodes.length; i++) {
    var el = nodes[i];
    var data = document.getElementById(el.id + "-data");
    if (!data || typeof echarts === "undefined") continue;
    var option = JSON.parse(data.textContent);
    if (option._height) el.style.height = option._height; // a row for every school of a long chart
    var chart = echarts.init(el, null, { renderer: "canvas" });
    chart.setOption(option);
    charts.push(chart);
  }
  window.addEventListener("resize", function () {
    for (var i = 0; i < charts.length; i++) charts[i].resize();
  });
  window.addEventListener("beforeprint", function () {
    for (var i = 0; i < charts.length; i++) charts[i].resize();
  });
})();
