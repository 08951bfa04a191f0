// The plain-data shapes that `analyse()` returns. Everything here is serialisable and uses
// UTF-16 code-unit offsets into the analysed text, so that the CLI, the language server and
// the tests can share one result without converting anything.

/** A half-open range `[start, end)` of UTF-16 code units. */
export interface Span {
  start: number;
  end: number;
}

/** A span together with the text it covers, as the JSON contract shows it. */
export interface TextSpan extends Span {
  text: string;
}

export type EntityKind = 'person' | 'organization' | 'place' | 'figure' | 'date';

export interface Paragraph extends Span {
  /** Zero-based index in document order. */
  index: number;
}

export interface Sentence extends Span {
  /** Index into `Analysis.paragraphs`. */
  paragraph: number;
}

export type QuoteStyle = 'straight' | 'curly' | 'backtick' | 'guillemet' | 'single';

export interface Quote extends Span {
  /** Offsets of the quoted words, without the quote marks. */
  contentStart: number;
  contentEnd: number;
  style: QuoteStyle;
  /** 0 for an outer quote, 1 for a quote inside it, and so on. */
  depth: number;
  /** False when the quote never closes (see `unclosed-quote`). */
  closed: boolean;
  /**
   * True when this quote opens a paragraph that continues the previous paragraph's open quote
   * (the news convention of leaving a quote open at a paragraph end).
   */
  continuesPrevious: boolean;
  /** Index of the first quote of the multi-paragraph chain this quote belongs to, or its own index. */
  chainStart: number;
}

export interface Entity extends TextSpan {
  kind: EntityKind;
  /** Short name of the rule that produced this entity, e.g. `figure.approximator`. */
  reason: string;
  /** Figures: the numeric value (the low end of a range). */
  value?: number;
  /** Figures: the high end of a range ("between 40 and 50"). */
  valueHigh?: number;
  /** Figures: the counted noun ("sorties"), the currency ("USD") or `%`. */
  unit?: string;
  /** Figures: the approximator ("about", "more than", "almost"). */
  qualifier?: string;
  /**
   * People and organisations: the name all mentions and aliases resolve to.
   * Places: the canonical place name. Dates: the resolved calendar date, `YYYY-MM-DD`.
   */
  canonical?: string;
  /** People: a title or role given with the name ("Colonel General"). */
  title?: string;
  /** Dates: true when the date was resolved relative to the article date. */
  relative?: boolean;
}

export interface Attribution {
  /** The reporting verb or phrase: "said", "according to", "in a statement". */
  cue: TextSpan;
  /** The span that names the speaker ("Kartapolov", "he", "a senior official"), or null. */
  source: TextSpan | null;
  /** The quote or reported clause. */
  content: TextSpan;
  /** The person or organisation the source resolves to, or null when it stays anonymous. */
  sourceName: string | null;
  /** Index into `Analysis.entities` of the named entity the source resolved to, if any. */
  sourceEntity: number | null;
  /** True when the source is a description with no name ("a senior official"). */
  anonymous: boolean;
  /** True when this attribution was inherited by a continuing quote paragraph. */
  inherited: boolean;
  reason: string;
}

export interface Claim extends TextSpan {
  attributed: boolean;
  /** Index into `Analysis.attributions`, or null. */
  attribution: number | null;
  /** Indexes into `Analysis.entities` of the figures inside this claim. */
  figures: number[];
  /** What makes it checkable: a figure, a comparison or superlative, or a statement about a named entity. */
  kind: 'figure' | 'comparison' | 'statement';
  reason: string;
}

export type Severity = 'error' | 'warning' | 'information' | 'hint';

export const FINDING_CODES = [
  'unattributed-figure',
  'unattributed-claim',
  'quote-without-source',
  'unclosed-quote',
  'anonymous-source',
  'loaded-attribution-verb',
  'name-variant',
  'figure-mismatch',
] as const;
export type FindingCode = (typeof FINDING_CODES)[number];

/** A source the quick-fix can offer: a named person or organisation already quoted in the article. */
export interface CandidateSource {
  name: string;
  kind: 'person' | 'organization';
  /** Offset of that source's nearest mention, so that the nearest come first. */
  nearestMention: number;
}

/**
 * Everything a quick-fix needs without re-running the analysis. Fields are optional because
 * each finding code uses a different subset.
 */
export interface FindingData {
  /** Named people and organisations already quoted in the article, nearest first. */
  candidates?: CandidateSource[];
  /** The claim or sentence the finding is about. */
  sentence?: TextSpan;
  /**
   * Where an attribution can be inserted: the offset just before the sentence's final
   * punctuation, and that punctuation (so a fix can write ", Kartapolov said.").
   */
  insertAt?: number;
  /** The punctuation found at `insertAt` (".", "?", "!", or "" when there is none). */
  terminator?: string;
  /** `loaded-attribution-verb`: the loaded verb and the neutral verb that replaces it. */
  verb?: TextSpan;
  neutral?: string;
  /** `unattributed-claim`: a phrase that could be declared common knowledge. */
  phrase?: string;
  /** `name-variant`: the spelling most articles use. */
  preferred?: string;
  /** `name-variant`: the spelling this article uses, exactly as written. */
  variant?: string;
  /** `name-variant`: every mention in this article written as `variant`, for "use … throughout". */
  mentions?: Span[];
}

export interface RelatedSpan extends Span {
  message: string;
  /** Another document, for cross-article findings; absent means the same document. */
  uri?: string;
}

export interface Finding extends Span {
  code: FindingCode;
  severity: Severity;
  message: string;
  reason: string;
  data?: FindingData;
  related?: RelatedSpan[];
}

export interface Analysis {
  /** Length of the analysed text in UTF-16 code units. */
  length: number;
  /** The article date used to resolve relative dates, `YYYY-MM-DD`, when one was known. */
  articleDate: string | null;
  paragraphs: Paragraph[];
  sentences: Sentence[];
  quotes: Quote[];
  /** All entities, sorted by start offset. */
  entities: Entity[];
  attributions: Attribution[];
  claims: Claim[];
  /** Sorted by start offset. Findings switched off in the configuration are absent. */
  findings: Finding[];
}
