import MarkdownIt from 'markdown-it';

type Token = MarkdownIt.Token;

/**
 * How a CommonMark renderer that lets raw HTML through (markdown-it with `html: true`, as a careless
 * frontend would configure it) reads a Markdown document: the kinds of token it makes, the visible
 * text of each table row's cells and of each heading and paragraph. Escaping is right when user text
 * makes no HTML, link, image or formatting token and reads exactly as it was typed.
 */
export interface MarkdownView {
  /** Every token type, block and inline (e.g. `html_inline`, `link_open`, `table_open`). */
  kinds: Set<string>;
  /** Visible text of each cell, row by row (the header row first). */
  rows: string[][];
  /** Visible text of each heading and paragraph outside tables, in order. */
  blocks: string[];
}

const renderer = new MarkdownIt({ html: true, linkify: false });

/** The visible text of an inline token: its text, with line breaks as single spaces. */
const visible = (inline: Token): string =>
  (inline.children ?? []).map((c) => (c.type === 'softbreak' || c.type === 'hardbreak' ? ' ' : c.content)).join('');

export function markdownView(markdown: string): MarkdownView {
  const tokens = renderer.parse(markdown, {});
  const kinds = new Set<string>();
  const rows: string[][] = [];
  const blocks: string[] = [];
  let row: string[] | null = null;
  for (const token of tokens) {
    kinds.add(token.type);
    for (const child of token.children ?? []) kinds.add(child.type);
    if (token.type === 'tr_open') row = [];
    else if (token.type === 'tr_close' && row) {
      rows.push(row);
      row = null;
    } else if (token.type === 'inline') (row ?? blocks).push(visible(token));
  }
  return { kinds, rows, blocks };
}

/** Token types that user text must never produce: HTML, links, images, emphasis, code, strike-through. */
export const ACTIVE_MARKDOWN = ['html_block', 'html_inline', 'link_open', 'image', 'em_open', 'strong_open', 'code_inline', 'code_block', 'fence', 's_open', 'blockquote_open', 'bullet_list_open', 'ordered_list_open', 'hr'];

/** Text a hostile commenter might send: HTML, links, images, autolinks, table breakers, emphasis, code, entities. */
export const HOSTILE_TEXT =
  '<script>alert(1)</script> <img src=x onerror=alert(1)> [klikni](javascript:alert(1)) ![](https://evil.example/t.png) <https://evil.example> a | b \\| c *tučně* __silně__ `kód` &lt;b&gt; &#x202E; ~~pryč~~ # nadpis';
