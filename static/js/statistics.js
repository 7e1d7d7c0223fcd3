// The year's statistics: charts across years drawn with the vendored Chart.js (static/vendor/chartjs), from the
// figures the page embeds with json_script (#statistics-chart-data). No inline script: the CSP allows 'self' only.
(function () {
  "use strict";
  var source = document.getElementById("statistics-chart-data");
  if (!source || typeof window.Chart === "undefined") return;
  var data = JSON.parse(source.textContent);
  var palette = ["#0d6efd", "#dc3545", "#198754", "#fd7e14", "#6f42c1", "#20c997", "#ffc107", "#6c757d", "#d63384"];
  var titles = document.getElementById("chart-titles");
  if (titles) {
    new window.Chart(titles, {
      type: "bar",
      data: {
        labels: data.years,
        datasets: data.series.map(function (serie, index) {
          return { label: serie.label, data: serie.values, backgroundColor: palette[index % palette.length] };
        }),
      },
      options: {
        responsive: true,
        maintainAspectRatio: false,
        animation: false,
        scales: { x: { stacked: true }, y: { stacked: true, beginAtZero: true, ticks: { precision: 0 } } },
        plugins: { legend: { position: "bottom" } },
      },
    });
  }
  var money = document.getElementById("chart-money");
  if (money) {
    new window.Chart(money, {
      type: "line",
      data: {
        labels: data.years,
        datasets: [{ label: "Tiền thưởng (đồng)", data: data.money, borderColor: "#dc3545", backgroundColor: "#dc3545" }],
      },
      options: {
        responsive: true,
        maintainAspectRatio: false,
        animation: false,
        scales: { y: { beginAtZero: true } },
        plugins: { legend: { position: "bottom" } },
      },
    });
  }
})();
