/** Plain objects shaped like the browser's entries, with only the fields pageprof reads. */
export const script = (fields: Partial<PerformanceScriptTiming> = {}) => ({
  sourceURL: 'https://shop.example/app.js?v=3#x',
  sourceFunctionName: 'handler',
  invoker: 'BUTTON#buy.onclick',
  invokerType: 'event-listener',
  sourceCharPosition: 120,
  startTime: 1010,
  duration: 90,
  forcedStyleAndLayoutDuration: 4,
  pauseDuration: 0,
  ...fields,
});

export const frame = (fields: Record<string, unknown> = {}) => ({
  entryType: 'long-animation-frame',
  name: 'long-animation-frame',
  startTime: 1000,
  duration: 120,
  blockingDuration: 70,
  renderStart: 1100,
  styleAndLayoutStart: 1105,
  firstUIEventTimestamp: 0,
  scripts: [script()],
  ...fields,
});

export const event = (fields: Record<string, unknown> = {}) => ({
  entryType: 'event',
  name: 'click',
  interactionId: 1,
  startTime: 1000,
  duration: 120,
  processingStart: 1004,
  processingEnd: 1100,
  target: null,
  targetSelector: 'button#buy',
  ...fields,
});

export const resource = (fields: Record<string, unknown> = {}) => ({
  entryType: 'resource',
  name: 'https://shop.example/app.js?v=3',
  initiatorType: 'script',
  startTime: 50,
  duration: 40,
  transferSize: 1000,
  decodedBodySize: 3000,
  renderBlockingStatus: 'non-blocking',
  ...fields,
});

export const longTask = (fields: Record<string, unknown> = {}) => ({
  entryType: 'longtask',
  name: 'self',
  startTime: 200,
  duration: 80,
  attribution: [{ containerType: 'window' }],
  ...fields,
});

export const navigation = (fields: Record<string, unknown> = {}) => ({
  entryType: 'navigation',
  name: 'https://shop.example/',
  type: 'navigate',
  startTime: 0,
  duration: 900,
  redirectStart: 0,
  redirectEnd: 0,
  fetchStart: 2,
  domainLookupStart: 5,
  domainLookupEnd: 25,
  connectStart: 25,
  secureConnectionStart: 40,
  connectEnd: 60,
  requestStart: 61,
  responseStart: 161,
  responseEnd: 200,
  domInteractive: 400,
  domContentLoadedEventStart: 410,
  domContentLoadedEventEnd: 412,
  domComplete: 880,
  loadEventStart: 885,
  loadEventEnd: 900,
  transferSize: 5000,
  activationStart: 0,
  ...fields,
});
