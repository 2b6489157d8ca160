/**
 * The one guard between pageprof and its host page: every public method and every browser
 * callback runs through `monitor`, so an error of ours is swallowed instead of reaching the page.
 * Internal code stays free of try/catch.
 */
export function monitor<A extends unknown[], R>(fn: (...args: A) => R): (...args: A) => R | undefined {
  return function monitored(this: unknown, ...args: A): R | undefined {
    try {
      const result = fn.apply(this, args);
      if (result instanceof Promise) {
        return result.catch(ignore) as R;
      }
      return result;
    } catch {
      return undefined;
    }
  };
}

const ignore = (): undefined => undefined;
