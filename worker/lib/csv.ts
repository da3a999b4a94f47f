/**
 * RFC 4180 CSV for exports (imports are parsed with papaparse). CRLF line ends, a cell is
 * quoted when it holds a comma, quote or line break, and a text cell that a spreadsheet would
 * run as a formula (=, +, -, @, tab, CR) is prefixed with an apostrophe (OWASP CSV injection).
 * The file starts with a UTF-8 byte-order mark: without it, spreadsheet programs open it in a
 * legacy code page and Spanish labels ("Aprendices de inglés") come out garbled.
 */
export type Cell = string | number | boolean | null | undefined;

export function csvCell(value: Cell): string {
  if (value === null || value === undefined) return '';
  if (typeof value !== 'string') return String(value);
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

export const UTF8_BOM = '\uFEFF';

export function toCsv(header: string[], rows: Cell[][]): string {
  return `${UTF8_BOM + [header, ...rows].map((r) => r.map(csvCell).join(',')).join('\r\n')}\r\n`;
}
