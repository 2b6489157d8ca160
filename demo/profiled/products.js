// The profiled demo page's app code. The build minifies it (dist/demo/products.min.js, names
// mangled) with a source map, as a real site ships: pageprof's profiles name `filterProducts`
// only after the collector symbolicates them with the uploaded map.
import { products } from './catalog.js';

/** The demo's known hot function: a filter that takes ~300 ms of the main thread. */
function filterProducts(list, query, budgetMs) {
  const started = performance.now();
  let kept = [];
  let rounds = 0;
  // A needlessly repeated scoring pass, the kind of work that hides in real apps.
  while (performance.now() - started < budgetMs * SCORING_PASSES) {
    kept = [];
    for (let i = 0; i < list.length; i++) {
      const product = list[i];
      let score = 0;
      for (let c = 0; c < product.name.length; c++) score += product.name.charCodeAt(c) * (c + rounds);
      if (product.name.toLowerCase().includes(query) && score % 7 !== 3) kept.push(product);
    }
    rounds++;
  }
  return kept;
}

/**
 * Release 2 of the demo scores every product twice over (the build makes products-2.min.js with
 * 2 here): the regression `npm run demo:traffic` ships, for the dashboard to find in filterProducts.
 */
const SCORING_PASSES = 1;

function showResults(kept) {
  const list = document.getElementById('results');
  list.replaceChildren(...kept.slice(0, 12).map((product) => Object.assign(document.createElement('li'), { textContent: product.name })));
  document.getElementById('count').textContent = `${kept.length} products`;
}

const query = document.getElementById('query');
const filtered = () => (document.body.dataset.filtered = String(Number(document.body.dataset.filtered ?? 0) + 1));
document.getElementById('filter').addEventListener('click', () => {
  showResults(filterProducts(products, query.value.toLowerCase(), 300));
  filtered();
});
query.addEventListener('keydown', (event) => {
  if (event.key !== 'Enter') return;
  showResults(filterProducts(products, query.value.toLowerCase(), 300));
  filtered();
});
document.body.dataset.ready = 'true';
