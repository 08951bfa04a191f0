// The phrase a "Treat as common knowledge" fix adds to the configuration for a claim: the claim's
// sentence without its surrounding spaces and final punctuation. Pass 7 puts it in a finding's
// data (the CLI's JSON carries it); the server's quick-fix reads the sentence from the document
// and calls this same function, so that the LSP payload need not carry article text. It is a
// module of its own, with no imports, so that the server's main-thread bundle can take it
// without the analysis core.

/** Punctuation that ends a claim's phrase, found from the end. */
const FINAL_PUNCTUATION = '.!?:;,';

/** The sentence's text without its final punctuation run and surrounding spaces. */
export function commonKnowledgePhrase(sentenceText: string): string {
  const trimmed = sentenceText.trim();
  // The final punctuation run, found from the end: a `/[.!?:;,]+$/` replace tried a match at
  // every punctuation mark of the sentence.
  let end = trimmed.length;
  while (end > 0 && FINAL_PUNCTUATION.includes(trimmed.charAt(end - 1))) end--;
  return end === trimmed.length ? trimmed : trimmed.slice(0, end).trim();
}
