// The cross-article index inside the server, over the protocol: a temporary workspace of the
// harbour fixture articles (test/fixtures/cross) on disk, indexed in the background with
// `$/progress`, kept current by watched-file events and open documents, and read by diagnostics,
// workspace symbols, references, hovers and the workspace-mode requests.
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { after, before, describe, it } from 'node:test';
import type {
  ClientCapabilities,
  Diagnostic,
  Hover,
  Location,
  SymbolInformation,
} from 'vscode-languageserver-protocol';
import type { WorkspaceFiguresResult, WorkspaceSourcesResult } from '../../server/src/protocol';
import { PULL_CAPABILITIES, PUSH_CAPABILITIES, start, type ProtocolClient } from './harness';
import { LineIndex } from '../../server/src/lineIndex';
import { positionOf, rangeOf } from './helpers';

const CROSS_FIXTURES = path.resolve(__dirname, '../fixtures/cross');
const HARBOUR = ['harbour-a.md', 'harbour-b.md', 'harbour-c.md'];

function cross(name: string): string {
  return readFileSync(path.join(CROSS_FIXTURES, name), 'utf8');
}

/** A client that shows progress and watches files, as VS Code does. */
function withProgress(capabilities: ClientCapabilities): ClientCapabilities {
  return {
    ...capabilities,
    window: { workDoneProgress: true },
    workspace: { ...capabilities.workspace, didChangeWatchedFiles: { dynamicRegistration: true } },
  };
}

interface TempWorkspace {
  folder: string;
  folderUri: string;
  uri(name: string): string;
  write(name: string, text: string): void;
  dispose(): void;
}

/**
 * The three harbour articles at the root, plus one copy under `drafts/` and one under `old/` with
 * a spelling of their own ("Andrej"), which only shows up if an excluded folder was indexed.
 */
function harbourWorkspace(): TempWorkspace {
  const folder = mkdtempSync(path.join(tmpdir(), 'news-claims-index-'));
  const workspace: TempWorkspace = {
    folder,
    folderUri: pathToFileURL(folder).toString(),
    uri: (name) => pathToFileURL(path.join(folder, name)).toString(),
    write(name, text) {
      mkdirSync(path.dirname(path.join(folder, name)), { recursive: true });
      writeFileSync(path.join(folder, name), text);
    },
    dispose: () => rmSync(folder, { recursive: true, force: true }),
  };
  for (const name of HARBOUR) {
    workspace.write(name, cross(name));
  }
  const stray = cross('harbour-b.md').replaceAll('Andrei', 'Andrej');
  workspace.write('drafts/harbour-draft.md', stray);
  workspace.write('old/harbour-old.md', stray);
  workspace.write('notes.json', '{ "not": "an article" }');
  return workspace;
}

const EXCLUDES = { exclude: ['drafts/**'] };
const FILES_EXCLUDE = { '**/old': true, '**/.git': true };

async function startIndexed(
  workspace: TempWorkspace,
  capabilities: ClientCapabilities,
  settings: Record<string, unknown> = EXCLUDES,
): Promise<ProtocolClient> {
  const client = start();
  client.settings = settings;
  client.filesExclude = FILES_EXCLUDE;
  await client.initialize(withProgress(capabilities), {
    rootUri: workspace.folderUri,
    workspaceFolders: [{ uri: workspace.folderUri, name: 'harbour' }],
    // Clients without workspace/configuration (Neovim, Helix) send their settings here.
    initializationOptions: { canWriteConfig: false, settings },
  });
  await client.waitFor(() => client.progress.some((entry) => entry.value.kind === 'end'), 'the index build to end');
  return client;
}

function sources(client: ProtocolClient): Promise<WorkspaceSourcesResult | null> {
  return client.request<WorkspaceSourcesResult | null>('newsClaims/workspaceSources');
}

async function waitForIndexed(client: ProtocolClient, count: number): Promise<void> {
  const deadline = Date.now() + 10_000;
  for (;;) {
    const result = await sources(client);
    if (result?.indexed === count && !result.building) {
      return;
    }
    if (Date.now() > deadline) {
      throw new Error(`the index holds ${String(result?.indexed)} articles, not ${count}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

function crossFindings(diagnostics: Diagnostic[]): Diagnostic[] {
  return diagnostics.filter(
    (diagnostic) => diagnostic.code === 'name-variant' || diagnostic.code === 'figure-mismatch',
  );
}

void describe('the cross-article index over the protocol', () => {
  let workspace: TempWorkspace;
  let client: ProtocolClient;

  before(async () => {
    workspace = harbourWorkspace();
    client = await startIndexed(workspace, PULL_CAPABILITIES);
  });
  after(async () => {
    await client.shutdown();
    workspace.dispose();
  });

  void it('reports the build with $/progress begin and end, and says when the index changed', async () => {
    const kinds = client.progress.map((entry) => entry.value.kind);
    assert.equal(kinds[0], 'begin');
    assert.equal(kinds[kinds.length - 1], 'end');
    assert.match(client.progress[0]?.value.title ?? '', /indexing/);
    await client.waitFor(
      () => client.indexUpdates.some((update) => !update.building && update.indexed === 3),
      'a workspaceIndexUpdated notification for the finished build',
    );
  });

  void it('indexes the article files on disk and honours newsClaims.exclude and files.exclude', async () => {
    const result = await sources(client);
    assert.ok(result !== null);
    assert.equal(result.indexed, 3);
    assert.equal(result.building, false);
    const admiral = result.sources.find((source) => source.name === 'Andrey Sokolin');
    assert.ok(admiral, 'the admiral is a source under the majority spelling');
    assert.equal(admiral.kind, 'person');
    assert.deepEqual(admiral.variants.sort(), ['Andrei Sokolin', 'Sokolin']);
    assert.equal(admiral.articleCount, 3);
    const claim = admiral.claims.find((item) => item.uri === workspace.uri('harbour-c.md'));
    assert.ok(claim);
    // The range of a claim in a closed file covers the claim's own words.
    const textC = cross('harbour-c.md');
    const lines = new LineIndex(textC);
    const claimText = textC.slice(lines.offsetAt(claim.range.start), lines.offsetAt(claim.range.end));
    assert.equal(claimText.replace(/\s+/g, ' ').slice(0, 60), claim.text.slice(0, 60));
    assert.ok(claimText.includes('340 vessels'));
    assert.equal(
      result.sources.some((source) => source.variants.includes('Andrej Sokolin')),
      false,
      'drafts/ and old/ are excluded',
    );
  });

  void it('registers a watcher for article files', () => {
    const globs = JSON.stringify(client.registrationOptions);
    assert.match(globs, /\*\*\/\*\.\{news,article,txt,md\}/);
  });

  void it('puts name-variant and figure-mismatch on the open article, related to the other articles', async () => {
    const textB = cross('harbour-b.md');
    await client.open(workspace.uri('harbour-b.md'), textB, 'markdown');
    const diagnostics = crossFindings(await client.waitForDiagnostics(workspace.uri('harbour-b.md')));
    const variant = diagnostics.find((diagnostic) => diagnostic.code === 'name-variant');
    assert.ok(variant, 'Andrei Sokolin is a name variant');
    assert.deepEqual(variant.range, rangeOf(textB, 'Andrei Sokolin'));
    const relatedA = variant.relatedInformation?.find((info) => info.location.uri === workspace.uri('harbour-a.md'));
    assert.ok(relatedA, 'related information points at harbour-a.md');
    // A closed file's location has its real line and column, from the index's line-start table.
    assert.deepEqual(relatedA.location.range, rangeOf(cross('harbour-a.md'), 'Andrey Sokolin'));
    const mismatch = diagnostics.find((diagnostic) => diagnostic.code === 'figure-mismatch');
    assert.ok(mismatch, '1,900 containers disagrees with 2,300 in harbour-a.md');
    assert.deepEqual(mismatch.range, rangeOf(textB, '1,900 containers'));
    const related = mismatch.relatedInformation?.[0];
    assert.equal(related?.location.uri, workspace.uri('harbour-a.md'));
    assert.equal(related?.location.range.start.line, positionOf(cross('harbour-a.md'), 'Port officials').line);
  });

  void it('finds people and organisations with workspace/symbol, with their article counts', async () => {
    const symbols = await client.request<SymbolInformation[]>('workspace/symbol', { query: 'sokolin' });
    const admiral = symbols.find((symbol) => symbol.name === 'Andrey Sokolin');
    assert.ok(admiral);
    assert.equal(admiral.containerName, '3 articles');
    // A variant spelling finds the same cluster.
    const byVariant = await client.request<SymbolInformation[]>('workspace/symbol', { query: 'Andrei' });
    assert.deepEqual(
      byVariant.map((symbol) => symbol.name),
      ['Andrey Sokolin'],
    );
    const ministry = await client.request<SymbolInformation[]>('workspace/symbol', { query: 'defence ministry' });
    assert.equal(ministry[0]?.containerName, '3 articles');
  });

  void it('lists every mention of a name across the workspace as references', async () => {
    const textB = cross('harbour-b.md');
    const locations = await client.request<Location[]>('textDocument/references', {
      textDocument: { uri: workspace.uri('harbour-b.md') },
      position: positionOf(textB, 'Andrei Sokolin', 3),
      context: { includeDeclaration: true },
    });
    const files = new Set(locations.map((location) => path.basename(new URL(location.uri).pathname)));
    assert.deepEqual([...files].sort(), HARBOUR);
    const inC = locations.filter((location) => location.uri === workspace.uri('harbour-c.md'));
    assert.deepEqual(
      inC.map((location) => location.range),
      [rangeOf(cross('harbour-c.md'), 'Andrey Sokolin', 0), rangeOf(cross('harbour-c.md'), 'Andrey Sokolin', 1)],
    );
  });

  void it('hovering a figure lists the same measure in the other articles with their sources', async () => {
    const textB = cross('harbour-b.md');
    const hover = await client.request<Hover | null>('textDocument/hover', {
      textDocument: { uri: workspace.uri('harbour-b.md') },
      position: positionOf(textB, '1,900 containers', 2),
    });
    const markdown =
      hover !== null && typeof hover.contents === 'object' && 'value' in hover.contents ? hover.contents.value : '';
    assert.match(markdown, /Same measure in 1 other article/);
    assert.match(markdown, /`2,300 containers` in \[harbour-a\.md:7\]/);
    assert.match(markdown, /attributed to Port officials/);
  });

  void it('answers the workspace figures request with the conflicting measure first', async () => {
    const result = await client.request<WorkspaceFiguresResult | null>('newsClaims/workspaceFigures');
    assert.ok(result !== null);
    const first = result.measures[0];
    assert.equal(first?.unit, 'container');
    assert.equal(first?.conflict, true);
    assert.deepEqual(first?.figures.map((figure) => figure.text).sort(), ['1,900 containers', '2,300 containers']);
    const vessels = result.measures.find((measure) => measure.unit === 'vessel');
    assert.equal(vessels?.conflict, false);
  });

  void it('takes created, changed and deleted files from watched-file notifications', async () => {
    workspace.write('harbour-d.md', cross('harbour-c.md').replace('June 15', 'June 16'));
    await client.notify('workspace/didChangeWatchedFiles', {
      changes: [{ uri: workspace.uri('harbour-d.md'), type: 1 }],
    });
    await waitForIndexed(client, 4);

    // Deleting harbour-a.md takes its 2,300 containers away: the open article's conflict goes.
    unlinkSync(path.join(workspace.folder, 'harbour-a.md'));
    await client.notify('workspace/didChangeWatchedFiles', {
      changes: [{ uri: workspace.uri('harbour-a.md'), type: 3 }],
    });
    await waitForIndexed(client, 3);
    let diagnostics = crossFindings(await client.waitForDiagnostics(workspace.uri('harbour-b.md')));
    assert.equal(
      diagnostics.some((diagnostic) => diagnostic.code === 'figure-mismatch'),
      false,
    );

    // A changed file on disk is read again: now harbour-c.md disagrees with 1,900 containers.
    workspace.write(
      'harbour-c.md',
      `${cross('harbour-c.md')}\nPort officials said the harbour handled 2,600 containers in the first week of the operation.\n`,
    );
    await client.notify('workspace/didChangeWatchedFiles', {
      changes: [{ uri: workspace.uri('harbour-c.md'), type: 2 }],
    });
    await client.waitFor(() => client.indexUpdates.length > 0, 'an index update');
    const deadline = Date.now() + 10_000;
    do {
      diagnostics = crossFindings(await client.waitForDiagnostics(workspace.uri('harbour-b.md')));
      if (diagnostics.some((diagnostic) => diagnostic.code === 'figure-mismatch')) break;
      await new Promise((resolve) => setTimeout(resolve, 20));
    } while (Date.now() < deadline);
    const mismatch = diagnostics.find((diagnostic) => diagnostic.code === 'figure-mismatch');
    assert.equal(mismatch?.relatedInformation?.[0]?.location.uri, workspace.uri('harbour-c.md'));
  });
});

void describe('open articles and the cross-article index (push diagnostics)', () => {
  void it('re-publishes the other open article when an edit changes its cross-article findings', async () => {
    const workspace = harbourWorkspace();
    // A push client has no files.exclude to offer; newsClaims.exclude leaves out both stray copies.
    const client = await startIndexed(workspace, PUSH_CAPABILITIES, { exclude: ['drafts/**', 'old'] });
    try {
      const textA = cross('harbour-a.md');
      const textB = cross('harbour-b.md');
      await client.open(workspace.uri('harbour-a.md'), textA, 'markdown');
      await client.open(workspace.uri('harbour-b.md'), textB, 'markdown');
      const containers = rangeOf(textA, '2,300 containers');
      const containerConflicts = (diagnostics: Diagnostic[]): Diagnostic[] =>
        diagnostics.filter(
          (diagnostic) =>
            diagnostic.code === 'figure-mismatch' && JSON.stringify(diagnostic.range) === JSON.stringify(containers),
        );
      const before = await client.waitForDiagnostics(workspace.uri('harbour-a.md'));
      assert.equal(containerConflicts(before).length, 1);
      const published = client.lastPublished(workspace.uri('harbour-a.md'));

      // Unsaved: harbour-b.md now agrees with harbour-a.md on the containers.
      await client.change(workspace.uri('harbour-b.md'), 2, [{ range: rangeOf(textB, '1,900'), text: '2,300' }]);
      await client.waitFor(
        () => client.lastPublished(workspace.uri('harbour-a.md')) !== published,
        'harbour-a.md to be published again',
      );
      const afterEdit = client.lastPublished(workspace.uri('harbour-a.md'))?.diagnostics ?? [];
      assert.deepEqual(containerConflicts(afterEdit), []);

      // Closing the edited article without saving brings back the file on disk, and the conflict.
      const beforeClose = client.lastPublished(workspace.uri('harbour-a.md'));
      await client.close(workspace.uri('harbour-b.md'));
      await client.waitFor(
        () => client.lastPublished(workspace.uri('harbour-a.md')) !== beforeClose,
        'harbour-a.md to be published again after the close',
      );
      const afterClose = client.lastPublished(workspace.uri('harbour-a.md'))?.diagnostics ?? [];
      assert.equal(containerConflicts(afterClose).length, 1);
    } finally {
      await client.shutdown();
      workspace.dispose();
    }
  });
});

void describe('an edited open article and the cross-article index (push diagnostics)', () => {
  void it('re-publishes the other open article while the writer keeps typing in a short one', async () => {
    const workspace = harbourWorkspace();
    const client = await startIndexed(workspace, PUSH_CAPABILITIES, { exclude: ['drafts/**', 'old'] });
    try {
      const textA = cross('harbour-a.md');
      const textB = cross('harbour-b.md');
      const uriA = workspace.uri('harbour-a.md');
      const uriB = workspace.uri('harbour-b.md');
      await client.open(uriA, textA, 'markdown');
      await client.open(uriB, textB, 'markdown');
      const containers = rangeOf(textA, '2,300 containers');
      const conflicts = (): number =>
        (client.lastPublished(uriA)?.diagnostics ?? []).filter(
          (diagnostic) =>
            diagnostic.code === 'figure-mismatch' && JSON.stringify(diagnostic.range) === JSON.stringify(containers),
        ).length;
      await client.waitFor(() => conflicts() === 1, 'the containers conflict in harbour-a.md');

      // harbour-b.md now agrees, and the writer goes on typing in it (a space typed and deleted at
      // its end every 40 ms). A short article goes into the index right after each edit's
      // diagnostics, so harbour-a.md must lose its conflict while the typing goes on; a document
      // that waited for a pause in the typing would not be taken in before the typing stopped.
      let version = 2;
      let text = textB.replace('1,900', '2,300');
      await client.change(uriB, version, [{ range: rangeOf(textB, '1,900'), text: '2,300' }]);
      let republishedWhileTyping = false;
      for (let keystroke = 0; keystroke < 80 && !republishedWhileTyping; keystroke++) {
        const end = new LineIndex(text).positionAt(text.length);
        version++;
        if (keystroke % 2 === 0) {
          await client.change(uriB, version, [{ range: { start: end, end }, text: ' ' }]);
          text += ' ';
        } else {
          const before = new LineIndex(text).positionAt(text.length - 1);
          await client.change(uriB, version, [{ range: { start: before, end }, text: '' }]);
          text = text.slice(0, -1);
        }
        await new Promise((resolve) => setTimeout(resolve, 40));
        republishedWhileTyping = conflicts() === 0;
      }
      assert.ok(republishedWhileTyping, 'harbour-a.md kept its conflict for as long as the typing went on');
    } finally {
      await client.shutdown();
      workspace.dispose();
    }
  });

  void it('shows its cross-article findings at their new place right after an edit before them', async () => {
    const workspace = harbourWorkspace();
    const client = await startIndexed(workspace, PUSH_CAPABILITIES, { exclude: ['drafts/**', 'old'] });
    try {
      const textA = cross('harbour-a.md');
      await client.open(workspace.uri('harbour-a.md'), textA, 'markdown');
      await client.open(workspace.uri('harbour-b.md'), cross('harbour-b.md'), 'markdown');
      const conflictsAt = (diagnostics: Diagnostic[], text: string): Diagnostic[] =>
        diagnostics.filter(
          (diagnostic) =>
            diagnostic.code === 'figure-mismatch' &&
            JSON.stringify(diagnostic.range) === JSON.stringify(rangeOf(text, '2,300 containers')),
        );
      await client.waitFor(
        () => conflictsAt(client.lastPublished(workspace.uri('harbour-a.md'))?.diagnostics ?? [], textA).length === 1,
        'the containers conflict in harbour-a.md',
      );
      // A paragraph typed at the top moves everything below it two lines down. The index takes the
      // new version only once typing pauses; the diagnostics of this version must not wait for it,
      // nor show the conflict at its old place.
      const inserted = 'Port officials gave an update on Friday.\n\n';
      await client.change(workspace.uri('harbour-a.md'), 2, [
        { range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, text: inserted },
      ]);
      const edited = inserted + textA;
      const afterEdit = await client.waitForDiagnostics(workspace.uri('harbour-a.md'), 2);
      assert.equal(conflictsAt(afterEdit, edited).length, 1);
      assert.deepEqual(conflictsAt(afterEdit, textA), []);
    } finally {
      await client.shutdown();
      workspace.dispose();
    }
  });
});

void describe('newsClaims.crossArticle.enabled = false', () => {
  void it('reads no files, answers null and adds no cross-article findings; switching it on builds the index', async () => {
    const workspace = harbourWorkspace();
    const client = start();
    client.settings = { crossArticle: { enabled: false } };
    try {
      await client.initialize(withProgress(PULL_CAPABILITIES), {
        rootUri: workspace.folderUri,
        workspaceFolders: [{ uri: workspace.folderUri, name: 'harbour' }],
      });
      await client.open(workspace.uri('harbour-b.md'), cross('harbour-b.md'), 'markdown');
      const diagnostics = await client.waitForDiagnostics(workspace.uri('harbour-b.md'));
      assert.ok(diagnostics.length > 0, 'the article still gets its own findings');
      assert.deepEqual(crossFindings(diagnostics), []);
      assert.equal(await sources(client), null);
      assert.equal(await client.request('newsClaims/workspaceFigures'), null);
      assert.deepEqual(await client.request('workspace/symbol', { query: 'Sokolin' }), []);
      assert.deepEqual(client.progress, [], 'no build ran');

      client.settings = {};
      await client.notify('workspace/didChangeConfiguration', { settings: {} });
      await client.waitFor(() => client.progress.some((entry) => entry.value.kind === 'end'), 'the build to end');
      await waitForIndexed(client, 5);
      const deadline = Date.now() + 10_000;
      let found: Diagnostic[] = [];
      do {
        found = crossFindings(await client.waitForDiagnostics(workspace.uri('harbour-b.md')));
        if (found.length > 0) break;
        await new Promise((resolve) => setTimeout(resolve, 20));
      } while (Date.now() < deadline);
      assert.ok(found.some((diagnostic) => diagnostic.code === 'name-variant'));

      client.settings = { crossArticle: { enabled: false } };
      await client.notify('workspace/didChangeConfiguration', { settings: {} });
      await client.waitFor(() => client.indexUpdates.some((update) => update.indexed === 0), 'the index to be dropped');
      assert.equal(await sources(client), null);
    } finally {
      await client.shutdown();
      workspace.dispose();
    }
  });
});
