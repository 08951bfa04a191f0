// CoNLL-2003 evaluation of the entity pass: PER, ORG and LOC against `person`, `organization`
// and `place`. Each document's text is its tokens joined by single spaces, one sentence per line,
// so every predicted entity maps back onto whole tokens. MISC gold is neutral: a prediction that
// overlaps MISC counts neither for nor against. Scores are reported on all lines and on "prose"
// lines (at least 8 tokens, some lower-case letter, ending in a full stop or a quote), since
// tables, scores and headlines are not what the product reads.
import { readFile } from 'node:fs/promises';
import { createAnalysisContext } from '../../server/src/analysis/context';
import { analyse } from '../../server/src/analysis/index';
import { runSentences } from '../../server/src/analysis/passes/01-sentences';
import { runEntities } from '../../server/src/analysis/passes/03-entities';

export type ConllType = 'PER' | 'ORG' | 'LOC' | 'MISC';
const SCORED_TYPES = ['PER', 'ORG', 'LOC'] as const;
type ScoredType = (typeof SCORED_TYPES)[number];

const KIND_TO_TYPE: Record<string, ScoredType | undefined> = { person: 'PER', organization: 'ORG', place: 'LOC' };
const TAG = /^(?:O|[BIE]-[A-Z]+)$/;

export interface ConllSentence {
  tokens: string[];
  /** Gold spans as token indexes `[start, end)` with their type. */
  spans: Array<{ start: number; end: number; type: ConllType }>;
}

export interface ConllDocument {
  sentences: ConllSentence[];
}

/**
 * Parses CoNLL-2003 text: `-DOCSTART-` splits documents (or, in a copy without them, the
 * dateline lines do), blank lines split sentences, and the tag is the last IOB field.
 */
export function parseConll(content: string): ConllDocument[] {
  const documents: ConllDocument[] = [];
  let current: ConllDocument = { sentences: [] };
  let tokens: string[] = [];
  let tags: string[] = [];
  const flushSentence = (): void => {
    if (tokens.length > 0) current.sentences.push({ tokens, spans: spansFromTags(tags) });
    tokens = [];
    tags = [];
  };
  const flushDocument = (): void => {
    flushSentence();
    if (current.sentences.length > 0) documents.push(current);
    current = { sentences: [] };
  };
  for (const rawLine of content.split(/\r?\n/)) {
    const line = rawLine.trim();
    if (line.length === 0) {
      flushSentence();
      continue;
    }
    const fields = line.split(/\s+/);
    if (fields[0] === '-DOCSTART-') {
      flushDocument();
      continue;
    }
    let tag = 'O';
    for (let index = fields.length - 1; index >= 1; index--) {
      const field = fields[index] ?? '';
      if (TAG.test(field)) {
        tag = field;
        break;
      }
    }
    tokens.push(fields[0] ?? '');
    tags.push(tag);
  }
  flushDocument();
  return content.includes('-DOCSTART-') ? documents : documents.flatMap(splitAtDatelines);
}

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

/**
 * A copy of CoNLL-2003 without `-DOCSTART-` lines would be one huge "document", and the entity
 * pass would then carry names from one Reuters story into the next. Each story opens with a
 * headline and a short dateline line ("LONDON 1996-08-30"), so a new document starts at the
 * line before each dateline.
 */
function splitAtDatelines(document: ConllDocument): ConllDocument[] {
  const documents: ConllDocument[] = [];
  let current: ConllSentence[] = [];
  document.sentences.forEach((sentence, index) => {
    const next = document.sentences[index + 1];
    const nextIsDateline =
      next !== undefined && next.tokens.length <= 8 && next.tokens.some((token) => ISO_DATE.test(token));
    if (nextIsDateline && current.length > 0) {
      documents.push({ sentences: current });
      current = [];
    }
    current.push(sentence);
  });
  if (current.length > 0) documents.push({ sentences: current });
  return documents;
}

function spansFromTags(tags: readonly string[]): ConllSentence['spans'] {
  const spans: ConllSentence['spans'] = [];
  let open: { start: number; type: ConllType } | null = null;
  tags.forEach((tag, index) => {
    const prefix = tag.charAt(0);
    const type = tag.slice(2) as ConllType;
    // IOB1 and IOB2 both work: a B- tag, or an I- tag whose type differs from the open span, starts a new span.
    if (open !== null && (prefix === 'O' || prefix === 'B' || type !== open.type)) {
      spans.push({ start: open.start, end: index, type: open.type });
      open = null;
    }
    if (prefix !== 'O' && open === null) open = { start: index, type };
  });
  if (open !== null) {
    const last: { start: number; type: ConllType } = open;
    spans.push({ start: last.start, end: tags.length, type: last.type });
  }
  return spans;
}

export function isProseLine(tokens: readonly string[]): boolean {
  if (tokens.length < 8) return false;
  const last = tokens[tokens.length - 1] ?? '';
  return tokens.some((token) => /\p{Ll}/u.test(token)) && (last === '.' || /^["'`]+$/.test(last));
}

interface Counts {
  predicted: number;
  gold: number;
  exact: number;
  overlapPredicted: number;
  overlapGold: number;
}

function emptyCounts(): Counts {
  return { predicted: 0, gold: 0, exact: 0, overlapPredicted: 0, overlapGold: 0 };
}

type Scoreboard = Record<ScoredType, Counts>;

function emptyScoreboard(): Scoreboard {
  return { PER: emptyCounts(), ORG: emptyCounts(), LOC: emptyCounts() };
}

export interface ConllResult {
  table: string;
  /** Prose-line exact micro F1 over PER, ORG and LOC. */
  proseExactF1: number;
  allExactF1: number;
  megabytesPerSecond: number;
  documents: number;
  sentences: number;
}

interface TokenSpan {
  start: number;
  end: number;
  type: ScoredType;
}

function overlaps(left: { start: number; end: number }, right: { start: number; end: number }): boolean {
  return left.start < right.end && right.start < left.end;
}

function scoreSentence(
  board: Scoreboard,
  gold: readonly ConllSentence['spans'][number][],
  predicted: readonly TokenSpan[],
): void {
  const misc = gold.filter((span) => span.type === 'MISC');
  const scoredGold = gold.filter((span): span is TokenSpan => span.type !== 'MISC');
  const scoredPredicted = predicted.filter((span) => !misc.some((miscSpan) => overlaps(miscSpan, span)));
  for (const span of scoredGold) {
    const counts = board[span.type];
    counts.gold++;
    if (scoredPredicted.some((other) => other.type === span.type && overlaps(other, span))) counts.overlapGold++;
  }
  for (const span of scoredPredicted) {
    const counts = board[span.type];
    counts.predicted++;
    if (scoredGold.some((other) => other.type === span.type && other.start === span.start && other.end === span.end)) {
      counts.exact++;
    }
    if (scoredGold.some((other) => other.type === span.type && overlaps(other, span))) counts.overlapPredicted++;
  }
}

function f1(precision: number, recall: number): number {
  return precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
}

function ratio(numerator: number, denominator: number): number {
  return denominator === 0 ? 0 : numerator / denominator;
}

function rows(board: Scoreboard): { lines: string[]; exactF1: number } {
  const lines: string[] = [];
  const total = emptyCounts();
  let exactF1 = 0;
  const format = (name: string, counts: Counts): string => {
    const exactP = ratio(counts.exact, counts.predicted);
    const exactR = ratio(counts.exact, counts.gold);
    const overlapP = ratio(counts.overlapPredicted, counts.predicted);
    const overlapR = ratio(counts.overlapGold, counts.gold);
    const cells = [exactP, exactR, f1(exactP, exactR), overlapP, overlapR, f1(overlapP, overlapR)].map((value) =>
      value.toFixed(3),
    );
    return `| ${name} | ${counts.gold} | ${counts.predicted} | ${cells.join(' | ')} |`;
  };
  for (const type of SCORED_TYPES) {
    const counts = board[type];
    lines.push(format(type, counts));
    for (const key of Object.keys(total) as Array<keyof Counts>) total[key] += counts[key];
  }
  lines.push(format('**micro**', total));
  exactF1 = f1(ratio(total.exact, total.predicted), ratio(total.exact, total.gold));
  return { lines, exactF1 };
}

/** Runs `analyse` over every document of a CoNLL-2003 file and scores PER, ORG and LOC. */
export async function evaluateConll(file: string): Promise<ConllResult> {
  const documents = parseConll(await readFile(file, 'utf8'));
  const all = emptyScoreboard();
  const prose = emptyScoreboard();
  let characters = 0;
  let sentenceCount = 0;
  const texts: string[] = [];
  for (const document of documents) {
    const lineStarts: number[] = [];
    const tokenStarts: number[][] = [];
    let text = '';
    for (const sentence of document.sentences) {
      if (text.length > 0) text += '\n';
      lineStarts.push(text.length);
      const starts: number[] = [];
      sentence.tokens.forEach((token, index) => {
        if (index > 0) text += ' ';
        starts.push(text.length);
        text += token;
      });
      tokenStarts.push(starts);
    }
    const analysis = analyse(text);
    texts.push(text);
    characters += text.length;

    // Entities are sorted by start; walk them alongside the sentences.
    let entityIndex = 0;
    document.sentences.forEach((sentence, sentenceIndex) => {
      sentenceCount++;
      const lineStart = lineStarts[sentenceIndex] ?? 0;
      const lineEnd = lineStart + sentence.tokens.join(' ').length;
      const starts = tokenStarts[sentenceIndex] ?? [];
      const predicted: TokenSpan[] = [];
      while (entityIndex < analysis.entities.length && (analysis.entities[entityIndex]?.start ?? 0) < lineEnd) {
        const entity = analysis.entities[entityIndex];
        entityIndex++;
        const type = entity === undefined ? undefined : KIND_TO_TYPE[entity.kind];
        if (entity === undefined || type === undefined || entity.start < lineStart) continue;
        let first = -1;
        let last = -1;
        starts.forEach((tokenStart, tokenIndex) => {
          const tokenEnd = tokenStart + (sentence.tokens[tokenIndex] ?? '').length;
          if (tokenEnd > entity.start && tokenStart < entity.end) {
            if (first < 0) first = tokenIndex;
            last = tokenIndex;
          }
        });
        if (first >= 0) predicted.push({ start: first, end: last + 1, type });
      }
      scoreSentence(all, sentence.spans, predicted);
      if (isProseLine(sentence.tokens)) scoreSentence(prose, sentence.spans, predicted);
    });
  }
  const speed = measureSpeed(texts);
  const megabytesPerSecond = speed.analyseWall;
  const header = [
    '| type | gold | predicted | exact P | exact R | exact F1 | overlap P | overlap R | overlap F1 |',
    '| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |',
  ];
  const allRows = rows(all);
  const proseRows = rows(prose);
  const table = [
    `CoNLL-2003: ${documents.length} documents, ${sentenceCount} lines, ${(characters / 1e6).toFixed(2)} MB. ` +
      `Warm throughput (second run): analyse() ${speed.analyseWall.toFixed(1)} MB/s wall, ` +
      `${speed.analyseCpu.toFixed(1)} MB/s CPU; pass 3 alone (entities and dates) ${speed.entitiesCpu.toFixed(1)} MB/s CPU. ` +
      'Wall time depends on the machine load; CPU time less so.',
    '',
    '**Prose lines** (≥ 8 tokens, a lower-case letter, ending in a full stop or quote):',
    '',
    ...header,
    ...proseRows.lines,
    '',
    '**All lines:**',
    '',
    ...header,
    ...allRows.lines,
  ].join('\n');
  return {
    table,
    proseExactF1: proseRows.exactF1,
    allExactF1: allRows.exactF1,
    megabytesPerSecond,
    documents: documents.length,
    sentences: sentenceCount,
  };
}

/**
 * Throughput after a warm-up run, in MB/s (UTF-16 units counted as bytes): the whole of
 * `analyse()` by wall clock and by CPU time, and pass 3 alone by CPU time.
 */
function measureSpeed(texts: readonly string[]): { analyseWall: number; analyseCpu: number; entitiesCpu: number } {
  const megabytes = texts.reduce((sum, text) => sum + text.length, 0) / 1e6;
  const wallStart = process.hrtime.bigint();
  const cpuStart = process.cpuUsage();
  for (const text of texts) analyse(text);
  const analyseCpu = process.cpuUsage(cpuStart).user / 1e6;
  const analyseWall = Number(process.hrtime.bigint() - wallStart) / 1e9;
  let entitiesCpu = 0;
  for (const text of texts) {
    const context = createAnalysisContext(text);
    runSentences(context);
    const before = process.cpuUsage();
    runEntities(context);
    entitiesCpu += process.cpuUsage(before).user / 1e6;
  }
  const rate = (seconds: number): number => megabytes / Math.max(seconds, 1e-9);
  return { analyseWall: rate(analyseWall), analyseCpu: rate(analyseCpu), entitiesCpu: rate(entitiesCpu) };
}
