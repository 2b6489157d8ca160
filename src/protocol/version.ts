declare const __PAGEPROF_VERSION__: string;

/** Set by the build from package.json. */
export const VERSION: string = __PAGEPROF_VERSION__;
