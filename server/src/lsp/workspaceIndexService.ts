// The cross-article index inside the language server. It owns one `WorkspaceIndex` for the
// whole workspace and keeps it current: a background build reads every article file on disk,
// watched-file events add, change and remove files, and open documents feed it from their live
// analyses (an open document always wins over its file on disk).
//
// Closed files are analysed by a runner of their own (a second worker thread), so a build never
// queues in front of the analysis of the document being typed. A few files are in flight at a
// time and each result is folded in as its own event, so editor requests interleave with a build.
// Article texts are never kept: the index holds records and a small line-start table per file.
import { promises as fs, statSync } from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { Range } from 'vscode-languageserver/node';
import type { Analysis, Finding, NewsClaimsConfig, Span } from '../analysis';
import { readArticle } from '../cli/files';
import { WorkspaceIndex } from '../workspace/index';
import type { AnalysisRunner } from './analysisWorker';
import { describeError } from './documents';
import { moveFindings, SpanMover } from './movedFindings';
import { compactPositionsFor, type CompactPositions } from './positions';
import { excludeMatcher, isArticleFileFor, relativePathIn } from './workspaceFiles';

/** What the index needs to know about one workspace folder before it reads anything. */
export interface FolderSettings {
  uri: string;
  enabled: boolean;
  languages: string[];
  /** `newsClaims.exclude` and the enabled `files.exclude` globs together. */
  exclude: string[];
  maxDocumentSize: number;
  config: NewsClaimsConfig;
}

export interface ProgressReporter {
  begin(title: string, percentage?: number, message?: string): void;
  report(percentage: number, message?: string): void;
  done(): void;
}

export interface WorkspaceIndexHost {
  folders(): string[];
  /** The settings of each workspace folder (the first folder's cross-article switch and clusters rule). */
  folderSettings(folderUri: string): Promise<FolderSettings>;
  /**
   * True while the user is typing (an open document changed moments ago or is being analysed).
   * The build starts no new file then, so the two cores go to the article being edited.
   */
  editorBusy(): boolean;
  /** The runner that analyses closed files; created when the index is first needed. */
  createRunner(): AnalysisRunner;
  /** A `$/progress` reporter (a silent one when the client shows no progress). */
  createProgress(): Promise<ProgressReporter>;
  log(message: string): void;
  /** The findings of some open documents may have changed; re-publish those that did. */
  findingsMayHaveChanged(): void;
  /** The index changed; sent on to the client throttled. */
  indexChanged(): void;
}

/** Closed files waiting for or in the worker at once: enough that the worker never waits for the next file. */
const FILES_IN_FLIGHT = 4;
/** How often a build paused for typing looks again. */
const EDITOR_BUSY_RETRY_MS = 50;
/**
 * How often the index looks whether typing has paused, so that it can take the newest analyses of
 * the open documents that changed. Feeding it is not on the path from an edit to its diagnostics.
 */
const OPEN_FEED_RETRY_MS = 100;
/**
 * An open document up to this many characters (a long article) goes into the index right after
 * its diagnostics, without waiting for typing to pause: taking it in costs about a millisecond per
 * 5 KB, so it never holds up the next keystroke, and the other open articles learn of the edit at
 * once. Longer documents (live blogs, 100 KB took 10–18 ms) wait for the pause.
 */
const IMMEDIATE_FEED_MAX_LENGTH = 32 * 1024;
/**
 * The closed-file worker ends after this long without work, so that its heap (the analysis of
 * thousands of files leaves a large one) is given back; a later file change starts it again.
 */
const IDLE_WORKER_MS = 5_000;
/** Folders never walked, as `news-claims check` skips them. */
const SKIPPED_FOLDERS = new Set(['node_modules']);

interface ArticleState {
  positions: CompactPositions;
  open: boolean;
}

export class WorkspaceIndexService {
  private index: WorkspaceIndex | null = null;
  private runner: AnalysisRunner | null = null;
  private folders: FolderSettings[] = [];
  private readonly articles = new Map<string, ArticleState>();
  /** Open documents with their latest analysis, so that a rebuild can take them in again. */
  private readonly openAnalyses = new Map<string, { analysis: Analysis; text: string; positions: CompactPositions }>();
  /** Per open document in the index, the text its records were made from (the analysis it last took). */
  private readonly fedTexts = new Map<string, string>();
  /** Open documents whose newest analysis the index has not taken yet; it takes them when typing pauses. */
  private readonly pendingOpen = new Set<string>();
  private feedTimer: NodeJS.Timeout | undefined;
  private immediateFeed: NodeJS.Immediate | undefined;
  /** Bumped whenever a file's disk work must be dropped (opened, deleted, queued again). */
  private readonly fileTokens = new Map<string, number>();
  private queue: string[] = [];
  private queued = new Set<string>();
  private inFlight = 0;
  /** Bumped by every rebuild and by disabling, so work of an older index is dropped. */
  private generation = 0;
  private signature = '';
  private building = false;
  /** True while the build still walks the folders, so the build cannot end before every file is queued. */
  private walking = false;
  private buildTotal = 0;
  private buildDone = 0;
  private progress: ProgressReporter | null = null;
  private lastProgressReport = 0;
  private readonly reportedFiles = new Set<string>();
  private idleTimer: NodeJS.Timeout | undefined;
  private resumeTimer: NodeJS.Timeout | undefined;

  constructor(private readonly host: WorkspaceIndexHost) {}

  get enabled(): boolean {
    return this.index !== null;
  }

  get isBuilding(): boolean {
    return this.building;
  }

  get indexed(): number {
    return this.index?.size ?? 0;
  }

  /** The index, or null when the cross-article features are off. Callers must not keep it. */
  get current(): WorkspaceIndex | null {
    return this.index;
  }

  /**
   * Reads the settings and starts, stops or rebuilds the index when they changed in a way that
   * matters to it (the switch, the files read, the analysis configuration); otherwise does nothing.
   */
  async configure(): Promise<void> {
    const folderUris = this.host.folders();
    const folders = await Promise.all(folderUris.map((uri) => this.host.folderSettings(uri)));
    // With no folder open, the switch still decides whether open documents are compared.
    const enabled = folders.length === 0 ? await this.enabledWithoutFolders() : folders[0]?.enabled === true;
    const signature = JSON.stringify({ enabled, folders });
    if (signature === this.signature) {
      return;
    }
    this.signature = signature;
    this.folders = folders;
    if (!enabled) {
      this.disable();
      return;
    }
    this.rebuild();
  }

  private async enabledWithoutFolders(): Promise<boolean> {
    const settings = await this.host.folderSettings('');
    return settings.enabled;
  }

  /** Drops the index and everything it read, and stops the worker: with the feature off, memory stays flat. */
  private disable(): void {
    this.generation++;
    const hadIndex = this.index !== null;
    this.index = null;
    this.articles.clear();
    this.fileTokens.clear();
    this.queue = [];
    this.queued.clear();
    this.forgetPendingFeeds();
    this.finishBuild();
    this.runner?.dispose();
    this.runner = null;
    if (hadIndex) {
      this.host.findingsMayHaveChanged();
      this.host.indexChanged();
    }
  }

  private rebuild(): void {
    this.generation++;
    const clusters = this.folders[0]?.config.clusters ?? { merge: [], split: [] };
    this.index = new WorkspaceIndex({ merge: clusters.merge ?? [], split: clusters.split ?? [] });
    this.articles.clear();
    this.fileTokens.clear();
    this.queue = [];
    this.queued.clear();
    this.forgetPendingFeeds();
    for (const [uri, open] of this.openAnalyses) {
      if (this.accepts(uri)) {
        this.index.update(uri, open.analysis, open.text);
        this.articles.set(uri, { positions: open.positions, open: true });
        this.fedTexts.set(uri, open.text);
      }
    }
    this.host.findingsMayHaveChanged();
    void this.build(this.generation);
  }

  /** Walks every folder, then analyses the files found in the background with `$/progress`. */
  private async build(generation: number): Promise<void> {
    this.building = true;
    this.buildDone = 0;
    this.buildTotal = 0;
    this.host.indexChanged();
    const progress = await this.host.createProgress().catch((error: unknown) => {
      this.host.log(`News Claims: the client refused a progress token: ${describeError(error)}`);
      return null;
    });
    if (generation !== this.generation) {
      progress?.done();
      return;
    }
    this.progress = progress;
    progress?.begin('News Claims: indexing articles', 0, 'looking for articles');
    const found: string[] = [];
    this.walking = true;
    try {
      for (const folder of this.folders) {
        await this.walk(folder, found, generation);
        if (generation !== this.generation) {
          return;
        }
      }
    } finally {
      // A newer build may be walking by now; only this build's own walk ends here.
      if (generation === this.generation) {
        this.walking = false;
      }
    }
    this.buildTotal += found.length;
    for (const uri of found) {
      this.enqueue(uri);
    }
    this.pump();
  }

  private async walk(folder: FolderSettings, found: string[], generation: number): Promise<void> {
    let root: string;
    try {
      root = fileURLToPath(folder.uri);
    } catch {
      // A virtual workspace (no local file system) has nothing to read; open documents still count.
      return;
    }
    const excluded = excludeMatcher(folder.exclude);
    const pending = [''];
    while (pending.length > 0 && generation === this.generation) {
      const relativeFolder = pending.pop() ?? '';
      let entries: import('node:fs').Dirent[];
      try {
        entries = await fs.readdir(path.join(root, relativeFolder), { withFileTypes: true });
      } catch (error) {
        this.reportFile(path.join(root, relativeFolder), `cannot read folder: ${describeError(error)}`);
        continue;
      }
      entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
      for (const entry of entries) {
        const relative = relativeFolder === '' ? entry.name : `${relativeFolder}/${entry.name}`;
        if (entry.isDirectory()) {
          if (!entry.name.startsWith('.') && !SKIPPED_FOLDERS.has(entry.name) && !excluded(relative)) {
            pending.push(relative);
          }
        } else if (entry.isFile() && isArticleFileFor(entry.name, folder.languages) && !excluded(relative)) {
          found.push(pathToFileURL(path.join(root, relative)).toString());
        }
      }
    }
  }

  /** The folder settings that govern a URI, when the index takes it at all (an article not excluded). */
  private folderOf(uri: string): FolderSettings | undefined {
    let best: FolderSettings | undefined;
    for (const folder of this.folders) {
      if (
        relativePathIn(folder.uri, uri) !== undefined &&
        (best === undefined || folder.uri.length > best.uri.length)
      ) {
        best = folder;
      }
    }
    return best;
  }

  private accepts(uri: string): boolean {
    const folder = this.folderOf(uri);
    if (folder === undefined) {
      // An open document outside every folder (untitled, or a file opened on its own) is compared too.
      return true;
    }
    const relative = relativePathIn(folder.uri, uri) ?? '';
    const name = relative.slice(relative.lastIndexOf('/') + 1);
    return isArticleFileFor(name, folder.languages) && !excludeMatcher(folder.exclude)(relative);
  }

  private acceptsFromDisk(uri: string): FolderSettings | undefined {
    const folder = this.folderOf(uri);
    if (folder === undefined || !uri.startsWith('file:')) {
      return undefined;
    }
    const relative = relativePathIn(folder.uri, uri) ?? '';
    const name = relative.slice(relative.lastIndexOf('/') + 1);
    const hidden = relative
      .split('/')
      .some((part, index, parts) => index < parts.length - 1 && (part.startsWith('.') || SKIPPED_FOLDERS.has(part)));
    if (hidden || !isArticleFileFor(name, folder.languages) || excludeMatcher(folder.exclude)(relative)) {
      return undefined;
    }
    return folder;
  }

  private enqueue(uri: string): void {
    this.fileTokens.set(uri, (this.fileTokens.get(uri) ?? 0) + 1);
    if (!this.queued.has(uri)) {
      this.queued.add(uri);
      this.queue.push(uri);
    }
  }

  private pump(): void {
    if (this.queue.length > 0 && this.host.editorBusy()) {
      // Files already sent finish; the rest wait until typing pauses.
      if (this.resumeTimer === undefined) {
        this.resumeTimer = setTimeout(() => {
          this.resumeTimer = undefined;
          this.pump();
        }, EDITOR_BUSY_RETRY_MS);
      }
      return;
    }
    while (this.inFlight < FILES_IN_FLIGHT && this.queue.length > 0) {
      const uri = this.queue.shift();
      if (uri === undefined) {
        break;
      }
      this.queued.delete(uri);
      this.inFlight++;
      const generation = this.generation;
      void this.indexFile(uri, generation).finally(() => {
        this.inFlight--;
        if (generation === this.generation) {
          this.buildDone++;
          this.reportProgress();
          this.pump();
        }
      });
    }
    if (this.inFlight === 0 && this.queue.length === 0 && this.building && !this.walking) {
      this.finishBuild();
      this.host.indexChanged();
      this.host.findingsMayHaveChanged();
    }
    if (this.inFlight === 0 && this.queue.length === 0 && this.runner !== null) {
      this.stopWorkerWhenIdle();
    }
  }

  private stopWorkerWhenIdle(): void {
    if (this.idleTimer !== undefined) {
      clearTimeout(this.idleTimer);
    }
    this.idleTimer = setTimeout(() => {
      this.idleTimer = undefined;
      if (this.inFlight === 0 && this.queue.length === 0) {
        this.runner?.dispose();
        this.runner = null;
      }
    }, IDLE_WORKER_MS);
    // The timer alone must not keep a server whose client has gone alive.
    this.idleTimer.unref();
  }

  private reportProgress(): void {
    if (!this.building || this.progress === null) {
      return;
    }
    const now = Date.now();
    // A report per file would flood the client; a few per second are enough for a progress bar.
    if (now - this.lastProgressReport < 250) {
      return;
    }
    this.lastProgressReport = now;
    const total = Math.max(this.buildTotal, 1);
    this.progress.report(
      Math.min(100, Math.floor((100 * this.buildDone) / total)),
      `${this.buildDone} of ${this.buildTotal} articles`,
    );
    this.host.indexChanged();
    this.host.findingsMayHaveChanged();
  }

  private finishBuild(): void {
    this.building = false;
    this.progress?.done();
    this.progress = null;
  }

  /** Reads, analyses and indexes one closed file; anything that changed meanwhile drops the result. */
  private async indexFile(uri: string, generation: number): Promise<void> {
    const token = this.fileTokens.get(uri);
    const folder = this.acceptsFromDisk(uri);
    const stillWanted = (): boolean =>
      generation === this.generation && this.fileTokens.get(uri) === token && this.articles.get(uri)?.open !== true;
    if (folder === undefined || !stillWanted()) {
      return;
    }
    const text = this.read(uri, folder.maxDocumentSize);
    if (!stillWanted()) {
      return;
    }
    if (text === undefined) {
      this.forgetFile(uri);
      return;
    }
    const runner = (this.runner ??= this.host.createRunner());
    let analysis: Analysis;
    try {
      analysis = await runner.analyse(uri, text, folder.config);
    } catch (error) {
      this.reportFile(fileURLToPath(uri), `not indexed: the analysis failed (${describeError(error).split('\n')[0]})`);
      this.forgetFile(uri);
      return;
    } finally {
      // Closed files are analysed once; the worker keeps no incremental state for them.
      runner.forget(uri);
    }
    if (!stillWanted() || this.index === null) {
      return;
    }
    this.index.update(uri, analysis, text);
    this.articles.set(uri, { positions: compactPositionsFor(text), open: false });
    if (!this.building) {
      this.host.indexChanged();
      this.host.findingsMayHaveChanged();
    }
  }

  /**
   * The text of an article file, or undefined (said once in the log) when it cannot be indexed.
   * Read as `news-claims check` reads it (binary and non-UTF-8 files refused, a byte-order mark
   * dropped as editors drop it). Synchronous on purpose: an article is a few kilobytes, and the
   * promise API's open/stat/read/close round trips cost about 1 ms of main-thread time per file in
   * a CPU profile of a 1,500-file build, more than the blocking read itself, and left the worker idle.
   */
  private read(uri: string, maxBytes: number): string | undefined {
    const file = fileURLToPath(uri);
    try {
      const size = statSync(file).size;
      if (size > maxBytes) {
        this.reportFile(file, `not indexed: ${size} bytes is over newsClaims.maxDocumentSize`);
        return undefined;
      }
    } catch {
      // Deleted since it was listed: the watcher's delete event follows, or it already came.
      return undefined;
    }
    const read = readArticle(file);
    if (!read.ok) {
      this.reportFile(file, `not indexed: ${read.message}`);
      return undefined;
    }
    return read.text;
  }

  private reportFile(file: string, message: string): void {
    const line = `News Claims: ${file}: ${message}`;
    if (!this.reportedFiles.has(line)) {
      this.reportedFiles.add(line);
      this.host.log(line);
    }
  }

  private forgetFile(uri: string): void {
    if (this.articles.has(uri)) {
      this.index?.remove(uri);
      this.articles.delete(uri);
      this.host.indexChanged();
      this.host.findingsMayHaveChanged();
    }
  }

  /** A watched file was created, changed or deleted (LSP FileChangeType 1, 2, 3). */
  fileChanged(uri: string, type: 1 | 2 | 3): void {
    if (this.index === null || this.articles.get(uri)?.open === true) {
      // Off, or open: the live analysis of an open document wins over its file on disk.
      return;
    }
    if (type === 3) {
      this.fileTokens.set(uri, (this.fileTokens.get(uri) ?? 0) + 1);
      this.forgetFile(uri);
      return;
    }
    if (this.acceptsFromDisk(uri) === undefined) {
      return;
    }
    this.enqueue(uri);
    if (this.building) {
      this.buildTotal++;
    }
    this.pump();
  }

  /**
   * An open document's fresh analysis replaces whatever the index held for it: at once when the
   * index holds nothing of it as an open document yet (it was just opened, so its first
   * diagnostics carry its cross-article findings), otherwise when typing pauses, so that an edit's
   * diagnostics do not wait for the index. Until then `findingsFor` moves the document's findings
   * onto its newest text. `positions` is the cache entry's own position adapter, so an edit does
   * not scan the text for line starts twice.
   */
  documentAnalysed(uri: string, analysis: Analysis, text: string, positions: CompactPositions): void {
    // Kept (the cache holds the same objects) so that switching the feature on takes open documents in.
    this.openAnalyses.set(uri, { analysis, text, positions });
    if (this.index === null || !this.accepts(uri)) {
      return;
    }
    if (!this.fedTexts.has(uri)) {
      this.feedOpen(uri);
      this.host.findingsMayHaveChanged();
      return;
    }
    this.pendingOpen.add(uri);
    if (text.length <= IMMEDIATE_FEED_MAX_LENGTH) {
      this.scheduleImmediateFeed();
    } else {
      this.scheduleOpenFeed();
    }
  }

  /** The index takes the newest analysis of one open document. */
  private feedOpen(uri: string): void {
    const open = this.openAnalyses.get(uri);
    this.pendingOpen.delete(uri);
    if (this.index === null || open === undefined || !this.accepts(uri)) {
      return;
    }
    this.fileTokens.set(uri, (this.fileTokens.get(uri) ?? 0) + 1);
    this.index.update(uri, open.analysis, open.text);
    this.articles.set(uri, { positions: open.positions, open: true });
    this.fedTexts.set(uri, open.text);
    this.host.indexChanged();
  }

  /**
   * Feeds the pending open documents once the current task is over, that is after the caller has
   * built and sent the edit's diagnostics (which meanwhile carry the moved findings).
   */
  private scheduleImmediateFeed(): void {
    if (this.immediateFeed !== undefined) {
      return;
    }
    this.immediateFeed = setImmediate(() => {
      this.immediateFeed = undefined;
      // Only the short ones: a long document pending at the same time still waits for its typing
      // pause (`scheduleOpenFeed()` armed the timer when it became pending).
      this.feedPending((uri) => (this.openAnalyses.get(uri)?.text.length ?? 0) <= IMMEDIATE_FEED_MAX_LENGTH);
    });
  }

  /**
   * Takes the pending open documents that `include` accepts (all by default) into the index and
   * says that findings may have changed.
   */
  private feedPending(include: (uri: string) => boolean = () => true): void {
    let fed = false;
    for (const uri of [...this.pendingOpen]) {
      if (!include(uri)) continue;
      fed = true;
      try {
        this.feedOpen(uri);
      } catch (error) {
        // A timer has no caller to report to; the server keeps running on the index it has, and
        // one document that fails does not hold back the others.
        this.host.log(`News Claims: the cross-article index could not take ${uri}: ${describeError(error)}`);
      }
    }
    // Other articles' findings may name these, and theirs may have changed.
    if (fed) this.host.findingsMayHaveChanged();
  }

  private scheduleOpenFeed(): void {
    if (this.feedTimer !== undefined) {
      return;
    }
    this.feedTimer = setTimeout(() => {
      this.feedTimer = undefined;
      if (this.pendingOpen.size === 0) {
        return;
      }
      if (this.host.editorBusy()) {
        this.scheduleOpenFeed();
        return;
      }
      this.feedPending();
    }, OPEN_FEED_RETRY_MS);
  }

  private forgetPendingFeeds(): void {
    this.pendingOpen.clear();
    this.fedTexts.clear();
    if (this.feedTimer !== undefined) {
      clearTimeout(this.feedTimer);
      this.feedTimer = undefined;
    }
    if (this.immediateFeed !== undefined) {
      clearImmediate(this.immediateFeed);
      this.immediateFeed = undefined;
    }
  }

  /** An open document that could not be analysed contributes nothing until it can. */
  documentUnanalysed(uri: string): void {
    this.openAnalyses.delete(uri);
    this.pendingOpen.delete(uri);
    this.fedTexts.delete(uri);
    if (this.index !== null && this.articles.get(uri)?.open === true) {
      this.index.remove(uri);
      this.articles.set(uri, { positions: compactPositionsFor(''), open: true });
      this.host.indexChanged();
      this.host.findingsMayHaveChanged();
    }
  }

  /** A closed document goes back to its file on disk (which may differ from the unsaved buffer). */
  documentClosed(uri: string): void {
    this.openAnalyses.delete(uri);
    this.pendingOpen.delete(uri);
    this.fedTexts.delete(uri);
    if (this.index === null || this.articles.get(uri)?.open !== true) {
      return;
    }
    this.articles.delete(uri);
    this.index.remove(uri);
    this.host.indexChanged();
    this.host.findingsMayHaveChanged();
    if (this.acceptsFromDisk(uri) !== undefined) {
      this.enqueue(uri);
      this.pump();
    }
  }

  /**
   * Cross-article findings of one article (empty when the feature is off). For an open document
   * whose newest analysis the index has not taken yet, pass the text they are wanted for: they
   * are moved onto it (movedFindings.ts), and those that touch what changed are left out.
   */
  findingsFor(uri: string, text?: string): Finding[] {
    const findings = this.index?.findingsFor(uri) ?? [];
    const fedText = this.fedTexts.get(uri);
    if (findings.length === 0 || text === undefined || fedText === undefined || fedText === text) {
      return findings;
    }
    return moveFindings(uri, findings, fedText, text);
  }

  /**
   * Where a span of `text` lies in the version of the open document `uri` the index holds, or
   * null when the text there changed since; the span itself for any other article.
   */
  indexedSpan(uri: string, text: string, span: Span): Span | null {
    const fedText = this.fedTexts.get(uri);
    if (fedText === undefined || fedText === text) {
      return span;
    }
    // The mover from the newest text back to the indexed one: the same rule, the other way.
    return SpanMover.between(text, fedText).move({
      start: span.start,
      end: span.end,
    });
  }

  /** The range of a span in any indexed article, open or closed; undefined for an article the index does not hold. */
  rangeIn(uri: string, span: Span): Range | undefined {
    return this.articles.get(uri)?.positions.rangeOf(span);
  }

  dispose(): void {
    this.forgetPendingFeeds();
    if (this.idleTimer !== undefined) {
      clearTimeout(this.idleTimer);
    }
    if (this.resumeTimer !== undefined) {
      clearTimeout(this.resumeTimer);
    }
    this.generation++;
    this.finishBuild();
    this.runner?.dispose();
    this.runner = null;
  }
}
