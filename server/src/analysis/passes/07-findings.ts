// Pass 7: findings — what the editor sees as squiggles, with everything a quick-fix needs.
//
// Rules, each with a stable code and default severity:
//   unattributed-figure (warning)      each figure in an unattributed claim, on the figure;
//   unattributed-claim (information)   an unattributed claim WITHOUT figures, on the sentence.
//                                      A claim with figures gets only the figure findings, so
//                                      one missing source is never reported twice;
//   quote-without-source (warning)     a closed top-level quote of three words or more that no sourced
//                                      attribution covers (shorter quotes are scare quotes or titles;
//                                      an unclosed quote gets `unclosed-quote` instead, once);
//   unclosed-quote (warning)           a quote that never closes;
//   anonymous-source (information)     an attribution to an unnamed description ("a senior official");
//   loaded-attribution-verb (hint)     claimed/admitted/conceded/insisted/alleged/confessed as a cue;
//                                      `data.neutral` is "said"/"says"/… in the same form.
//
// A claim containing a configured `commonKnowledge` phrase (case-insensitive) gets no finding.
// `config.severity[code]` overrides a default, and `'off'` drops that code.
//
// `data.insertAt` is the offset of the sentence's final punctuation and `data.terminator` that
// punctuation, so inserting ", Kartapolov said" at `insertAt` keeps the sentence grammatical.
// When the sentence ends with a closing quote mark (or has no final punctuation, like a
// headline), `insertAt` is the sentence end and `terminator` is "": a fix then appends
// " Kartapolov said." after the quote.
import type { AnalysisContext } from '../context';
import type {
  Attribution,
  CandidateSource,
  Finding,
  FindingCode,
  FindingData,
  RelatedSpan,
  Severity,
  Span,
  TextSpan,
} from '../types';
import { coverQuotes } from '../attribution/coverage';
import { LOADED_VERBS } from '../attribution/lexicon';
import { isJavaScriptSpace } from '../text/chars';
import { commonKnowledgePhrase } from '../phrase';

const DEFAULT_SEVERITY: Record<FindingCode, Severity> = {
  'unattributed-figure': 'warning',
  'unattributed-claim': 'information',
  'quote-without-source': 'warning',
  'unclosed-quote': 'warning',
  'anonymous-source': 'information',
  'loaded-attribution-verb': 'hint',
  'name-variant': 'information',
  'figure-mismatch': 'warning',
};

/** Quotes shorter than this many words are scare quotes or titles, not speech. */
const MIN_QUOTE_WORDS = 3;
/** The quick-fix offers at most this many candidate sources. */
const MAX_CANDIDATES = 8;
/** How many mentions one finding may look at while collecting its candidates. */
const MAX_MENTION_STEPS = 400;

/** Every loaded verb contains one of these stems; a cue without one needs no closer look. */
const LOADED_STEMS = /claim|admit|conced|insist|alleg|confess/i;

const CLOSING_QUOTE_MARKS = '"\u201d\u2019\u00bb\u203a\'`';

export function runFindings(context: AnalysisContext): void {
  const { text, config } = context;
  const findings: Finding[] = [];
  const severityOf = (code: FindingCode): Severity | null => {
    const setting = config.severity[code];
    if (setting === 'off') return null;
    return setting ?? DEFAULT_SEVERITY[code];
  };
  const candidates = new CandidateIndex(context);
  const commonKnowledge = config.commonKnowledge
    .map((phrase) => phrase.trim().toLowerCase())
    .filter((phrase) => phrase.length > 0);

  const figureSeverity = severityOf('unattributed-figure');
  const claimSeverity = severityOf('unattributed-claim');
  for (const claim of context.claims) {
    if (claim.attributed) continue;
    if (commonKnowledge.length > 0) {
      const lower = claim.text.toLowerCase();
      if (commonKnowledge.some((phrase) => lower.includes(phrase))) continue;
    }
    const placement = insertionPoint(text, claim);
    // The claim's own text is the sentence's: no second slice of the document.
    const sentence: TextSpan = { start: claim.start, end: claim.end, text: claim.text };
    if (claim.figures.length > 0) {
      if (figureSeverity === null) continue;
      // The figures of one claim share its sentence, so they share one candidate list.
      const nearClaim = candidates.nearest(claim.start);
      for (const figureIndex of claim.figures) {
        const figure = context.entities[figureIndex];
        if (figure === undefined) continue;
        findings.push({
          start: figure.start,
          end: figure.end,
          code: 'unattributed-figure',
          severity: figureSeverity,
          message: `No source for the figure "${figure.text}". Say who gives it, e.g. "…, according to …".`,
          reason: `finding.unattributed-figure+${claim.reason}`,
          data: {
            candidates: nearClaim,
            sentence,
            insertAt: placement.insertAt,
            terminator: placement.terminator,
          },
        });
      }
    } else if (claimSeverity !== null) {
      findings.push({
        start: claim.start,
        end: claim.end,
        code: 'unattributed-claim',
        severity: claimSeverity,
        message: 'This claim has no source. Attribute it, or mark it as common knowledge.',
        reason: `finding.unattributed-claim+${claim.reason}`,
        data: {
          candidates: candidates.nearest(claim.start),
          sentence,
          phrase: commonKnowledgePhrase(claim.text),
          insertAt: placement.insertAt,
          terminator: placement.terminator,
        },
      });
    }
  }

  const quoteSeverity = severityOf('quote-without-source');
  const unclosedSeverity = severityOf('unclosed-quote');
  if (quoteSeverity !== null || unclosedSeverity !== null) {
    const covered = coverQuotes(context.quotes, context.attributions, (attribution) => attribution.source !== null);
    let sentencePointer = 0;
    context.quotes.forEach((quote, quoteIndex) => {
      if (!quote.closed && unclosedSeverity !== null) {
        findings.push({
          start: quote.start,
          end: quote.end,
          code: 'unclosed-quote',
          severity: unclosedSeverity,
          message: 'This quote is never closed. Add the closing quotation mark.',
          reason: 'finding.unclosed-quote',
        });
      }
      // An unclosed quote already has its finding, and it may have swallowed its own attribution.
      if (quoteSeverity === null || quote.depth !== 0 || !quote.closed || covered.has(quoteIndex)) return;
      if (countWords(text, quote.contentStart, quote.contentEnd) < MIN_QUOTE_WORDS) return;
      // The sentence the quote ends in is where an attribution would go.
      const anchor = Math.max(quote.start, quote.end - 1);
      while (
        sentencePointer + 1 < context.sentences.length &&
        (context.sentences[sentencePointer]?.end ?? Infinity) <= anchor
      ) {
        sentencePointer++;
      }
      const sentence = context.sentences[sentencePointer];
      const around: Span =
        sentence !== undefined && sentence.start <= anchor && anchor < sentence.end
          ? { start: Math.min(sentence.start, quote.start), end: Math.max(sentence.end, quote.end) }
          : { start: quote.start, end: quote.end };
      findings.push({
        start: quote.start,
        end: quote.end,
        code: 'quote-without-source',
        severity: quoteSeverity,
        message: 'This quote has no speaker. Say who said it.',
        reason: 'finding.quote-without-source',
        data: {
          candidates: candidates.nearest(quote.start),
          sentence: spanOf(text, around),
          ...insertionPoint(text, around),
        },
      });
    });
  }

  const anonymousSeverity = severityOf('anonymous-source');
  const loadedSeverity = severityOf('loaded-attribution-verb');
  // One unnamed source may report twice ("a senior official said … and added …"): one finding.
  const reportedSources = new Set<number>();
  for (const attribution of context.attributions) {
    if (attribution.inherited) continue;
    if (
      attribution.anonymous &&
      attribution.source !== null &&
      anonymousSeverity !== null &&
      !reportedSources.has(attribution.source.start)
    ) {
      reportedSources.add(attribution.source.start);
      findings.push({
        start: attribution.source.start,
        end: attribution.source.end,
        code: 'anonymous-source',
        severity: anonymousSeverity,
        message: `Anonymous source ("${attribution.source.text}"). Name the source, or say why it cannot be named.`,
        reason: `finding.anonymous-source+${attribution.reason}`,
        data: { candidates: candidates.nearest(attribution.source.start) },
      });
    }
    if (loadedSeverity !== null) {
      const loaded = loadedVerb(attribution.cue);
      if (loaded !== null) {
        const related = resolvedMention(context, attribution);
        findings.push({
          start: loaded.verb.start,
          end: loaded.verb.end,
          code: 'loaded-attribution-verb',
          severity: loadedSeverity,
          message: `"${loaded.verb.text}" suggests doubt or guilt; "${loaded.neutral}" is neutral.`,
          reason: `finding.loaded-attribution-verb+${attribution.reason}`,
          data: { verb: loaded.verb, neutral: loaded.neutral },
          ...(related === null ? {} : { related: [related] }),
        });
      }
    }
  }

  findings.sort((left, right) => left.start - right.start || left.end - right.end);
  context.findings = findings;
}

function spanOf(text: string, span: Span): TextSpan {
  return { start: span.start, end: span.end, text: text.slice(span.start, span.end) };
}

/** Where ", X said" goes in a sentence: before its final punctuation (see the header). */
export function insertionPoint(text: string, span: Span): Pick<FindingData, 'insertAt' | 'terminator'> {
  let end = span.end;
  // By char code: a `/\s/` test per claim was a regular expression call on a one-character string.
  while (end > span.start && isJavaScriptSpace(text.charCodeAt(end - 1))) end--;
  const last = text.charAt(end - 1);
  if (end > span.start && '.!?'.includes(last)) {
    // "…last week." — insert before the full stop. An ellipsis keeps all its dots after the insertion.
    let insertAt = end - 1;
    while (insertAt > span.start && text.charAt(insertAt - 1) === '.' && last === '.') insertAt--;
    return { insertAt, terminator: text.slice(insertAt, end) === '...' ? '...' : last };
  }
  if (end > span.start && CLOSING_QUOTE_MARKS.includes(last)) return { insertAt: end, terminator: '' };
  return { insertAt: end, terminator: '' };
}

function countWords(text: string, start: number, end: number): number {
  let words = 0;
  let inWord = false;
  for (let position = start; position < end; position++) {
    const code = text.charCodeAt(position);
    const isSpace = code === 32 || (code >= 9 && code <= 13) || code === 0xa0 || (code >= 0x2000 && code <= 0x200b);
    if (!isSpace && !inWord) words++;
    inWord = !isSpace;
  }
  return words;
}

/** The loaded verb inside a cue ("had earlier claimed") and its neutral replacement in the same form. */
function loadedVerb(cue: TextSpan): { verb: TextSpan; neutral: string } | null {
  if (!LOADED_STEMS.test(cue.text)) return null;
  const pattern = /[\p{L}]+/gu;
  for (let match = pattern.exec(cue.text); match !== null; match = pattern.exec(cue.text)) {
    const neutral = LOADED_VERBS.get(match[0].toLowerCase());
    if (neutral === undefined) continue;
    const start = cue.start + match.index;
    const verbText = match[0];
    const capitalised = verbText.charAt(0) !== verbText.charAt(0).toLowerCase();
    return {
      verb: { start, end: start + verbText.length, text: verbText },
      neutral: capitalised ? neutral.charAt(0).toUpperCase() + neutral.slice(1) : neutral,
    };
  }
  return null;
}

/** Where a pronoun or description was resolved: the named mention, when it lies outside the source span. */
function resolvedMention(context: AnalysisContext, attribution: Attribution): RelatedSpan | null {
  if (attribution.sourceEntity === null || attribution.source === null) return null;
  const entity = context.entities[attribution.sourceEntity];
  if (entity === undefined) return null;
  if (entity.start >= attribution.source.start && entity.end <= attribution.source.end) return null;
  return {
    start: entity.start,
    end: entity.end,
    message: `"${attribution.source.text}" is ${entity.canonical ?? entity.text}, named here.`,
  };
}

/**
 * The people and organisations already quoted in the article, with every offset where each is
 * mentioned (as an attribution source or as an entity). All mentions sit in one sorted list;
 * a finding walks outwards from its own offset, nearer mention first, so the sources come out
 * ordered by their nearest mention without looking at every source. The walk stops after
 * MAX_CANDIDATES sources or MAX_MENTION_STEPS mentions, which keeps each finding's cost bounded
 * however long the document is.
 */
class CandidateIndex {
  private readonly sources: Array<{ name: string; kind: CandidateSource['kind'] }> = [];
  /** Mention offsets, ascending. */
  private readonly offsets: number[];
  /** The source of the mention at the same index. */
  private readonly owners: number[];
  /**
   * The candidate built for the mention at the same index, made on first use. Findings near each
   * other name the same mentions, so they share these (never mutated) objects instead of each
   * allocating its own copies.
   */
  private readonly candidateAt: Array<CandidateSource | undefined>;
  /** For each source, the last `nearest()` call that took it (see `nearest`). */
  private readonly takenInCall: number[];
  private calls = 0;

  constructor(context: AnalysisContext) {
    const byName = new Map<string, number>();
    const mentionOffsets: number[] = [];
    const mentionOwners: number[] = [];
    for (const attribution of context.attributions) {
      if (attribution.sourceName === null || attribution.anonymous || attribution.source === null) continue;
      const entity = attribution.sourceEntity === null ? undefined : context.entities[attribution.sourceEntity];
      let owner = byName.get(attribution.sourceName);
      if (owner === undefined) {
        owner = this.sources.length;
        this.sources.push({
          name: attribution.sourceName,
          kind: entity?.kind === 'person' ? 'person' : 'organization',
        });
        byName.set(attribution.sourceName, owner);
      }
      mentionOffsets.push(attribution.source.start);
      mentionOwners.push(owner);
    }
    for (const entity of context.entities) {
      if (entity.kind !== 'person' && entity.kind !== 'organization') continue;
      const owner = byName.get(entity.canonical ?? entity.text);
      if (owner !== undefined) {
        mentionOffsets.push(entity.start);
        mentionOwners.push(owner);
      }
    }
    // Sorted by offset, then owner, as one number per mention (offset × sources + owner): a numeric
    // sort of plain numbers instead of comparing objects was the constructor's main saving.
    // (Typed arrays measured slower here: most articles have a few dozen mentions, and each typed
    // array of that size gets its own off-heap buffer.)
    const sourceCount = this.sources.length;
    const keys = mentionOffsets.map((offset, index) => offset * sourceCount + (mentionOwners[index] ?? 0));
    keys.sort((left, right) => left - right);
    this.offsets = keys.map((key) => Math.floor(key / sourceCount));
    this.owners = keys.map((key, index) => key - (this.offsets[index] ?? 0) * sourceCount);
    this.takenInCall = new Array<number>(sourceCount).fill(0);
    this.candidateAt = new Array<CandidateSource | undefined>(keys.length).fill(undefined);
  }

  nearest(offset: number): CandidateSource[] {
    const result: CandidateSource[] = [];
    const { offsets, owners } = this;
    const count = offsets.length;
    const sourceCount = this.sources.length;
    // A per-call stamp instead of a fresh Set of taken owners: the walk is the hottest loop of this
    // pass, and a Set per finding cost more than the walk itself.
    const call = ++this.calls;
    const takenIn = this.takenInCall;
    let taken = 0;
    let after = firstAtOrAfter(offsets, offset);
    let before = after - 1;
    // Once every source is taken no later mention can add one, so the walk stops there; without
    // that stop an article with fewer sources than MAX_CANDIDATES walked all its mentions (up to
    // MAX_MENTION_STEPS) for every finding. The sides are bounds-checked by index rather than by
    // reading past the ends, because reading `offsets[-1]` is a slow property lookup.
    for (let step = 0; step < MAX_MENTION_STEPS && taken < sourceCount && result.length < MAX_CANDIDATES; step++) {
      let index: number;
      // The nearer side goes first; on a tie, the earlier mention.
      if (before >= 0 && (after >= count || offset - (offsets[before] ?? 0) <= (offsets[after] ?? 0) - offset)) {
        index = before--;
      } else if (after < count) {
        index = after++;
      } else {
        break;
      }
      const owner = owners[index] ?? 0;
      if (takenIn[owner] === call) continue;
      takenIn[owner] = call;
      taken++;
      result.push(this.candidate(index));
    }
    return result;
  }

  private candidate(index: number): CandidateSource {
    let candidate = this.candidateAt[index];
    if (candidate === undefined) {
      const source = this.sources[this.owners[index] ?? 0];
      candidate = {
        name: source?.name ?? '',
        kind: source?.kind ?? 'organization',
        nearestMention: this.offsets[index] ?? 0,
      };
      this.candidateAt[index] = candidate;
    }
    return candidate;
  }
}

/** The first index in a sorted array whose value is at or after `offset`. */
function firstAtOrAfter(sorted: readonly number[], offset: number): number {
  let low = 0;
  let high = sorted.length;
  while (low < high) {
    const middle = (low + high) >> 1;
    if ((sorted[middle] ?? 0) < offset) low = middle + 1;
    else high = middle;
  }
  return low;
}
