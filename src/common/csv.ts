/**
 * CSV as Czech offices open it: Excel set to Czech takes `;` as the separator (`,` is the decimal
 * comma there) and reads a file as UTF-8 only when it starts with a byte-order mark; without it
 * "Řídící skupina" arrives as "Ĺ˜Ă­dĂ­cĂ­ skupina". Lines end with CRLF (RFC 4180). Every document
 * the service writes as CSV (the hearing settlement, the decision history, people and seats) uses
 * this one dialect.
 */

export const CSV_MEDIA_TYPE = 'text/csv; charset=utf-8';

const BOM = '\uFEFF';
const SEPARATOR = ';';

/**
 * One cell, always quoted. Text a spreadsheet would run as a formula (a leading `=`, `+`, `-`, `@`,
 * or a tab or carriage return before one) is prefixed with an apostrophe, which shows it as typed:
 * a hearing comment of `=HYPERLINK("…")` stays text.
 */
export function csvCell(value: string | number | boolean | null | undefined): string {
  const text = value === null || value === undefined ? '' : String(value);
  return `"${(/^[=+\-@\t\r]/.test(text) ? `'${text}` : text).replace(/"/g, '""')}"`;
}

/** A whole document: a header row, then the rows, each cell escaped. */
export function csvDocument(header: readonly string[], rows: ReadonlyArray<ReadonlyArray<string | number | boolean | null | undefined>>): string {
  return BOM + [header, ...rows].map((row) => row.map(csvCell).join(SEPARATOR)).join('\r\n') + '\r\n';
}
