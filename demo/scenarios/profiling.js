// Staged work of known cost (see profiling.html). Each function's cost is measured around it with
// performance.now() and added up in window.staged: the independent truth a profile must match.
window.staged = { buildReport: 0, compareRows: 0, formatCells: 0 };

function done(name) {
  document.body.dataset[name] = String(Number(document.body.dataset[name] || 0) + 1);
}

// 450 ms in one call.
function buildReport() {
  var started = performance.now();
  var x = 0;
  while (performance.now() - started < 450) x += Math.sqrt(x + 1);
  staged.buildReport += performance.now() - started;
  return x;
}

// About 30 µs of fixed work a call: too short for a timer of 100 µs resolution to measure each,
// so sortRows measures the calls together.
function compareRows(a, b) {
  var x = a;
  for (var i = 0; i < 4000; i++) x = (x * 31 + b + i) % 1000003;
  return x;
}

// 150 ms of thousands of short calls to compareRows, measured around the calls (sortRows' own
// share is its loop: a few instructions a call).
function sortRows() {
  perf.mark('sort-start');
  var started = performance.now();
  var x = 0;
  while (performance.now() - started < 150) {
    for (var k = 0; k < 20; k++) x += compareRows(k, x);
  }
  staged.compareRows += performance.now() - started;
  perf.measure('sort rows', 'sort-start');
  return x;
}

// 80 ms of code V8 optimizes and deoptimizes over and over: a formatter compiled at run time for
// each column (as template engines do), inlined into formatCells, then handed a cell of another
// shape. V8's profiler records a sample at each deoptimization, so these samples come in bursts
// microseconds apart: counting samples would make this the heaviest function on the page.
var column = 0;
function formatCells() {
  var started = performance.now();
  var cells = [];
  for (var i = 0; i < 2000; i++) cells.push({ value: i });
  var odd = { text: 'n/a', value: 0.5 };
  var total = 0;
  while (performance.now() - started < 80) {
    var formatCell = (0, eval)('(function formatCell(cell) { var s = 0; for (var i = 0; i < 40; i++) s += cell.value * i; return s; }) //' + column++);
    for (var c = 0; c < cells.length; c++) total += formatCell(cells[c]);
    total += formatCell(odd);
  }
  staged.formatCells += performance.now() - started;
  return total;
}

document.getElementById('report').addEventListener('click', function () {
  buildReport();
  done('report');
});
document.getElementById('sort').addEventListener('click', function () {
  sortRows();
  done('sort');
});
document.getElementById('format').addEventListener('click', function () {
  formatCells();
  done('format');
});
document.body.dataset.ready = 'true';
