declare module 'virtual:pageprof-worker' {
  /** The worker's bundled source, inlined by the build so it can start from a Blob URL. */
  const source: string;
  export default source;
}

declare module '*/rollup.config.mjs' {
  import type { Plugin } from 'rollup';
  export function inlineWorker(): Plugin;
  export const COMPILE_HINT: string;
}
