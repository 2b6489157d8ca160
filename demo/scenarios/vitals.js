// Staged slowness with known sizes and names (see vitals.html). Everything runs from page timers
// or real input: work started by a test's page.evaluate() produces no long task or frame entries.

function busyFor(ms) {
  var until = performance.now() + ms;
  while (performance.now() < until) {
    // Busy on purpose: this is the slowness the tests look for.
  }
}

// A 200 ms task right after load starts.
setTimeout(function blockAtLoad() {
  busyFor(200);
}, 0);

// A late hero image: the largest element, so it is the LCP element.
setTimeout(function showHero() {
  performance.mark('hero-requested');
  var hero = document.createElement('img');
  hero.id = 'hero';
  hero.alt = 'Hero';
  hero.width = 800;
  hero.height = 450;
  hero.src = 'hero.svg';
  hero.onload = function () {
    setTimeout(injectBanner, 150);
  };
  document.getElementById('hero-slot').appendChild(hero);
}, 300);

// A banner injected above the content, without user input: the content shifts down by 120 px.
function injectBanner() {
  var banner = document.createElement('div');
  banner.id = 'banner';
  banner.style.height = '120px';
  banner.style.background = '#fde68a';
  banner.textContent = 'Sale! Everything must go.';
  document.body.insertBefore(banner, document.body.firstChild);
  perf.mark('banner-shown');
  requestAnimationFrame(function () {
    setTimeout(function () {
      document.body.dataset.ready = 'true';
    }, 100);
  });
}

// The slow interaction: a named click handler running for 300 ms.
document.getElementById('slow-button').addEventListener('click', function recalculatePrices() {
  busyFor(300);
  document.getElementById('result').textContent = 'Prices recalculated.';
});

// A fast interaction that changes nothing on screen: under the 16 ms from which Event Timing
// reports event entries, so only its first-input entry tells of it.
var totals = 0;
document.getElementById('fast-button').addEventListener('click', function countTotal() {
  totals++;
});
