/**
 * What identifies a person or a record taken out of a URL (or a path), segment by segment: a
 * number or a UUID becomes `:id`, a long hexadecimal run (a token, a hash) `:hex`, something like
 * an e-mail address `:email`. `https://shop.example/users/42/jane@example.com/9f86d081884c7d65`
 * → `https://shop.example/users/:id/:email/:hex`. The page and its worker send no other paths.
 */
export const scrubPath = (url: string): string =>
  url.replace(/[^/]+/g, (segment) =>
    /^(\d+|[\da-f]{8}(-[\da-f]{4}){3}-[\da-f]{12})$/i.test(segment)
      ? ':id'
      : /^[\da-f]{16,}$/i.test(segment)
        ? ':hex'
        : /.(@|%40)[^@.]+\.[a-z]{2,}/i.test(segment)
          ? ':email'
          : segment,
  );
