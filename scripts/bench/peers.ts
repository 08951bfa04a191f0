// The analysers measured side by side: ours, two general NLP libraries doing comparable work,
// and a floor that only finds the words. Each peer takes one document and returns a count of
// what it found, which the caller sums so that no result can be optimised away.
import nlp from 'compromise';
import winkNLP from 'wink-nlp';
import winkModel from 'wink-eng-lite-web-model';
import { WORD_PATTERN } from './corpus';
import { shippedAnalysis } from './shipped';

export interface Peer {
  name: string;
  /** What the peer computes, for the report. */
  work: string;
  analyseOne: (text: string) => number;
}

export const ourPeer: Peer = {
  name: 'news-claims analyse()',
  work: 'all passes: paragraphs … findings',
  // The shipped bundle of the analysis (shipped.ts), not the TypeScript sources under tsx.
  analyseOne: (text) => {
    const analysis = shippedAnalysis().analyse(text);
    return analysis.entities.length + analysis.findings.length + analysis.sentences.length;
  },
};

export const floorPeer: Peer = {
  name: 'floor: one regex pass',
  work: '/[\\p{L}\\p{N}]+/gu, counting matches',
  analyseOne: (text) => {
    const pattern = new RegExp(WORD_PATTERN.source, WORD_PATTERN.flags);
    let count = 0;
    while (pattern.exec(text) !== null) {
      count++;
    }
    return count;
  },
};

export const compromisePeer: Peer = {
  name: 'compromise',
  work: 'nlp(text); people, organizations, places, numbers with offsets',
  analyseOne: (text) => {
    const document = nlp(text);
    const withOffsets = { offset: true };
    return (
      (document.people().json(withOffsets) as unknown[]).length +
      (document.organizations().json(withOffsets) as unknown[]).length +
      (document.places().json(withOffsets) as unknown[]).length +
      (document.numbers().json(withOffsets) as unknown[]).length
    );
  },
};

/** wink-nlp loads its model once, as any real caller would; building it is not part of the measurement. */
function makeWinkPeer(): Peer {
  const wink = winkNLP(winkModel);
  // wink's `its` helpers are plain functions handed to `out()` by design and never use `this`,
  // so taking them off the object is what its documentation does.
  /* eslint-disable @typescript-eslint/unbound-method */
  const { value, precedingSpaces, detail } = wink.its;
  /* eslint-enable @typescript-eslint/unbound-method */
  return {
    name: 'wink-nlp (eng-lite-web-model)',
    work: 'readDoc(text); tokens with offsets, entities',
    analyseOne: (text) => {
      const document = wink.readDoc(text);
      const values = document.tokens().out(value);
      const spaces = document.tokens().out(precedingSpaces);
      // wink reports token indexes only; a caller that highlights text needs character offsets,
      // so the peer computes them as ours does.
      let offset = 0;
      let checksum = 0;
      for (let index = 0; index < values.length; index++) {
        offset += (spaces[index] ?? '').length;
        checksum ^= offset;
        offset += (values[index] ?? '').length;
      }
      return document.entities().out(detail).length + (checksum & 1);
    },
  };
}

let winkPeer: Peer | null = null;
export function getWinkPeer(): Peer {
  winkPeer ??= makeWinkPeer();
  return winkPeer;
}
