// runwarden report page: draws every <canvas data-chart> from the JSON in #report-data with the inlined Chart.js.
// Plain browser JavaScript (inlined verbatim by html-report.ts); data shapes are ChartData in html-data.ts.
(function () {
  'use strict';
  var data = JSON.parse(document.getElementById('report-data').textContent);
  var palette = ['#4e79a7', '#f28e2b', '#59a14f', '#e15759', '#76b7b2', '#edc948', '#b07aa1', '#9c755f'];
  var families = { '2xx': ['#59a14f', '#8cd17d', '#3b7a36'], '3xx': ['#4e79a7', '#a0cbe8'], '4xx': ['#f28e2b', '#ffbe7d', '#d37295'], '5xx': ['#e15759', '#ff9d9a', '#b5383a'], timeout: ['#b07aa1'], other: ['#bab0ac'] };
  var used = {};

  Chart.defaults.animation = false;
  Chart.defaults.responsive = true;
  Chart.defaults.maintainAspectRatio = false;
  Chart.defaults.color = '#57606a';
  Chart.defaults.borderColor = '#e4e8ec';
  Chart.defaults.font.family = 'system-ui, -apple-system, "Segoe UI", Roboto, sans-serif';
  Chart.defaults.plugins.legend.labels.boxWidth = 12;

  function ms(value) {
    if (value < 1) return value.toFixed(2) + ' ms';
    if (value < 1000) return (value < 100 ? value.toFixed(1) : Math.round(value)) + ' ms';
    return (value / 1000).toFixed(2) + ' s';
  }

  function familyColour(family) {
    var shades = families[family] || families.other;
    var index = used[family] || 0;
    used[family] = index + 1;
    return shades[index % shades.length];
  }

  /** Positive values only: a log axis has no place for zero. */
  function positives(values) {
    return values.filter(function (value) { return typeof value === 'number' && value > 0; });
  }

  /** A logarithmic axis when values span more than two orders of magnitude, so p50 and p99.9 both stay readable. */
  function spansDecades(values) {
    var positive = positives(values);
    return positive.length > 0 && Math.max.apply(null, positive) / Math.min.apply(null, positive) > 100;
  }

  /**
   * A value axis for these values: linear from zero, or logarithmic from the power of ten below the smallest value
   * (so the smallest bar still has a length). On a log scale only powers of ten are labelled.
   */
  function valueAxis(values, title) {
    var logarithmic = spansDecades(values);
    var axis = {
      type: logarithmic ? 'logarithmic' : 'linear',
      beginAtZero: !logarithmic,
      grace: logarithmic ? 0 : '5%',
      title: { display: true, text: title + (logarithmic ? ' (log scale)' : '') },
      ticks: {
        callback: function (value) {
          if (logarithmic && Math.abs(Math.log10(value) % 1) > 1e-9) return '';
          return Number(value).toLocaleString('en');
        },
      },
    };
    if (logarithmic) {
      var smallest = Math.min.apply(null, positives(values));
      var exponent = Math.floor(Math.log10(smallest));
      if (Math.pow(10, exponent) >= smallest) exponent -= 1;
      axis.min = Math.pow(10, exponent);
    }
    return axis;
  }

  var builders = {
    latency: function () {
      var all = [].concat.apply([], data.latency.series.map(function (series) { return series.data; }));
      return {
        type: 'bar',
        data: {
          labels: data.latency.labels,
          datasets: data.latency.series.map(function (series, index) {
            return { label: series.label, data: series.data, backgroundColor: palette[index], borderRadius: 2 };
          }),
        },
        options: {
          indexAxis: 'y',
          scales: { x: valueAxis(all, 'latency (ms)') },
          plugins: { tooltip: { callbacks: { label: function (item) { return item.dataset.label + ': ' + ms(item.parsed.x); } } } },
        },
      };
    },
    completion: function () {
      var all = [].concat.apply([], data.completion.map(function (entry) { return entry.points.map(function (point) { return point[0]; }); }));
      return {
        type: 'line',
        data: {
          datasets: data.completion.map(function (entry, index) {
            return {
              label: entry.scenario + (entry.source === 'percentiles' ? ' (percentiles only)' : ''),
              data: entry.points.map(function (point) { return { x: point[0], y: point[1] }; }),
              borderColor: palette[index % palette.length],
              backgroundColor: palette[index % palette.length],
              pointRadius: entry.source === 'percentiles' ? 3 : 0,
              borderWidth: 2,
              stepped: entry.source === 'histogram',
            };
          }),
        },
        options: {
          parsing: false,
          scales: {
            x: valueAxis(all, 'time to a terminal state (ms)'),
            y: { min: 0, max: 100, title: { display: true, text: '% of runs finished' } },
          },
          plugins: { tooltip: { callbacks: { label: function (item) { return item.dataset.label + ': ' + item.parsed.y + '% within ' + ms(item.parsed.x); } } } },
        },
      };
    },
    timeline: function (index) {
      var timeline = data.timelines[index];
      function line(label, values, colour, axis, dash) {
        return { label: label, data: values, borderColor: colour, backgroundColor: colour, yAxisID: axis, pointRadius: 0, borderWidth: 2, borderDash: dash || [], tension: 0.2 };
      }
      return {
        type: 'line',
        data: {
          labels: timeline.seconds,
          datasets: [
            line('requests/s', timeline.requests, palette[0], 'requests'),
            line('errors/s', timeline.errors, palette[3], 'requests', [4, 3]),
            line('runs created/s', timeline.runsCreated, palette[1], 'runs'),
            line('runs completed/s', timeline.runsCompleted, palette[2], 'runs'),
          ],
        },
        options: {
          interaction: { mode: 'index', intersect: false },
          scales: {
            x: { title: { display: true, text: 'second of the scenario' }, ticks: { maxTicksLimit: 12 } },
            requests: { position: 'left', beginAtZero: true, grace: '10%', title: { display: true, text: 'requests/s' } },
            runs: { position: 'right', beginAtZero: true, grace: '10%', grid: { drawOnChartArea: false }, title: { display: true, text: 'runs/s' } },
          },
        },
      };
    },
    statuses: function () {
      // Grouped, not stacked: on a log axis a handful of 5xx stays visible next to thousands of 2xx.
      var all = [].concat.apply([], data.statuses.series.map(function (series) { return series.data; }));
      return {
        type: 'bar',
        data: {
          labels: data.statuses.labels,
          datasets: data.statuses.series.map(function (series) {
            // null, not 0: with skipNull an endpoint keeps no empty slot for a status it never returned.
            return { label: series.label, data: series.data.map(function (count) { return count > 0 ? count : null; }), backgroundColor: familyColour(series.family), borderRadius: 2 };
          }),
        },
        options: {
          indexAxis: 'y',
          skipNull: true,
          scales: { x: valueAxis(all, 'responses') },
        },
      };
    },
    outcomes: function () {
      return {
        type: 'doughnut',
        data: {
          labels: data.outcomes.labels,
          datasets: [{ data: data.outcomes.data, backgroundColor: ['#59a14f', '#e15759', '#7b2d26', '#bab0ac'], borderWidth: 1 }],
        },
        options: { cutout: '55%', plugins: { legend: { position: 'right' } } },
      };
    },
  };

  var charts = [];
  document.querySelectorAll('canvas[data-chart]').forEach(function (canvas) {
    var build = builders[canvas.getAttribute('data-chart')];
    charts.push(new Chart(canvas, build(Number(canvas.getAttribute('data-index') || 0))));
  });
  // For tests and curious readers: the live Chart instances.
  window.runwardenCharts = charts;
})();
