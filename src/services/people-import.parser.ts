import { parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import iconv from 'iconv-lite';
import { MembershipRole, TriadSide } from '../domain/enums';
import type { Text } from '../i18n/locale';

/**
 * Reads a spreadsheet of people and their seats as Czech offices keep them: CSV in UTF-8 (with or
 * without a BOM) or Windows-1250, separated by `;` or `,`, or an XLSX workbook (its first sheet).
 * The first row names the columns, in Czech or English; one further row is one person's seat.
 */

/** The columns the import knows, by the name the report uses. */
export const IMPORT_COLUMNS = ['name', 'organisation', 'email', 'phone', 'body', 'role', 'triadSide', 'voting', 'validFrom'] as const;
export type ImportColumn = (typeof IMPORT_COLUMNS)[number];

/** The Czech header of each column, as the report names it. */
export const COLUMN_LABEL: Record<ImportColumn, Text> = {
  name: { cs: 'jméno', en: 'name' },
  organisation: { cs: 'organizace', en: 'organisation' },
  email: { cs: 'e-mail', en: 'e-mail' },
  phone: { cs: 'telefon', en: 'phone' },
  body: { cs: 'orgán', en: 'body' },
  role: { cs: 'role', en: 'role' },
  triadSide: { cs: 'strana triády', en: 'triad side' },
  voting: { cs: 'hlasuje', en: 'voting' },
  validFrom: { cs: 'od', en: 'valid from' },
};

/** A word as the import compares it: lower case, without diacritics, single spaces. */
export function folded(value: string): string {
  return value
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[\s_]+/g, ' ')
    .trim();
}

const HEADERS: Record<string, ImportColumn> = {
  jmeno: 'name',
  'jmeno a prijmeni': 'name',
  name: 'name',
  'full name': 'name',
  organizace: 'organisation',
  organisation: 'organisation',
  organization: 'organisation',
  'e-mail': 'email',
  email: 'email',
  telefon: 'phone',
  phone: 'phone',
  organ: 'body',
  body: 'body',
  role: 'role',
  'strana triady': 'triadSide',
  'triad side': 'triadSide',
  strana: 'triadSide',
  side: 'triadSide',
  hlasuje: 'voting',
  'hlasovaci pravo': 'voting',
  voting: 'voting',
  od: 'validFrom',
  'clenem od': 'validFrom',
  'valid from': 'validFrom',
  from: 'validFrom',
};

export const ROLE_WORDS: Record<string, MembershipRole> = {
  predseda: MembershipRole.CHAIR,
  predsedkyne: MembershipRole.CHAIR,
  chair: MembershipRole.CHAIR,
  mistopredseda: MembershipRole.DEPUTY,
  mistopredsedkyne: MembershipRole.DEPUTY,
  deputy: MembershipRole.DEPUTY,
  'deputy chair': MembershipRole.DEPUTY,
  tajemnik: MembershipRole.SECRETARY,
  tajemnice: MembershipRole.SECRETARY,
  secretary: MembershipRole.SECRETARY,
  clen: MembershipRole.MEMBER,
  clenka: MembershipRole.MEMBER,
  member: MembershipRole.MEMBER,
  host: MembershipRole.GUEST,
  guest: MembershipRole.GUEST,
};

export const SIDE_WORDS: Record<string, TriadSide> = {
  zadavatel: TriadSide.COMMISSIONER,
  zadavatele: TriadSide.COMMISSIONER,
  commissioner: TriadSide.COMMISSIONER,
  poskytovatel: TriadSide.PROVIDER,
  poskytovatele: TriadSide.PROVIDER,
  provider: TriadSide.PROVIDER,
  uzivatel: TriadSide.SERVICE_USER,
  uzivatele: TriadSide.SERVICE_USER,
  'uzivatel sluzeb': TriadSide.SERVICE_USER,
  'service user': TriadSide.SERVICE_USER,
  user: TriadSide.SERVICE_USER,
  verejnost: TriadSide.PUBLIC,
  public: TriadSide.PUBLIC,
};

export const YES_WORDS = new Set(['ano', 'a', 'yes', 'y', 'true', '1']);
export const NO_WORDS = new Set(['ne', 'n', 'no', 'false', '0']);

/** One data row of the file: its number as a spreadsheet shows it (the header is row 1) and its cells by column. */
export interface SheetRow {
  row: number;
  cells: Partial<Record<ImportColumn, string>>;
}

export interface Sheet {
  format: 'CSV_UTF8' | 'CSV_WINDOWS_1250' | 'XLSX';
  /** The header text of each known column, as the file writes it. */
  headers: Partial<Record<ImportColumn, string>>;
  /** Headers the import does not know (ignored). */
  unknownHeaders: string[];
  rows: SheetRow[];
}

/** A file that cannot be read as a table at all. */
export class UnreadableSheet extends Error {
  constructor(readonly text: Text) {
    super(text.en);
  }
}

const ZIP_MAGIC = Buffer.from([0x50, 0x4b, 0x03, 0x04]);
const UTF8_BOM = Buffer.from([0xef, 0xbb, 0xbf]);

/** The file's text: UTF-8 when it is valid UTF-8 (a BOM dropped), otherwise Windows-1250. */
export function decodeText(bytes: Buffer): { text: string; encoding: 'UTF8' | 'WINDOWS_1250' } {
  const body = bytes.subarray(0, 3).equals(UTF8_BOM) ? bytes.subarray(3) : bytes;
  try {
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(body), encoding: 'UTF8' };
  } catch {
    return { text: iconv.decode(body, 'win1250'), encoding: 'WINDOWS_1250' };
  }
}

/** `;` or `,`: whichever the header line holds more of outside quotes (`;` when tied, as Czech Excel writes). */
export function detectSeparator(text: string): ';' | ',' {
  let semicolons = 0;
  let commas = 0;
  let quoted = false;
  for (const ch of text) {
    if (ch === '"') quoted = !quoted;
    else if (!quoted && (ch === '\n' || ch === '\r')) break;
    else if (!quoted && ch === ';') semicolons++;
    else if (!quoted && ch === ',') commas++;
  }
  return commas > semicolons ? ',' : ';';
}

/** A table's header row and data rows, with the columns recognised. */
function sheetOf(format: Sheet['format'], table: string[][]): Sheet {
  const headerIndex = table.findIndex((cells) => cells.some((c) => c.trim() !== ''));
  if (headerIndex < 0) throw new UnreadableSheet({ cs: 'Soubor je prázdný.', en: 'The file is empty.' });
  const headers: Partial<Record<ImportColumn, string>> = {};
  const positions: Array<ImportColumn | null> = [];
  const unknownHeaders: string[] = [];
  for (const raw of table[headerIndex]) {
    const column = HEADERS[folded(raw)] ?? null;
    if (column && headers[column] === undefined) {
      headers[column] = raw.trim();
      positions.push(column);
    } else {
      if (raw.trim() !== '') unknownHeaders.push(raw.trim());
      positions.push(null);
    }
  }
  const rows: SheetRow[] = [];
  table.forEach((cells, i) => {
    if (i <= headerIndex || cells.every((c) => c.trim() === '')) return;
    const row: SheetRow = { row: i + 1, cells: {} };
    cells.forEach((value, position) => {
      const column = positions[position];
      if (column && value.trim() !== '') row.cells[column] = value.trim();
    });
    rows.push(row);
  });
  return { format, headers, unknownHeaders, rows };
}

/** The text of an XLSX cell: dates as YYYY-MM-DD, links and rich text as their text, formulas as their result. */
function cellText(value: ExcelJS.CellValue): string {
  if (value === null || value === undefined) return '';
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  if (typeof value === 'object') {
    if ('richText' in value) return value.richText.map((r) => r.text).join('');
    if ('text' in value && typeof value.text === 'string') return value.text;
    if ('result' in value) return cellText(value.result);
    return '';
  }
  return String(value);
}

async function readXlsx(bytes: Buffer): Promise<string[][]> {
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(bytes as unknown as ArrayBuffer);
  } catch {
    throw new UnreadableSheet({ cs: 'Soubor XLSX nelze přečíst.', en: 'The XLSX file cannot be read.' });
  }
  const sheet = workbook.worksheets[0];
  if (!sheet) throw new UnreadableSheet({ cs: 'Sešit nemá žádný list.', en: 'The workbook has no sheet.' });
  const table: string[][] = [];
  sheet.eachRow({ includeEmpty: true }, (row, rowNumber) => {
    const cells: string[] = [];
    for (let c = 1; c <= row.cellCount; c++) cells.push(cellText(row.getCell(c).value));
    table[rowNumber - 1] = cells;
  });
  for (let i = 0; i < table.length; i++) table[i] ??= [];
  return table;
}

/** Reads the file: XLSX by its content (a ZIP), otherwise CSV in the encoding and separator it uses. */
export async function readSheet(bytes: Buffer): Promise<Sheet> {
  if (bytes.length === 0) throw new UnreadableSheet({ cs: 'Soubor je prázdný.', en: 'The file is empty.' });
  if (bytes.subarray(0, 4).equals(ZIP_MAGIC)) return sheetOf('XLSX', await readXlsx(bytes));
  const { text, encoding } = decodeText(bytes);
  let table: string[][];
  try {
    const rows: unknown = parse(text, { delimiter: detectSeparator(text), relax_column_count: true, skip_empty_lines: false, bom: true });
    table = rows as string[][];
  } catch (err) {
    const line = (err as { lines?: number }).lines;
    throw new UnreadableSheet({
      cs: `Soubor CSV nelze přečíst${line ? ` (řádek ${line})` : ''}: zkontrolujte uvozovky.`,
      en: `The CSV file cannot be read${line ? ` (line ${line})` : ''}: check its quotes.`,
    });
  }
  return sheetOf(encoding === 'UTF8' ? 'CSV_UTF8' : 'CSV_WINDOWS_1250', table);
}

/** A calendar day written `d. m. yyyy` (spaces optional) or `yyyy-mm-dd`, as YYYY-MM-DD; null when it is no real day. */
export function parseDay(value: string): string | null {
  const czech = /^(\d{1,2})\.\s*(\d{1,2})\.\s*(\d{4})$/.exec(value);
  const iso = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  const [y, m, d] = czech ? [+czech[3], +czech[2], +czech[1]] : iso ? [+iso[1], +iso[2], +iso[3]] : [NaN, NaN, NaN];
  if (!Number.isInteger(y)) return null;
  const date = new Date(Date.UTC(y, m - 1, d));
  if (date.getUTCFullYear() !== y || date.getUTCMonth() !== m - 1 || date.getUTCDate() !== d) return null;
  return date.toISOString().slice(0, 10);
}

/** An e-mail address as people write them: something@domain.tld, no spaces. */
export function isEmail(value: string): boolean {
  return /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(value);
}
