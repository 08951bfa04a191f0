// Which attribution covers each quote. Shared by pass 5 (inheritance) and pass 7
// (`quote-without-source`) so that both agree on what "attributed" means for a quote.
import type { Attribution, Quote } from '../types';

/**
 * Maps each depth-0 quote index to the attribution whose content covers it: content that
 * starts at or before the quote's words and reaches (almost) their end, or content that starts
 * inside the quote. Only attributions that `accept` are considered. One sort and one sweep.
 */
export function coverQuotes(
  quotes: readonly Quote[],
  attributions: readonly Attribution[],
  accept: (attribution: Attribution) => boolean,
): Map<number, number> {
  const contents: Array<{ start: number; end: number; index: number }> = [];
  attributions.forEach((attribution, index) => {
    if (accept(attribution)) contents.push({ start: attribution.content.start, end: attribution.content.end, index });
  });
  contents.sort((left, right) => left.start - right.start);
  const covering = new Map<number, number>();
  let pointer = 0;
  let best: { end: number; index: number } | null = null;
  quotes.forEach((quote, quoteIndex) => {
    if (quote.depth !== 0) return;
    while (pointer < contents.length && (contents[pointer]?.start ?? Infinity) <= quote.contentStart) {
      const candidate = contents[pointer];
      if (candidate !== undefined && (best === null || candidate.end >= best.end)) {
        best = { end: candidate.end, index: candidate.index };
      }
      pointer++;
    }
    if (best !== null && best.end >= quote.contentEnd - 1) {
      covering.set(quoteIndex, best.index);
      return;
    }
    const inside = contents[pointer];
    if (inside !== undefined && inside.start < quote.end) covering.set(quoteIndex, inside.index);
  });
  return covering;
}
