/** A row to insert, by column name. */
export type Row = Record<string, unknown>;
