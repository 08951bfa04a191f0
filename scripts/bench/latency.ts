// Editor latency: the bundled server driven over stdio by a real JSON-RPC client, timing what a
// writer feels: from an edit to its diagnostics, hovers, and semantic tokens, on documents of a
// few sizes, with the debounce set to 0 so that only the work itself is timed.
import { LineIndex } from '../../server/src/lineIndex';
import { concatenateToSize, type Corpus } from './corpus';
import { BenchLspClient, type LspPosition } from './lsp';
import { percentile, seededRandom } from './stats';

export interface LatencySize {
  label: string;
  bytes: number;
  /** Edits per diagnostics mode; fewer for big documents, which cost more per edit. */
  edits: number;
  hovers: number;
  tokenRequests: number;
}

export const LATENCY_SIZES: readonly LatencySize[] = [
  { label: '5 KB', bytes: 5 * 1024, edits: 100, hovers: 200, tokenRequests: 50 },
  { label: '100 KB', bytes: 100 * 1024, edits: 100, hovers: 200, tokenRequests: 50 },
  { label: '2 MB', bytes: 2 * 1024 * 1024, edits: 30, hovers: 100, tokenRequests: 10 },
];

export interface LatencyRow {
  size: string;
  bytes: number;
  operation: string;
  samples: number[];
}

export interface LatencyStats {
  p50: number;
  p95: number;
  p99: number;
  count: number;
}

export function summarise(samples: readonly number[]): LatencyStats {
  return {
    p50: percentile(samples, 50),
    p95: percentile(samples, 95),
    p99: percentile(samples, 99),
    count: samples.length,
  };
}

/** Settings for the benchmark: no debounce, and a size cap well above the largest document. */
export const BENCH_SETTINGS = { debounceMs: 0, maxDocumentSize: 64 * 1024 * 1024 };
const FIRST_ANALYSIS_TIMEOUT_MS = 60_000;
const EDIT_TIMEOUT_MS = 30_000;
/**
 * A row stops after this long once it has MIN_SAMPLES, so that a slow server still lets the
 * benchmark finish; the n column shows how many samples each row got.
 */
const ROW_BUDGET_MS = 20_000;
const MIN_SAMPLES = 5;

/** Runs `sample` up to `count` times, fewer when the row's time budget runs out. */
async function collect(count: number, sample: () => Promise<number>): Promise<number[]> {
  const samples: number[] = [];
  const start = performance.now();
  while (samples.length < count) {
    samples.push(await sample());
    if (samples.length >= MIN_SAMPLES && performance.now() - start > ROW_BUDGET_MS) {
      break;
    }
  }
  return samples;
}

/** A document of about `bytes`, cut at a paragraph break so that no article ends mid-sentence. */
export function documentOfSize(corpus: Corpus, bytes: number): string {
  const joined = concatenateToSize(corpus, bytes);
  const cut = joined.lastIndexOf('\n\n', bytes);
  return cut > bytes / 2 ? joined.slice(0, cut) + '\n' : joined;
}

interface Edit {
  start: LspPosition;
  end: LspPosition;
  text: string;
}

/**
 * Types a word into the document and takes it out again on the next call, at a different
 * place each time, so the document keeps its size and every edit touches one paragraph as a
 * writer's keystrokes do.
 */
export class EditScript {
  private text: string;
  private pending: { offset: number; length: number } | null = null;
  private readonly random = seededRandom(5);

  constructor(initial: string) {
    this.text = initial;
  }

  get current(): string {
    return this.text;
  }

  next(): { edit: Edit; fullText: string } {
    const lines = new LineIndex(this.text);
    if (this.pending) {
      const { offset, length } = this.pending;
      this.pending = null;
      const edit = { start: lines.positionAt(offset), end: lines.positionAt(offset + length), text: '' };
      this.text = this.text.slice(0, offset) + this.text.slice(offset + length);
      return { edit, fullText: this.text };
    }
    // A word start somewhere in the document: after a space, before a letter.
    let offset = Math.floor(this.random() * this.text.length);
    const space = this.text.indexOf(' ', offset);
    offset = space < 0 ? 0 : space + 1;
    const inserted = 'newly ';
    this.pending = { offset, length: inserted.length };
    const position = lines.positionAt(offset);
    this.text = this.text.slice(0, offset) + inserted + this.text.slice(offset);
    return { edit: { start: position, end: position, text: inserted }, fullText: this.text };
  }
}

interface SemanticTokensResult {
  resultId?: string;
  data: number[];
}

/** Positions of the first character of each semantic token, decoded from the relative encoding. */
function tokenPositions(data: readonly number[]): LspPosition[] {
  const positions: LspPosition[] = [];
  let line = 0;
  let character = 0;
  for (let index = 0; index + 1 < data.length; index += 5) {
    const deltaLine = data[index] ?? 0;
    const deltaCharacter = data[index + 1] ?? 0;
    line += deltaLine;
    character = deltaLine === 0 ? character + deltaCharacter : deltaCharacter;
    positions.push({ line, character });
  }
  return positions;
}

/** One open document in the server, with the edits the benchmark makes to it. */
export class BenchDocument {
  version = 1;
  readonly script: EditScript;
  readonly bytes: number;

  constructor(
    private readonly client: BenchLspClient,
    readonly uri: string,
    text: string,
  ) {
    this.script = new EditScript(text);
    this.bytes = Buffer.byteLength(text);
  }

  async open(): Promise<void> {
    await this.client.open(this.uri, this.script.current, this.version);
  }

  /** Sends the next edit (incremental when the server syncs incrementally) and returns its version. */
  async change(): Promise<number> {
    const { edit, fullText } = this.script.next();
    this.version++;
    const contentChanges = this.client.syncsIncrementally
      ? [{ range: { start: edit.start, end: edit.end }, text: edit.text }]
      : [{ text: fullText }];
    await this.client.connection.sendNotification('textDocument/didChange', {
      textDocument: { uri: this.uri, version: this.version },
      contentChanges,
    });
    return this.version;
  }

  pull(): Promise<unknown> {
    return this.client.connection.sendRequest('textDocument/diagnostic', { textDocument: { uri: this.uri } });
  }

  async close(): Promise<void> {
    await this.client.connection.sendNotification('textDocument/didClose', { textDocument: { uri: this.uri } });
  }
}

function time<T>(work: () => Promise<T>): Promise<{ ms: number; result: T }> {
  const start = performance.now();
  return work().then((result) => ({ ms: performance.now() - start, result }));
}

/**
 * A client without pull diagnostics, so the server pushes them: the time from didChange to the
 * publishDiagnostics of that version, for each of `sizes` in turn in one server.
 */
async function measurePush(
  serverPath: string,
  corpus: Corpus,
  rows: LatencyRow[],
  notes: string[],
  sizes: readonly LatencySize[] = LATENCY_SIZES,
  operation = 'edit → diagnostics (push)',
): Promise<void> {
  const client = BenchLspClient.spawn(serverPath, BENCH_SETTINGS);
  try {
    await client.initialize(null, { pullDiagnostics: false });
    for (const size of sizes) {
      const document = new BenchDocument(
        client,
        `file:///bench/push-${size.bytes}.news`,
        documentOfSize(corpus, size.bytes),
      );
      const opened = client.diagnosticsFor(document.uri, 1, FIRST_ANALYSIS_TIMEOUT_MS);
      await document.open();
      try {
        await opened;
      } catch (error) {
        notes.push(`${operation} at ${size.label}: ${(error as Error).message}`);
        return;
      }
      const samples = await collect(size.edits, async () => {
        const { ms } = await time(async () => {
          const waiting = client.diagnosticsFor(document.uri, document.version + 1, EDIT_TIMEOUT_MS);
          await document.change();
          return waiting;
        });
        return ms;
      });
      rows.push({ size: size.label, bytes: document.bytes, operation, samples });
      await document.close();
    }
  } finally {
    await client.stop();
  }
}

/**
 * A client with pull diagnostics, as VS Code is: the time from didChange to the reply of a
 * textDocument/diagnostic request sent right after it; then hovers and semantic tokens.
 */
async function measurePullHoverTokens(
  serverPath: string,
  corpus: Corpus,
  rows: LatencyRow[],
  notes: string[],
): Promise<void> {
  const client = BenchLspClient.spawn(serverPath, BENCH_SETTINGS);
  try {
    const capabilities = await client.initialize(null, { pullDiagnostics: true });
    const supportsPull = capabilities.diagnosticProvider !== undefined && capabilities.diagnosticProvider !== null;
    const tokens = capabilities.semanticTokensProvider;
    const supportsTokens = tokens !== undefined && tokens.full !== undefined && tokens.full !== false;
    const supportsDelta = typeof tokens?.full === 'object' && tokens.full.delta === true;
    const supportsHover = capabilities.hoverProvider !== undefined && capabilities.hoverProvider !== false;
    notes.push(
      `Server capabilities: sync ${client.syncsIncrementally ? 'incremental' : 'full'}, pull diagnostics ${supportsPull ? 'yes' : 'no'}, ` +
        `hover ${supportsHover ? 'yes' : 'no'}, semantic tokens ${supportsTokens ? (supportsDelta ? 'full + delta' : 'full') : 'no'}.`,
    );
    if (!supportsPull) {
      notes.push(
        'The server offers no pull diagnostics, so hovers and tokens were not timed either (nothing tells when an analysis has settled).',
      );
      return;
    }
    for (const size of LATENCY_SIZES) {
      const document = new BenchDocument(
        client,
        `file:///bench/pull-${size.bytes}.news`,
        documentOfSize(corpus, size.bytes),
      );
      await document.open();
      await document.pull();
      const row = (operation: string, samples: number[]): void => {
        rows.push({ size: size.label, bytes: document.bytes, operation, samples });
      };
      const pullSamples = await collect(size.edits, async () => {
        const { ms } = await time(async () => {
          await document.change();
          return document.pull();
        });
        return ms;
      });
      row('edit → diagnostics (pull)', pullSamples);
      // Hovers and tokens are timed on a settled document (the last pull returned, so its analysis
      // is cached), as when a writer pauses and points at a word.
      let positions: LspPosition[] = [];
      if (supportsTokens) {
        const samples: number[] = [];
        let last: SemanticTokensResult | null = null;
        for (let request = 0; request < size.tokenRequests; request++) {
          const timed = await time(() =>
            client.connection.sendRequest<SemanticTokensResult>('textDocument/semanticTokens/full', {
              textDocument: { uri: document.uri },
            }),
          );
          samples.push(timed.ms);
          last = timed.result;
        }
        row('semantic tokens (full)', samples);
        positions = tokenPositions(last?.data ?? []);
        if (supportsDelta && last?.resultId !== undefined) {
          let previousResultId: string = last.resultId;
          const deltaSamples = await collect(size.tokenRequests, async () => {
            // The delta follows an edit whose analysis has finished, so only the diffing is timed.
            await document.change();
            await document.pull();
            const timed = await time(() =>
              client.connection.sendRequest<{ resultId?: string }>('textDocument/semanticTokens/full/delta', {
                textDocument: { uri: document.uri },
                previousResultId,
              }),
            );
            previousResultId = timed.result.resultId ?? previousResultId;
            return timed.ms;
          });
          row('semantic tokens (delta after an edit)', deltaSamples);
        }
      }
      if (supportsHover) {
        const text = document.script.current;
        const lines = new LineIndex(text);
        const random = seededRandom(11);
        const samples: number[] = [];
        for (let request = 0; request < size.hovers; request++) {
          // Half the hovers land on highlighted entities (the ones that show something), half anywhere.
          const onToken = request % 2 === 0 && positions.length > 0;
          const position = onToken
            ? (positions[Math.floor(random() * positions.length)] as LspPosition)
            : lines.positionAt(Math.floor(random() * text.length));
          const timed = await time(() =>
            client.connection.sendRequest('textDocument/hover', { textDocument: { uri: document.uri }, position }),
          );
          samples.push(timed.ms);
        }
        row('hover', samples);
      }
      await document.close();
    }
  } finally {
    await client.stop();
  }
}

export async function measureLatency(
  serverPath: string,
  corpus: Corpus,
  log: (line: string) => void,
): Promise<{ rows: LatencyRow[]; notes: string[] }> {
  const rows: LatencyRow[] = [];
  const notes: string[] = [];
  await measurePush(serverPath, corpus, rows, notes);
  log('  latency: push diagnostics done');
  await measurePullHoverTokens(serverPath, corpus, rows, notes);
  log('  latency: pull diagnostics, semantic tokens and hover done');
  // The largest document as the first one a fresh server sees. The rows above open the smaller
  // documents first; opened first, a 2 MB article's first edit once never finished (the analysis
  // worker's slices of a lower-cased copy of the text became ~1,000 times slower after its first
  // analysis), so this row keeps that path measured.
  const largest = LATENCY_SIZES.slice(-1);
  await measurePush(
    serverPath,
    corpus,
    rows,
    notes,
    largest,
    'edit → diagnostics (push), first document of a fresh server',
  );
  log('  latency: the largest document in a fresh server done');
  // Rows by size, then by operation, as the table reads best.
  const order = LATENCY_SIZES.map((size) => size.label);
  rows.sort((a, b) => order.indexOf(a.size) - order.indexOf(b.size));
  return { rows, notes };
}
