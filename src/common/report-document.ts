import { markdownBlock, markdownInline, markdownLine, markdownWithoutHtml } from './markdown';

/**
 * A document for people (the minutes of a meeting) as data: a title, facts, and sections of
 * tables, lists and text. One model, two renderings — Markdown here, PDF in report-pdf.ts — so
 * both say the same. Every string is the user's or the service's plain text; escaping is the
 * renderer's business.
 */

/** Label and value pairs: "Místo: Radnice". */
export interface ReportFacts {
  kind: 'facts';
  items: ReadonlyArray<readonly [string, string]>;
}

export interface ReportTable {
  kind: 'table';
  head: readonly string[];
  rows: ReadonlyArray<readonly string[]>;
}

export interface ReportList {
  kind: 'list';
  ordered: boolean;
  items: readonly string[];
}

/** Paragraphs of plain text; `markdown`: the text is Markdown by design (the minutes) and keeps its formatting. */
export interface ReportText {
  kind: 'text';
  text: string;
  markdown?: boolean;
}

export type ReportBlock = ReportFacts | ReportTable | ReportList | ReportText;

export interface ReportSection {
  heading: string;
  blocks: readonly ReportBlock[];
}

export interface ReportDocument {
  title: string;
  /** Under the title, before the first section. */
  blocks: readonly ReportBlock[];
  sections: readonly ReportSection[];
}

function blockMarkdown(block: ReportBlock): string {
  switch (block.kind) {
    case 'facts':
      return block.items.map(([label, value]) => `- **${markdownInline(label)}:** ${markdownInline(value)}`).join('\n');
    case 'table': {
      const row = (cells: readonly string[]) => `| ${cells.map((c) => markdownInline(c)).join(' | ')} |`;
      return [row(block.head), `| ${block.head.map(() => '---').join(' | ')} |`, ...block.rows.map(row)].join('\n');
    }
    case 'list':
      return block.items.map((item, i) => `${block.ordered ? `${i + 1}.` : '-'} ${markdownLine(item)}`).join('\n');
    case 'text':
      return block.markdown ? markdownWithoutHtml(block.text) : markdownBlock(block.text);
  }
}

/** The document as Markdown (CommonMark with GFM tables): user text reads as typed, the minutes' own Markdown stays. */
export function reportMarkdown(doc: ReportDocument): string {
  const parts = [`# ${markdownInline(doc.title)}`, ...doc.blocks.map(blockMarkdown)];
  for (const section of doc.sections) parts.push(`## ${markdownInline(section.heading)}`, ...section.blocks.map(blockMarkdown));
  return `${parts.join('\n\n')}\n`;
}
