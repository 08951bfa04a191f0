// Markdown block markers at the start of a paragraph: headings, block quotes, list bullets and
// numbered items. The passes skip them so that "# " is not part of a sentence, "> " is not a
// quotation mark and "1. " is not a figure.

const MARKDOWN_PREFIX = /^(?:#{1,6}[ \t]+|>[ \t]*|[-*+•][ \t]+|\d{1,3}[.)][ \t]+)+/;

/** The length of the markdown block marker that opens `paragraphText`, or 0 when there is none. */
export function markdownPrefixLength(paragraphText: string): number {
  // Passes 1, 2 and 4 each ask once per paragraph, and almost every paragraph opens with a
  // letter or a quotation mark: the first character rules the pattern out without running it.
  if (!mayOpenMarker(paragraphText.charCodeAt(0))) {
    return 0;
  }
  const match = MARKDOWN_PREFIX.exec(paragraphText);
  return match === null ? 0 : match[0].length;
}

/** True for the characters MARKDOWN_PREFIX can start with: # > - * + • and digits. */
function mayOpenMarker(code: number): boolean {
  return (
    code === 0x23 ||
    code === 0x3e ||
    code === 0x2d ||
    code === 0x2a ||
    code === 0x2b ||
    code === 0x2022 ||
    (code >= 0x30 && code <= 0x39)
  );
}
