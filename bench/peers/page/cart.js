// The shop's cart: state kept in memory and shown in the footer.
var cart = (function () {
  var items = [];

  function render() {
    var total = items.reduce(function (sum, item) { return sum + item.price; }, 0);
    document.getElementById('cart-count').textContent = String(items.length);
    document.getElementById('cart-total').textContent = catalog.formatPrice(total);
  }

  function add(product) {
    items.push({ id: product.id, price: product.price });
    render();
  }

  return { add: add };
})();
