// A tiny single-page app: links change the route with history.pushState, the checkout button
// names its route with perf.setRoute(). The "Add to cart" handler's cost depends on the route, so
// tests can tell each route's INP apart.

var costs = { '/demo/scenarios/spa/products/42': 250, '/demo/scenarios/spa/cart': 120 };

function busyFor(ms) {
  var until = performance.now() + ms;
  while (performance.now() < until) {
    // Busy on purpose.
  }
}

function show(title) {
  document.getElementById('title').textContent = title;
}

document.querySelectorAll('nav a').forEach(function (link) {
  link.addEventListener('click', function navigate(event) {
    event.preventDefault();
    history.pushState(null, '', link.href);
    show(link.textContent);
  });
});

document.getElementById('checkout').addEventListener('click', function checkout() {
  perf.setRoute('checkout');
  show('Checkout');
});

document.getElementById('add').addEventListener('click', function addToCart() {
  busyFor(costs[location.pathname] || 0);
  document.getElementById('result').textContent = 'Added.';
});

// Ready once pageprof has replaced any stub: the test then acts as a user.
(function waitForPageprof() {
  if (window.perf && window.perf.setRoute) document.body.dataset.ready = 'true';
  else setTimeout(waitForPageprof, 20);
})();
