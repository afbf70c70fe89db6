import PDFDocument from 'pdfkit';
import type { ReportBlock, ReportDocument } from './report-document';

/**
 * A report document (report-document.ts) as an A4 PDF. The text is set in DejaVu Sans, embedded
 * (only the glyphs used): PDF's standard fonts know no "ř", "ě" or "ů". The minutes' own Markdown is
 * printed as written, as plain text.
 */

const REGULAR = require.resolve('dejavu-fonts-ttf/ttf/DejaVuSans.ttf');
const BOLD = require.resolve('dejavu-fonts-ttf/ttf/DejaVuSans-Bold.ttf');

const MARGIN = 56;
const SIZE = { title: 16, heading: 12.5, text: 10, table: 9 };
const CELL_PADDING = 3;

export interface PdfMeta {
  title: string;
  /** BCP 47, e.g. `cs-CZ`. */
  lang: string;
  /** When the document was made: the PDF's creation date. */
  createdAt: Date;
}

type Doc = InstanceType<typeof PDFDocument>;

/** Column widths in proportion to each column's longest word and its text, within the page. */
function columnWidths(doc: Doc, head: readonly string[], rows: ReadonlyArray<readonly string[]>, width: number): number[] {
  /** The widths of a column's longest word and of its longest text, the header set in bold. */
  const measure = (font: 'regular' | 'bold', text: string) => {
    doc.font(font).fontSize(SIZE.table);
    return { word: Math.max(0, ...text.split(/\s+/).map((w) => doc.widthOfString(w))), whole: doc.widthOfString(text) };
  };
  const columns = head.map((h, i) => [measure('bold', h), ...rows.map((r) => measure('regular', r[i] ?? ''))]);
  const minimum = columns.map((cells) => Math.min(width / head.length, Math.max(...cells.map((c) => c.word)) + 2 * CELL_PADDING + 1));
  const wish = columns.map((cells) => Math.max(...cells.map((c) => c.whole)) + 2 * CELL_PADDING + 1);
  const spare = Math.max(0, width - minimum.reduce((a, b) => a + b, 0));
  const extra = wish.map((w, i) => Math.max(0, w - minimum[i]));
  const extraTotal = extra.reduce((a, b) => a + b, 0) || 1;
  return minimum.map((m, i) => m + (spare * extra[i]) / extraTotal);
}

function ensureRoom(doc: Doc, height: number): void {
  if (doc.y + height > doc.page.height - MARGIN) doc.addPage();
}

function drawTable(doc: Doc, head: readonly string[], rows: ReadonlyArray<readonly string[]>): void {
  const width = doc.page.width - 2 * MARGIN;
  const widths = columnWidths(doc, head, rows, width);
  const drawRow = (cells: readonly string[], font: 'regular' | 'bold') => {
    doc.font(font).fontSize(SIZE.table);
    const height = Math.max(...cells.map((c, i) => doc.heightOfString(c || ' ', { width: widths[i] - 2 * CELL_PADDING }))) + 2 * CELL_PADDING;
    ensureRoom(doc, height);
    const top = doc.y;
    let x = MARGIN;
    cells.forEach((c, i) => {
      doc.text(c, x + CELL_PADDING, top + CELL_PADDING, { width: widths[i] - 2 * CELL_PADDING });
      x += widths[i];
    });
    doc
      .moveTo(MARGIN, top + height)
      .lineTo(MARGIN + width, top + height)
      .lineWidth(font === 'bold' ? 0.8 : 0.3)
      .stroke('#555555');
    doc.x = MARGIN;
    doc.y = top + height;
  };
  drawRow(head, 'bold');
  for (const r of rows) drawRow(r, 'regular');
  doc.moveDown(0.6);
}

function drawBlock(doc: Doc, block: ReportBlock): void {
  const width = doc.page.width - 2 * MARGIN;
  switch (block.kind) {
    case 'facts':
      for (const [label, value] of block.items) {
        doc.font('bold').fontSize(SIZE.text).text(`${label}: `, MARGIN, doc.y, { continued: true, width });
        doc.font('regular').text(value || '—');
      }
      doc.moveDown(0.6);
      return;
    case 'table':
      drawTable(doc, block.head, block.rows);
      return;
    case 'list':
      doc.font('regular').fontSize(SIZE.text);
      block.items.forEach((item, i) => {
        doc.text(`${block.ordered ? `${i + 1}.` : '•'} ${item}`, MARGIN + 8, doc.y, { width: width - 8, indent: 0 });
      });
      doc.moveDown(0.6);
      return;
    case 'text':
      doc.font('regular').fontSize(SIZE.text).text(block.text.replace(/\r\n|\r/g, '\n'), MARGIN, doc.y, { width });
      doc.moveDown(0.6);
      return;
  }
}

/** The document as PDF bytes. */
export function reportPdf(report: ReportDocument, meta: PdfMeta): Promise<Buffer> {
  const doc = new PDFDocument({
    size: 'A4',
    margin: MARGIN,
    lang: meta.lang,
    displayTitle: true,
    info: { Title: meta.title, Creator: 'Triáda', Producer: 'Triáda', CreationDate: meta.createdAt },
  });
  const chunks: Buffer[] = [];
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('data', (chunk: Buffer) => chunks.push(chunk));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  doc.registerFont('regular', REGULAR);
  doc.registerFont('bold', BOLD);
  doc.font('bold').fontSize(SIZE.title).text(report.title, { width: doc.page.width - 2 * MARGIN });
  doc.moveDown(0.5);
  for (const block of report.blocks) drawBlock(doc, block);
  for (const section of report.sections) {
    ensureRoom(doc, 60);
    doc.moveDown(0.3);
    doc.font('bold').fontSize(SIZE.heading).text(section.heading, MARGIN, doc.y);
    doc.moveDown(0.3);
    for (const block of section.blocks) drawBlock(doc, block);
  }
  doc.end();
  return done;
}
