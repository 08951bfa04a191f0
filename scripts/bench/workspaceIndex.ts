// The cross-article index inside the language server, at workspace scale: a folder of generated
// articles on disk, the bundled server started on it over stdio, and four numbers: how long the
// background build takes (from `initialized` to the `$/progress` end), how long an edit to one
// open article takes to change the cross-article findings of another open article, the peak RSS
// of the server process, and whether typing in an open article slows down while the index builds.
import { copyFileSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Diagnostic, Range } from 'vscode-languageserver-protocol';
import { LineIndex } from '../../server/src/lineIndex';
import { PUSH_CAPABILITIES, start, type ProtocolClient } from '../../test/protocol/harness';
import { loadFixtureCorpus } from './corpus';
import { generateArticles } from './generate';
import { summarise } from './latency';
import { verdict, type Report } from './report';
import { formatBytes, formatNumber, MEGABYTE } from './stats';

export interface WorkspaceIndexMeasurement {
  articles: number;
  bytes: number;
  /** From sending `initialized` to the `$/progress` end of the build. */
  buildMs: number;
  /** Edit to one open article → the other open article republished with changed cross-article findings. */
  crossUpdateMs: number[];
  /** Edit → diagnostics of a small open article while the index builds, and once it is idle. */
  editDuringBuildMs: number[];
  editIdleMs: number[];
  /** A hover on a figure of an open article that lists the same measure in other articles. */
  hoverMs: number[];
  /** Peak resident set size of the server process (VmHWM), worker threads included. */
  peakRssBytes: number | null;
  indexed: number;
}

const SETTINGS = { debounceMs: 0 };
const CROSS_EDITS = 20;
const HOVERS = 60;
const TYPING_EDITS = 40;
const EDIT_TIMEOUT_MS = 30_000;

function peakRss(pid: number): number | null {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const match = /VmHWM:\s+(\d+) kB/.exec(status);
    return match?.[1] === undefined ? null : Number(match[1]) * 1024;
  } catch {
    // Not Linux: the row says the number is missing rather than guessing it.
    return null;
  }
}

function rangeAt(text: string, phrase: string): Range {
  const offset = text.indexOf(phrase);
  if (offset < 0) {
    throw new Error(`"${phrase}" is not in the benchmark article`);
  }
  const lines = new LineIndex(text);
  return { start: lines.positionAt(offset), end: lines.positionAt(offset + phrase.length) };
}

/** Waits for diagnostics of `uri` at `version` (push), however many were published before. */
async function editAndWait(
  client: ProtocolClient,
  uri: string,
  version: number,
  range: Range,
  text: string,
): Promise<number> {
  const started = performance.now();
  await client.change(uri, version, [{ range, text }]);
  await client.waitForDiagnostics(uri, version, EDIT_TIMEOUT_MS);
  return performance.now() - started;
}

function containerConflicts(diagnostics: readonly Diagnostic[]): number {
  return diagnostics.filter(
    (diagnostic) => diagnostic.code === 'figure-mismatch' && diagnostic.message.includes('containers'),
  ).length;
}

export async function measureWorkspaceIndex(
  repoRoot: string,
  serverPath: string,
  articleCount: number,
): Promise<WorkspaceIndexMeasurement> {
  const folder = join(repoRoot, '.tmp', 'bench', 'workspace-index');
  rmSync(folder, { recursive: true, force: true });
  mkdirSync(folder, { recursive: true });
  const templates = loadFixtureCorpus(repoRoot).documents.map((document) => document.text);
  let bytes = 0;
  generateArticles(templates, articleCount).forEach((article, index) => {
    bytes += Buffer.byteLength(article);
    // Spread over folders of 500, as a newsroom archive by month would be.
    const subfolder = join(folder, `batch-${String(Math.floor(index / 500)).padStart(2, '0')}`);
    mkdirSync(subfolder, { recursive: true });
    writeFileSync(join(subfolder, `article-${String(index).padStart(5, '0')}.news`), article);
  });
  // Two of the project's own cross-article fixtures, which disagree on a container count.
  const crossFixtures = join(repoRoot, 'test', 'fixtures', 'cross');
  for (const name of ['harbour-a.md', 'harbour-b.md']) {
    copyFileSync(join(crossFixtures, name), join(folder, name));
  }
  const folderUri = pathToFileURL(folder).toString();
  const uriOf = (name: string): string => pathToFileURL(join(folder, name)).toString();

  const client = start({ serverPath });
  client.settings = SETTINGS;
  try {
    // A small article outside the folder is open while the index builds; typing in it is timed.
    const typingUri = 'untitled:bench-typing';
    const typingText = templates[0] ?? 'The council said on Monday that 40 homes were flooded.';
    await client.initialize(
      { ...PUSH_CAPABILITIES, window: { workDoneProgress: true } },
      {
        rootUri: folderUri,
        workspaceFolders: [{ uri: folderUri, name: 'bench' }],
        initializationOptions: { canWriteConfig: false, settings: SETTINGS },
      },
    );
    const initializedAt = performance.now();
    await client.open(typingUri, typingText, 'news-article', 1);
    await client.waitForDiagnostics(typingUri, 1, EDIT_TIMEOUT_MS);

    // Type a word and take it out again, alternately, for as long as the build runs.
    const editDuringBuildMs: number[] = [];
    let version = 1;
    const insertAt: Range = { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };
    const typed: Range = { start: { line: 0, character: 0 }, end: { line: 0, character: 6 } };
    const buildEnded = (): boolean => client.progress.some((entry) => entry.value.kind === 'end');
    while (!buildEnded() && editDuringBuildMs.length < TYPING_EDITS * 10) {
      version++;
      editDuringBuildMs.push(
        await editAndWait(
          client,
          typingUri,
          version,
          version % 2 === 0 ? insertAt : typed,
          version % 2 === 0 ? 'Draft ' : '',
        ),
      );
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
    await client.waitFor(buildEnded, 'the index build to end', 10 * 60 * 1000);
    const endEntry = client.progress.find((entry) => entry.value.kind === 'end');
    const buildMs = endEntry === undefined ? Number.NaN : endEntry.receivedAt - initializedAt;

    const editIdleMs: number[] = [];
    for (let edit = 0; edit < TYPING_EDITS; edit++) {
      version++;
      editIdleMs.push(
        await editAndWait(
          client,
          typingUri,
          version,
          version % 2 === 0 ? insertAt : typed,
          version % 2 === 0 ? 'Draft ' : '',
        ),
      );
      await new Promise((resolve) => setTimeout(resolve, 25));
    }

    // Cross-article update: harbour-b's container count flips between disagreeing and agreeing
    // with harbour-a, and the time runs until harbour-a is republished with the change.
    const textA = readFileSync(join(folder, 'harbour-a.md'), 'utf8');
    const textB = readFileSync(join(folder, 'harbour-b.md'), 'utf8');
    await client.open(uriOf('harbour-a.md'), textA, 'markdown', 1);
    await client.open(uriOf('harbour-b.md'), textB, 'markdown', 1);
    await client.waitForDiagnostics(uriOf('harbour-b.md'), 1, EDIT_TIMEOUT_MS);
    await client.waitFor(
      () => containerConflicts(client.lastPublished(uriOf('harbour-a.md'))?.diagnostics ?? []) === 1,
      'harbour-a.md to show the container conflict',
      EDIT_TIMEOUT_MS,
    );
    const crossUpdateMs: number[] = [];
    const figureRange = rangeAt(textB, '1,900');
    for (let edit = 0; edit < CROSS_EDITS; edit++) {
      const agree = edit % 2 === 0;
      const republished = new Promise<number>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error('harbour-a.md was not republished')), EDIT_TIMEOUT_MS);
        const listener = (params: { uri: string; diagnostics: Diagnostic[] }): void => {
          if (params.uri === uriOf('harbour-a.md') && containerConflicts(params.diagnostics) === (agree ? 0 : 1)) {
            clearTimeout(timer);
            client.publishListeners.splice(client.publishListeners.indexOf(listener), 1);
            resolve(performance.now());
          }
        };
        client.publishListeners.push(listener);
      });
      const started = performance.now();
      await client.change(uriOf('harbour-b.md'), edit + 2, [{ range: figureRange, text: agree ? '2,300' : '1,900' }]);
      crossUpdateMs.push((await republished) - started);
    }
    // Hovers on harbour-a's container figure, which lists harbour-b's (the last edit left a conflict).
    const hoverMs: number[] = [];
    const hoverAt = rangeAt(textA, '2,300 containers').start;
    for (let hover = 0; hover < HOVERS; hover++) {
      const started = performance.now();
      await client.request('textDocument/hover', { textDocument: { uri: uriOf('harbour-a.md') }, position: hoverAt });
      hoverMs.push(performance.now() - started);
    }
    const sources = await client.request<{ indexed: number } | null>('newsClaims/workspaceSources');
    const peakRssBytes = peakRss(client.pid);
    return {
      articles: articleCount,
      bytes,
      buildMs,
      crossUpdateMs,
      editDuringBuildMs,
      editIdleMs,
      hoverMs,
      peakRssBytes,
      indexed: sources?.indexed ?? 0,
    };
  } finally {
    await client.shutdown();
    rmSync(folder, { recursive: true, force: true });
  }
}

const TARGET_BUILD_SECONDS = 15;
const TARGET_CROSS_UPDATE_MS = 200;
const TARGET_SERVER_RSS_MB = 400;
const TARGET_HOVER_P95_MS = 5;

/** The `workspaceIndex` section of `npm run bench`: its targets and its table. */
export async function workspaceIndexSection(
  report: Report,
  repoRoot: string,
  serverPath: string,
  articleCount: number,
): Promise<void> {
  if (!existsSync(serverPath)) {
    throw new Error('dist/server.js is not built (npm run build:prod).');
  }
  const measured = await measureWorkspaceIndex(repoRoot, serverPath, articleCount);
  const articles = measured.articles.toLocaleString('en-US');
  const seconds = measured.buildMs / 1000;
  const cross = summarise(measured.crossUpdateMs);
  const during = summarise(measured.editDuringBuildMs);
  const idle = summarise(measured.editIdleMs);
  report.addTarget({
    target: `server indexes ${articles} articles on disk ≤ ${TARGET_BUILD_SECONDS} s`,
    measured: `${formatNumber(seconds, 2)} s (${measured.indexed.toLocaleString('en-US')} indexed)`,
    verdict: verdict(seconds <= TARGET_BUILD_SECONDS && measured.indexed >= measured.articles),
  });
  report.addTarget({
    target: `edit → other open article's cross-article findings p95 ≤ ${TARGET_CROSS_UPDATE_MS} ms (${articles} indexed)`,
    measured: `${formatNumber(cross.p95, 1)} ms (p50 ${formatNumber(cross.p50, 1)}, n=${cross.count})`,
    verdict: verdict(cross.p95 <= TARGET_CROSS_UPDATE_MS),
  });
  const hover = summarise(measured.hoverMs);
  report.addTarget({
    target: `figure hover listing other articles p95 ≤ ${TARGET_HOVER_P95_MS} ms (${articles} indexed)`,
    measured: `${formatNumber(hover.p95, 2)} ms (p50 ${formatNumber(hover.p50, 2)}, n=${hover.count})`,
    verdict: verdict(hover.p95 <= TARGET_HOVER_P95_MS),
  });
  const rssMegabytes = measured.peakRssBytes === null ? null : measured.peakRssBytes / MEGABYTE;
  report.addTarget({
    target: `server peak RSS with ${articles} articles indexed ≤ ${TARGET_SERVER_RSS_MB} MB`,
    measured: rssMegabytes === null ? 'no /proc on this system' : `${formatNumber(rssMegabytes, 0)} MB`,
    verdict: rssMegabytes === null ? 'NOT MEASURED' : verdict(rssMegabytes <= TARGET_SERVER_RSS_MB),
  });
  const row = (what: string, stats: ReturnType<typeof summarise>): string[] => [
    what,
    formatNumber(stats.p50, 2),
    formatNumber(stats.p95, 2),
    formatNumber(stats.p99, 2),
    String(stats.count),
  ];
  report.addTable({
    title: 'Cross-article index in the language server',
    notes: [
      `${articles} articles generated from the fixtures (scripts/bench/generate.ts, ${formatBytes(measured.bytes)}) written to a folder, plus two of test/fixtures/cross; \`dist/server.js --stdio\` opened on it with push diagnostics and \`$/progress\`.`,
      `Build: from \`initialized\` to the progress \`end\`: ${formatNumber(seconds, 2)} s. Peak RSS: VmHWM of the server process (worker threads included): ${rssMegabytes === null ? 'n/a' : `${formatNumber(rssMegabytes, 0)} MB`}.`,
      'Typing: a word typed or deleted in a small open article outside the folder, edit → its diagnostics, while the index builds and once it is idle; the two rows share the machine with the same noise, so compare them as a ratio.',
      'Cross-article update: an open article changes a figure so that it agrees or disagrees with another open article; timed until the other article is republished with the changed finding.',
    ],
    headers: ['operation', 'p50 ms', 'p95 ms', 'p99 ms', 'n'],
    rows: [
      row('edit → diagnostics while the index builds', during),
      row('edit → diagnostics, index idle', idle),
      row('edit → other article republished', cross),
      row('hover on a figure (same measure elsewhere)', hover),
    ],
  });
}
