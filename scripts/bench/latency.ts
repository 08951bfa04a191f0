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
const BENCH_SETTINGS = { debounceMs: 0, maxDocumentSize: 64 * 1024 * 1024 };
const FIRST_ANALYSIS_TIMEOUT_MS = 120_000;
const EDIT_TIMEOUT_MS = 30_000;

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
class EditScript {
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

export async function measureLatency(
  serverPath: string,
  corpus: Corpus,
  log: (line: string) => void,
): Promise<{
  rows: LatencyRow[];
  notes: string[];
}> {
  const rows: LatencyRow[] = [];
  const notes: string[] = [];
  const client = BenchLspClient.spawn(serverPath, BENCH_SETTINGS);
  try {
    const capabilities = await client.initialize(null);
    const supportsPull = capabilities.diagnosticProvider !== undefined && capabilities.diagnosticProvider !== null;
    const tokens = capabilities.semanticTokensProvider;
    const supportsTokens = tokens !== undefined && tokens.full !== undefined && tokens.full !== false;
    const supportsDelta = typeof tokens?.full === 'object' && tokens.full.delta === true;
    const supportsHover = capabilities.hoverProvider !== undefined && capabilities.hoverProvider !== false;
    notes.push(
      `Server capabilities: sync ${client.syncsIncrementally ? 'incremental' : 'full'}, pull diagnostics ${supportsPull ? 'yes' : 'no'}, ` +
        `hover ${supportsHover ? 'yes' : 'no'}, semantic tokens ${supportsTokens ? (supportsDelta ? 'full + delta' : 'full') : 'no'}.`,
    );
    let pushWorks = true;
    for (const size of LATENCY_SIZES) {
      const uri = `file:///bench/latency-${size.bytes}.news`;
      const script = new EditScript(documentOfSize(corpus, size.bytes));
      const bytes = Buffer.byteLength(script.current);
      let version = 1;
      const opened = client.diagnosticsFor(uri, version, FIRST_ANALYSIS_TIMEOUT_MS);
      await client.open(uri, script.current, version);
      try {
        await opened;
      } catch (error) {
        pushWorks = false;
        notes.push(`No pushed diagnostics after didOpen of the ${size.label} document: ${(error as Error).message}`);
      }
      const change = async (): Promise<number> => {
        const { edit, fullText } = script.next();
        version++;
        const contentChanges = client.syncsIncrementally
          ? [{ range: { start: edit.start, end: edit.end }, text: edit.text }]
          : [{ text: fullText }];
        await client.connection.sendNotification('textDocument/didChange', {
          textDocument: { uri, version },
          contentChanges,
        });
        return version;
      };
      /** An edit whose analysis has finished, so that what is timed next does not wait for it. */
      const changeAndSettle = async (): Promise<void> => {
        const waiting = pushWorks ? client.diagnosticsFor(uri, version + 1, EDIT_TIMEOUT_MS) : null;
        await change();
        if (waiting) {
          await waiting;
        } else if (supportsPull) {
          await client.connection.sendRequest('textDocument/diagnostic', { textDocument: { uri } });
        }
      };
      const row = (operation: string, samples: number[]): void => {
        rows.push({ size: size.label, bytes, operation, samples });
      };

      if (pushWorks) {
        const samples: number[] = [];
        for (let edit = 0; edit < size.edits; edit++) {
          const start = performance.now();
          const waiting = client.diagnosticsFor(uri, version + 1, EDIT_TIMEOUT_MS);
          await change();
          await waiting;
          samples.push(performance.now() - start);
        }
        row('edit → diagnostics (push)', samples);
      }
      if (supportsPull) {
        const samples: number[] = [];
        for (let edit = 0; edit < size.edits; edit++) {
          const start = performance.now();
          await change();
          await client.connection.sendRequest('textDocument/diagnostic', { textDocument: { uri } });
          samples.push(performance.now() - start);
        }
        row('edit → diagnostics (pull)', samples);
      }
      // Hovers and tokens are timed on a settled document: the analysis is already cached, as it is
      // when a writer pauses and points at a word.
      await client.connection.sendRequest('textDocument/diagnostic', { textDocument: { uri } }).catch(() => undefined);
      let positions: LspPosition[] = [];
      if (supportsTokens) {
        const samples: number[] = [];
        let last: SemanticTokensResult | null = null;
        for (let request = 0; request < size.tokenRequests; request++) {
          const start = performance.now();
          last = await client.connection.sendRequest<SemanticTokensResult>('textDocument/semanticTokens/full', {
            textDocument: { uri },
          });
          samples.push(performance.now() - start);
        }
        row('semantic tokens (full)', samples);
        positions = tokenPositions(last?.data ?? []);
        if (supportsDelta && last?.resultId !== undefined) {
          const deltaSamples: number[] = [];
          let previousResultId: string = last.resultId;
          for (let request = 0; request < size.tokenRequests; request++) {
            // The delta follows an edit whose analysis has finished, so only the diffing is timed.
            await changeAndSettle();
            const start = performance.now();
            const delta = await client.connection.sendRequest<{ resultId?: string }>(
              'textDocument/semanticTokens/full/delta',
              {
                textDocument: { uri },
                previousResultId,
              },
            );
            deltaSamples.push(performance.now() - start);
            previousResultId = delta.resultId ?? previousResultId;
          }
          row('semantic tokens (delta after an edit)', deltaSamples);
        }
      }
      if (supportsHover) {
        const lines = new LineIndex(script.current);
        const random = seededRandom(11);
        const samples: number[] = [];
        for (let request = 0; request < size.hovers; request++) {
          // Half the hovers land on highlighted entities (the ones that show something), half anywhere.
          const onToken = request % 2 === 0 && positions.length > 0;
          const position = onToken
            ? (positions[Math.floor(random() * positions.length)] as LspPosition)
            : lines.positionAt(Math.floor(random() * script.current.length));
          const start = performance.now();
          await client.connection.sendRequest('textDocument/hover', { textDocument: { uri }, position });
          samples.push(performance.now() - start);
        }
        row('hover', samples);
      }
      await client.connection.sendNotification('textDocument/didClose', { textDocument: { uri } });
      log(`  latency ${size.label} done`);
    }
  } finally {
    await client.stop();
  }
  return { rows, notes };
}
