// The demo app: it measures its own work with perf.mark() / perf.measure(), which work before
// pageprof's script has loaded thanks to the inline snippet in index.html.
perf.mark('app-start', { products: 48 });

function loadProducts() {
  perf.mark('load-products-start');
  return new Promise(function (resolve) {
    setTimeout(function () {
      var products = [];
      for (var i = 1; i <= 48; i++) products.push({ id: i, name: 'Product ' + i, price: ((i * 7.3) % 90) + 5 });
      perf.measure('load products', 'load-products-start');
      resolve(products);
    }, 120);
  });
}

function renderList(products) {
  perf.mark('render-start');
  var list = document.getElementById('products');
  list.replaceChildren.apply(
    list,
    products.map(function (product) {
      var item = document.createElement('li');
      item.textContent = product.name + ' — ' + product.price.toFixed(2) + ' €';
      return item;
    }),
  );
  perf.measure('render list', 'render-start');
}

loadProducts().then(function (products) {
  renderList(products);
  document.getElementById('status').textContent = products.length + ' products';
  perf.mark('app-ready');
  document.body.dataset.ready = 'true';
});
