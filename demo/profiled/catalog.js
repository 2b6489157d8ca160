const kinds = ['lamp', 'chair', 'table', 'shelf', 'rug', 'mirror', 'clock', 'vase'];

/** 2,000 made-up products, enough for the filter to have something to chew on. */
export const products = Array.from({ length: 2000 }, (_, i) => ({
  id: i + 1,
  name: `${kinds[i % kinds.length]} ${String.fromCharCode(97 + (i % 26))}${i}`,
  price: ((i * 7.3) % 90) + 5,
}));
