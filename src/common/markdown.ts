/**
 * User text inside the Markdown documents the service writes (the hearing settlement, the plan
 * export) reads as typed and never as markup, whatever renderer shows it — also one that lets raw
 * HTML through. Anonymous hearing comments land in these documents, so `<script>`, `[x](javascript:…)`
 * or a stray `|` must stay text.
 */

/**
 * The ASCII punctuation that starts inline Markdown (CommonMark and GFM): links and images need
 * `[ ]`, emphasis `* _`, code `` ` ``, strike-through `~`, table cells `|`, headings `#`, and `\`
 * escapes the rest. A backslash makes each one literal.
 */
const INLINE_SYNTAX = /[\\`*_[\]|~#]/g;

/**
 * `& < >` as character references: no HTML tag, comment or autolink can open, and an entity the user
 * typed (`&lt;`) shows as typed. Quotes need nothing: they matter only inside a tag.
 */
const HTML_SPECIAL = /[&<>]/g;
const ENTITY: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;' };

const LINE_BREAK = /\r\n|\r|\n/;

/** Text for one line: a heading, a table cell, a label. Line breaks become spaces. */
export function markdownInline(text: string): string {
  return text
    .split(LINE_BREAK)
    .join(' ')
    .replace(INLINE_SYNTAX, '\\$&')
    .replace(HTML_SPECIAL, (c) => ENTITY[c]);
}

/**
 * Text of several lines, as paragraphs: each line as `markdownInline`, and what would start a block
 * at the beginning of a line made literal — a list item (`-`, `+`, `1.`, `1)`), a setext underline
 * (`===`, `---`), an indented code block (leading spaces are dropped). Empty lines still part
 * paragraphs.
 */
export function markdownBlock(text: string): string {
  return text.split(LINE_BREAK).map(markdownLine).join('\n');
}

/**
 * One line that starts a block of its own or an item of a list: as `markdownInline`, with what
 * would open a list, a nested list or a setext underline at its start made literal (`- `, `+ `,
 * `1.`, `1)`, `=`); leading spaces are dropped.
 */
export function markdownLine(text: string): string {
  return markdownInline(text.trimStart())
    .replace(/^(\d+)([.)])/, '$1\\$2')
    .replace(/^[-+=]/, '\\$&');
}

/**
 * Text that is Markdown by design (minutes, which their minute-taker writes with headings and lists)
 * kept as Markdown, with only HTML made text: `& < >` become character references, so no tag,
 * comment or autolink opens in a renderer that lets raw HTML through. Inside a code span the
 * reference shows as typed (`&lt;`), the price of a document safe in any renderer.
 */
export function markdownWithoutHtml(text: string): string {
  return text.replace(/\r\n|\r/g, '\n').replace(HTML_SPECIAL, (c) => ENTITY[c]);
}
