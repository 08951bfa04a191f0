// Markdown block markers at the start of a paragraph: headings, block quotes, list bullets and
// numbered items. The passes skip them so that "# " is not part of a sentence, "> " is not a
// quotation mark and "1. " is not a figure.

const MARKDOWN_PREFIX = /^(?:#{1,6}[ \t]+|>[ \t]*|[-*+•][ \t]+|\d{1,3}[.)][ \t]+)+/;

/** The length of the markdown block marker that opens `paragraphText`, or 0 when there is none. */
export function markdownPrefixLength(paragraphText: string): number {
  const match = MARKDOWN_PREFIX.exec(paragraphText);
  return match === null ? 0 : match[0].length;
}
