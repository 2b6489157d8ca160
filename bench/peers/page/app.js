// The shop's page: loads its products from the server, renders them, and wires search, the cart
// buttons and the slow "Recalculate prices" button.
(function () {
  var products = [];
  var round = 0;

  function renderProducts() {
    var list = document.getElementById('products');
    list.replaceChildren.apply(
      list,
      products.map(function (product) {
        var item = document.createElement('li');
        item.dataset.name = product.name.toLowerCase();
        var title = document.createElement('strong');
        title.textContent = product.name;
        var price = document.createElement('span');
        price.textContent = ' ' + catalog.formatPrice(product.price) + ' € ';
        var add = document.createElement('button');
        add.type = 'button';
        add.className = 'add';
        add.textContent = 'Add';
        add.addEventListener('click', function () { cart.add(product); });
        item.append(title, price, add);
        return item;
      }),
    );
  }

  function filterProducts(query) {
    var items = document.querySelectorAll('#products li');
    for (var i = 0; i < items.length; i++) items[i].classList.toggle('hidden', items[i].dataset.name.indexOf(query) === -1);
  }

  document.getElementById('search').addEventListener('input', function (event) {
    filterProducts(event.target.value.toLowerCase());
  });

  document.getElementById('recalculate').addEventListener('click', function onRecalculate() {
    round += 1;
    catalog.recalculatePrices(products, round);
    renderProducts();
    document.getElementById('status').textContent = 'Prices recalculated';
    document.body.dataset.recalculated = String(round);
  });

  fetch('/api/products.json')
    .then(function (response) { return response.json(); })
    .then(function (loaded) {
      products = loaded;
      renderProducts();
      document.getElementById('status').textContent = products.length + ' products';
      document.body.dataset.ready = 'true';
    });
})();
