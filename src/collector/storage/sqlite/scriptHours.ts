/** The span of one `frame_script_hours` row (migrations.ts): an hour, in ms. */
export const SCRIPT_HOUR_MS = 3_600_000;

/** The hour bucket of an epoch-ms time. */
export const scriptHour = (at: number) => Math.floor(at / SCRIPT_HOUR_MS);
