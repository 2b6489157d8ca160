// Load-time work at known moments after pageprof's script ran (see loading.html), each measured
// around itself with performance.now().
window.staged = {};

function initApp() {
  perf.mark('app-init-start');
  var started = performance.now();
  var x = 0;
  while (performance.now() - started < 30) x += Math.sqrt(x + 1);
  staged.initApp = { start: started, duration: performance.now() - started };
  perf.measure('app-init', 'app-init-start');
  return x;
}

function hydrateApp() {
  var started = performance.now();
  var x = 0;
  while (performance.now() - started < 200) x += Math.sqrt(x + 1);
  staged.hydrateApp = { start: started, duration: performance.now() - started };
  document.body.dataset.ready = 'true';
  return x;
}

// Called by the script tag's onload: right after pageprof's script ran.
function pageprofLoaded() {
  staged.pageprofRan = performance.now();
  initApp();
  setTimeout(hydrateApp, 150);
}
