// Semantic tokens for people, organisations, places, figures, dates, quotes and attribution
// cues, with the `unattributed` modifier on figures and quotes that rest on no source. LSP
// tokens may not overlap, so entities and cues inside a quote cut the quote token into the
// pieces between them; and unless the client accepts multi-line tokens, a token that crosses a
// line break is split per line.
import type { SemanticTokens, SemanticTokensDelta, SemanticTokensLegend } from 'vscode-languageserver/node';
import { SEMANTIC_TOKEN_MODIFIERS, SEMANTIC_TOKEN_TYPES, type SemanticTokenTypeName } from '../protocol';
import type { Span } from '../analysis/types';
import type { CacheEntry } from './documents';
import { claimOfFigure } from './lookups';

export const SEMANTIC_TOKENS_LEGEND: SemanticTokensLegend = {
  tokenTypes: [...SEMANTIC_TOKEN_TYPES],
  tokenModifiers: [...SEMANTIC_TOKEN_MODIFIERS],
};

const TYPE_INDEX = new Map<SemanticTokenTypeName, number>(SEMANTIC_TOKEN_TYPES.map((name, index) => [name, index]));
const UNATTRIBUTED = 1 << SEMANTIC_TOKEN_MODIFIERS.indexOf('unattributed');

interface SpanToken extends Span {
  type: SemanticTokenTypeName;
  modifiers: number;
}

/** True when some sorted, non-overlapping span in `covers` overlaps `span`; a binary search. */
function overlapsAny(covers: readonly Span[], span: Span): boolean {
  let low = 0;
  let high = covers.length - 1;
  while (low <= high) {
    const middle = (low + high) >> 1;
    const cover = covers[middle];
    if (cover === undefined) {
      return false;
    }
    if (cover.end <= span.start) {
      low = middle + 1;
    } else if (cover.start >= span.end) {
      high = middle - 1;
    } else {
      return true;
    }
  }
  return false;
}

/** The tokens as offset spans, sorted and free of overlaps. */
export function spanTokens(entry: CacheEntry): SpanToken[] {
  const { analysis } = entry;
  const atoms: SpanToken[] = [];
  analysis.entities.forEach((entity, index) => {
    let modifiers = 0;
    if (entity.kind === 'figure') {
      const claim = claimOfFigure(entry, index);
      if (claim !== undefined && !claim.attributed) {
        modifiers = UNATTRIBUTED;
      }
    }
    const type: SemanticTokenTypeName = entity.kind;
    atoms.push({ start: entity.start, end: entity.end, type, modifiers });
  });
  for (const attribution of analysis.attributions) {
    if (!attribution.inherited) {
      atoms.push({ start: attribution.cue.start, end: attribution.cue.end, type: 'attributionCue', modifiers: 0 });
    }
  }
  atoms.sort((a, b) => a.start - b.start || b.end - a.end);
  // Where entities overlap, the earlier (and, at the same start, longer) one keeps the characters.
  const kept: SpanToken[] = [];
  let coveredUpTo = 0;
  for (const atom of atoms) {
    if (atom.start >= coveredUpTo && atom.end > atom.start) {
      kept.push(atom);
      coveredUpTo = atom.end;
    }
  }
  const attributedContents = analysis.attributions
    .map((attribution) => ({ start: attribution.content.start, end: attribution.content.end }))
    .sort((a, b) => a.start - b.start);
  const mergedContents: Span[] = [];
  for (const content of attributedContents) {
    const last = mergedContents[mergedContents.length - 1];
    if (last !== undefined && content.start <= last.end) {
      last.end = Math.max(last.end, content.end);
    } else {
      mergedContents.push({ ...content });
    }
  }
  const quotePieces: SpanToken[] = [];
  let atomCursor = 0;
  const outerQuotes = analysis.quotes.filter((quote) => quote.depth === 0).sort((a, b) => a.start - b.start);
  for (const quote of outerQuotes) {
    const modifiers = overlapsAny(mergedContents, quote) ? 0 : UNATTRIBUTED;
    while (atomCursor < kept.length && (kept[atomCursor]?.end ?? 0) <= quote.start) {
      atomCursor++;
    }
    let pieceStart = quote.start;
    for (let index = atomCursor; index < kept.length; index++) {
      const atom = kept[index];
      if (atom === undefined || atom.start >= quote.end) {
        break;
      }
      if (atom.start > pieceStart) {
        quotePieces.push({ start: pieceStart, end: atom.start, type: 'quote', modifiers });
      }
      pieceStart = Math.max(pieceStart, atom.end);
    }
    if (quote.end > pieceStart) {
      quotePieces.push({ start: pieceStart, end: quote.end, type: 'quote', modifiers });
    }
  }
  return [...kept, ...quotePieces].sort((a, b) => a.start - b.start);
}

/** Encodes tokens the LSP way: five integers each, positions relative to the previous token. */
export function encodeTokens(entry: CacheEntry, multilineTokenSupport: boolean): number[] {
  if (entry.status !== 'ok') {
    return [];
  }
  const data: number[] = [];
  let previousLine = 0;
  let previousCharacter = 0;
  const push = (line: number, character: number, length: number, type: number, modifiers: number): void => {
    const deltaLine = line - previousLine;
    data.push(deltaLine, deltaLine === 0 ? character - previousCharacter : character, length, type, modifiers);
    previousLine = line;
    previousCharacter = character;
  };
  for (const token of spanTokens(entry)) {
    const type = TYPE_INDEX.get(token.type);
    if (type === undefined) {
      continue;
    }
    if (multilineTokenSupport) {
      const start = entry.positions.positionAt(token.start);
      push(start.line, start.character, token.end - token.start, type, token.modifiers);
      continue;
    }
    for (const segment of entry.positions.lineSegments(token)) {
      push(segment.line, segment.character, segment.length, type, token.modifiers);
    }
  }
  return data;
}

/** The last full result per document, so a delta request can send only what changed. */
export class SemanticTokensStore {
  private readonly previous = new Map<string, { resultId: string; data: number[] }>();
  private counter = 0;

  full(uri: string, data: number[]): SemanticTokens {
    const resultId = String(++this.counter);
    this.previous.set(uri, { resultId, data });
    return { resultId, data };
  }

  /** One edit covering the differing middle: cheap, and most keystrokes change one short run. */
  delta(uri: string, previousResultId: string, data: number[]): SemanticTokens | SemanticTokensDelta {
    const previous = this.previous.get(uri);
    if (previous === undefined || previous.resultId !== previousResultId) {
      return this.full(uri, data);
    }
    const resultId = String(++this.counter);
    this.previous.set(uri, { resultId, data });
    const old = previous.data;
    let prefix = 0;
    const shortest = Math.min(old.length, data.length);
    while (prefix < shortest && old[prefix] === data[prefix]) {
      prefix++;
    }
    let suffix = 0;
    while (suffix < shortest - prefix && old[old.length - 1 - suffix] === data[data.length - 1 - suffix]) {
      suffix++;
    }
    if (prefix === old.length && prefix === data.length) {
      return { resultId, edits: [] };
    }
    return {
      resultId,
      edits: [
        { start: prefix, deleteCount: old.length - prefix - suffix, data: data.slice(prefix, data.length - suffix) },
      ],
    };
  }

  forget(uri: string): void {
    this.previous.delete(uri);
  }
}
