// The per-document analysis cache and its scheduler. It keeps exactly one analysis per
// (uri, version): every feature reads the entry from here and none analyses on its own. Changes
// are debounced per document, a result computed for a version that has since changed is dropped,
// and a closed document's entry is freed at once.
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { Analysis, NewsClaimsConfig } from '../analysis';
import { AnalysisSupersededError, type AnalysisRunner } from './analysisWorker';
import { positionAdapterFor, type PositionAdapter } from './positions';
import { traceEdit } from './editTrace';
import type { EffectiveSettings } from './settings';

export type EntryStatus = 'ok' | 'too-large' | 'failed';

export interface CacheEntry {
  /** Unique per analysis run; pull diagnostics use it as their result id. */
  serial: number;
  uri: string;
  version: number;
  text: string;
  status: EntryStatus;
  /** Size of the document in UTF-8 bytes, as the size cap counts it (an upper bound once past the cap). */
  sizeBytes: number;
  /** The cap that applied when the entry was made, for the message. */
  maxDocumentSize: number;
  /** Why the analysis failed (status 'failed'), for the one diagnostic that says so. */
  failure: string | null;
  /** The configuration the analysis ran with; diagnostics apply its severities. */
  config: NewsClaimsConfig;
  /** Empty when the document was too large or the analysis failed. */
  analysis: Analysis;
  positions: PositionAdapter;
  /** Indexes derived from `analysis` on first use (hover lookups), so they are built once per version. */
  derived: Map<string, unknown>;
}

/** What a waiting request gets: the entry for the version it asked about, or why there is none. */
export type EntryOutcome = CacheEntry | 'stale' | 'closed';

interface Waiter {
  version: number;
  resolve: (outcome: EntryOutcome) => void;
}

/** A run waiting for its turn, on a timer or (with no delay) at the end of this turn of the event loop. */
interface ScheduledRun {
  cancel(): void;
}

/**
 * Calls `callback` after `delayMs`. With no delay it uses setImmediate, not setTimeout(…, 0):
 * Node's timers wait at least a millisecond, which was a fifth of the edit → diagnostics time of
 * a short article. The settings promise (a microtask) still settles before either fires.
 */
function runAfter(delayMs: number, callback: () => void): ScheduledRun {
  if (delayMs <= 0) {
    const immediate = setImmediate(callback);
    return { cancel: () => clearImmediate(immediate) };
  }
  const timeout = setTimeout(callback, delayMs);
  return { cancel: () => clearTimeout(timeout) };
}

interface DocumentState {
  document: TextDocument;
  entry: CacheEntry | undefined;
  timer: ScheduledRun | undefined;
  running: boolean;
  /** A change arrived while an analysis was running; analyse again when it ends. */
  rerun: boolean;
  /** Bumped when the settings change, so a run that started under the old settings is not kept. */
  generation: number;
  waiters: Waiter[];
}

export interface AnalysisCacheOptions {
  /** Runs the analysis, in a worker thread or in process, keeping per-document incremental state. */
  runner: AnalysisRunner;
  settingsFor(uri: string): Promise<EffectiveSettings>;
  /** Called after each fresh analysis that was kept (not dropped as stale). */
  onAnalysed(entry: CacheEntry): void;
  logError(message: string): void;
}

/** Articles shorter than this are analysed at once; longer ones wait for a pause in typing. */
const ADAPTIVE_IMMEDIATE_LIMIT = 20_000;
const ADAPTIVE_MAX_DELAY_MS = 1_000;

/**
 * The adaptive debounce: nothing for a normal article, then about one millisecond per kilobyte,
 * so that analysing a long document never runs on every keystroke.
 */
export function debounceDelay(debounceMs: number | null, length: number): number {
  if (debounceMs !== null) {
    return debounceMs;
  }
  if (length < ADAPTIVE_IMMEDIATE_LIMIT) {
    return 0;
  }
  return Math.min(ADAPTIVE_MAX_DELAY_MS, Math.round(length / 1024));
}

/** UTF-8 size, computed only when the cheap bounds (1 to 3 bytes per UTF-16 unit) cannot decide. */
export function exceedsSize(text: string, maxBytes: number): { exceeds: boolean; bytes: number } {
  if (text.length > maxBytes) {
    return { exceeds: true, bytes: text.length };
  }
  if (text.length * 3 <= maxBytes) {
    return { exceeds: false, bytes: Buffer.byteLength(text, 'utf8') };
  }
  const bytes = Buffer.byteLength(text, 'utf8');
  return { exceeds: bytes > maxBytes, bytes };
}

/** An Analysis with nothing in it, for documents that were not analysed (too large, failed). */
export function emptyAnalysis(length: number): Analysis {
  return {
    length,
    articleDate: null,
    paragraphs: [],
    sentences: [],
    quotes: [],
    entities: [],
    attributions: [],
    claims: [],
    findings: [],
  };
}

export class AnalysisCache {
  private readonly states = new Map<string, DocumentState>();
  private serial = 0;

  constructor(private readonly options: AnalysisCacheOptions) {}

  /** Number of documents with a cached analysis; the debug request reports it. */
  get cachedUris(): string[] {
    return [...this.states.entries()].filter(([, state]) => state.entry !== undefined).map(([uri]) => uri);
  }

  get analysingUris(): string[] {
    return [...this.states.entries()].filter(([, state]) => state.running).map(([uri]) => uri);
  }

  get openUris(): string[] {
    return [...this.states.keys()];
  }

  document(uri: string): TextDocument | undefined {
    return this.states.get(uri)?.document;
  }

  /** The entry for the document's current version, if it has been analysed already. */
  current(uri: string): CacheEntry | undefined {
    const state = this.states.get(uri);
    if (state?.entry !== undefined && state.entry.version === state.document.version) {
      return state.entry;
    }
    return undefined;
  }

  open(document: TextDocument): void {
    const previous = this.states.get(document.uri);
    if (previous !== undefined) {
      this.dispose(previous, 'closed');
    }
    this.states.set(document.uri, {
      document,
      entry: undefined,
      timer: undefined,
      running: false,
      rerun: false,
      generation: 0,
      waiters: [],
    });
    this.schedule(document.uri);
  }

  change(document: TextDocument): void {
    const state = this.states.get(document.uri);
    if (state === undefined) {
      this.open(document);
      return;
    }
    state.document = document;
    // Anyone still waiting for an older version will never get it.
    this.settleWaiters(state, (waiter) => (waiter.version < document.version ? 'stale' : undefined));
    this.schedule(document.uri);
  }

  close(uri: string): void {
    const state = this.states.get(uri);
    if (state !== undefined) {
      this.dispose(state, 'closed');
      this.states.delete(uri);
      this.options.runner.forget(uri);
    }
  }

  /** Drops every entry and analyses all open documents again, e.g. after a settings change. */
  invalidateAll(): void {
    for (const [uri, state] of this.states) {
      state.entry = undefined;
      state.generation++;
      this.schedule(uri, 0);
    }
  }

  invalidate(uri: string): void {
    const state = this.states.get(uri);
    if (state !== undefined) {
      state.entry = undefined;
      state.generation++;
      this.schedule(uri, 0);
    }
  }

  /**
   * The entry for the document's current version. When that version is still waiting for its
   * debounced analysis, the caller waits for it rather than analysing inside a request handler;
   * if the document changes again meanwhile, the caller gets 'stale'.
   */
  async whenAnalysed(uri: string, version?: number): Promise<EntryOutcome> {
    const state = this.states.get(uri);
    if (state === undefined) {
      return 'closed';
    }
    const wanted = version ?? state.document.version;
    if (wanted !== state.document.version) {
      return 'stale';
    }
    if (state.entry?.version === wanted) {
      return state.entry;
    }
    if (state.timer === undefined && !state.running) {
      // Nothing is on its way (a run was dropped as stale); schedule one so the wait ends.
      this.schedule(uri, 0);
    }
    return new Promise<EntryOutcome>((resolve) => state.waiters.push({ version: wanted, resolve }));
  }

  private schedule(uri: string, forcedDelay?: number): void {
    const state = this.states.get(uri);
    if (state === undefined) {
      return;
    }
    state.timer?.cancel();
    const settingsPromise = this.options.settingsFor(uri);
    const length = state.document.getText().length;
    // The delay needs the settings; they are cached after the first call, so this resolves at once.
    state.timer = runAfter(forcedDelay ?? 0, () => {
      state.timer = undefined;
      void this.run(uri, state);
    });
    if (forcedDelay !== undefined) {
      return;
    }
    const timerBeforeSettings = state.timer;
    settingsPromise.then(
      (settings) => {
        const delay = debounceDelay(settings.debounceMs, length);
        // Re-arm with the real delay unless the timer already fired or was replaced.
        if (delay > 0 && state.timer === timerBeforeSettings && state.timer !== undefined) {
          state.timer.cancel();
          state.timer = runAfter(delay, () => {
            state.timer = undefined;
            void this.run(uri, state);
          });
        }
      },
      () => undefined,
    );
  }

  private async run(uri: string, state: DocumentState): Promise<void> {
    if (this.states.get(uri) !== state) {
      return;
    }
    if (state.running) {
      // One analysis per document at a time: the newest version goes next, the ones between are skipped.
      state.rerun = true;
      return;
    }
    state.running = true;
    traceEdit('run');
    try {
      const version = state.document.version;
      const generation = state.generation;
      const settings = await this.options.settingsFor(uri);
      traceEdit('settings');
      // Drop the work if the document changed or closed while the settings were fetched.
      if (this.states.get(uri) !== state || state.document.version !== version) {
        return;
      }
      const entry = await this.buildEntry(uri, version, state.document.getText(), settings);
      if (this.states.get(uri) !== state || state.document.version !== version) {
        return;
      }
      if (state.generation !== generation) {
        // The settings changed during the run; this result used the old ones.
        state.rerun = true;
        return;
      }
      traceEdit('entry');
      state.entry = entry;
      this.settleWaiters(state, (waiter) =>
        waiter.version === version ? entry : waiter.version < version ? 'stale' : undefined,
      );
      this.options.onAnalysed(entry);
    } catch (error) {
      if (!(error instanceof AnalysisSupersededError)) {
        this.options.logError(`News Claims: analysing ${uri} failed: ${describeError(error)}`);
      }
      // Nobody may wait forever for a run that failed: they get the empty answer of a closed document.
      this.settleWaiters(state, () => 'closed');
    } finally {
      state.running = false;
      if (state.rerun && this.states.get(uri) === state) {
        state.rerun = false;
        if (state.entry === undefined || state.entry.version !== state.document.version) {
          this.schedule(uri);
        }
      }
    }
  }

  private async buildEntry(
    uri: string,
    version: number,
    text: string,
    settings: EffectiveSettings,
  ): Promise<CacheEntry> {
    const size = exceedsSize(text, settings.maxDocumentSize);
    const base = {
      serial: ++this.serial,
      uri,
      version,
      text,
      sizeBytes: size.bytes,
      maxDocumentSize: settings.maxDocumentSize,
      config: settings.config,
      failure: null,
    };
    if (size.exceeds) {
      return {
        ...base,
        status: 'too-large',
        analysis: emptyAnalysis(text.length),
        positions: positionAdapterFor(''),
        derived: new Map(),
      };
    }
    traceEdit('size');
    const positions = positionAdapterFor(text);
    traceEdit('positions');
    // A byte-order mark is replaced by a space of the same length, so offsets still match the document.
    const analysed = text.charCodeAt(0) === 0xfeff ? ' ' + text.slice(1) : text;
    try {
      const analysis = await this.options.runner.analyse(uri, analysed, settings.config);
      return { ...base, status: 'ok', analysis, positions, derived: new Map() };
    } catch (error) {
      if (error instanceof AnalysisSupersededError) {
        // The document closed while this ran; run() drops the result without a word.
        throw error;
      }
      this.options.logError(`News Claims: the analysis of ${uri} (version ${version}) failed: ${describeError(error)}`);
      const failure = error instanceof Error ? (error.message.split('\n')[0] ?? error.message) : String(error);
      return {
        ...base,
        status: 'failed',
        failure,
        analysis: emptyAnalysis(text.length),
        positions,
        derived: new Map(),
      };
    }
  }

  private settleWaiters(state: DocumentState, decide: (waiter: Waiter) => EntryOutcome | undefined): void {
    const remaining: Waiter[] = [];
    for (const waiter of state.waiters) {
      const outcome = decide(waiter);
      if (outcome === undefined) {
        remaining.push(waiter);
      } else {
        waiter.resolve(outcome);
      }
    }
    state.waiters = remaining;
  }

  private dispose(state: DocumentState, outcome: 'closed'): void {
    state.timer?.cancel();
    state.timer = undefined;
    state.entry = undefined;
    this.settleWaiters(state, () => outcome);
  }
}

export function describeError(error: unknown): string {
  if (error instanceof Error) {
    return error.stack ?? `${error.name}: ${error.message}`;
  }
  return String(error);
}
