/**
 * The one guard between pageprof and its host page: every public method and every browser
 * callback runs through `monitor`, so an error of ours is swallowed (and counted) instead of
 * reaching the page. Internal code stays free of try/catch.
 */
let internalErrors = 0;

export function monitor<A extends unknown[], R>(fn: (...args: A) => R): (...args: A) => R | undefined {
  return function monitored(this: unknown, ...args: A): R | undefined {
    try {
      const result = fn.apply(this, args);
      if (result instanceof Promise) {
        return result.catch(countError) as R;
      }
      return result;
    } catch (error) {
      countError(error);
      return undefined;
    }
  };
}

function countError(_error: unknown): undefined {
  internalErrors++;
  return undefined;
}

export function internalErrorCount(): number {
  return internalErrors;
}
