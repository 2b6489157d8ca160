// The shop's catalog code: formatting and a price model. recalculatePrices is the page's slow
// work: a fixed amount of computation (not a time-boxed loop), so an SDK that slows script down
// shows up as a longer handler.
var catalog = (function () {
  var formatter = new Intl.NumberFormat('en-GB', { minimumFractionDigits: 2, maximumFractionDigits: 2 });

  function formatPrice(value) {
    return formatter.format(value);
  }

  function priceModel(product, round) {
    var price = product.base;
    for (var step = 0; step < 200000; step++) {
      price = price * (1 + Math.sin(step + product.id + round) / 1e4) + Math.cos(step) / 1e5;
    }
    return Math.max(1, price);
  }

  function recalculatePrices(products, round) {
    for (var i = 0; i < products.length; i++) products[i].price = priceModel(products[i], round);
    return products;
  }

  return { formatPrice: formatPrice, recalculatePrices: recalculatePrices };
})();
