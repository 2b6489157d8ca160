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

// Right after pageprof's script ran: its script element's load event (caught on the document, as
// a load event does not bubble; an onload attribute is inline script, which the demo's CSP refuses).
document.addEventListener(
  'load',
  function pageprofLoaded(event) {
    if (!(event.target instanceof HTMLScriptElement) || !event.target.src.endsWith('/pageprof.js')) return;
    staged.pageprofRan = performance.now();
    initApp();
    setTimeout(hydrateApp, 150);
  },
  true,
);
