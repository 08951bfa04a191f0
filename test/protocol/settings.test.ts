// Settings over the protocol: editor settings (pulled per resource, or pushed by clients without
// configuration support), `.newsclaims.json` on disk and its watcher, the size cap, the
// common-knowledge command, the cache's life cycle and requests for stale versions.
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, it } from 'node:test';
import type { ApplyWorkspaceEditParams, Diagnostic, Hover, CreateFile } from 'vscode-languageserver-protocol';
import { ADD_COMMON_KNOWLEDGE_COMMAND, type DebugCacheResult, type FiguresResult } from '../../server/src/protocol';
import { PULL_CAPABILITIES, PUSH_CAPABILITIES, applyContentChanges, start, type ProtocolClient } from './harness';
import { describeAll, expectedDiagnostics, fixture } from './helpers';

const BRIEFING = fixture('military-briefing.news');

function withWorkspace(): { folder: string; folderUri: string; uri: (name: string) => string; dispose: () => void } {
  const folder = mkdtempSync(path.join(tmpdir(), 'news-claims-protocol-'));
  return {
    folder,
    folderUri: pathToFileURL(folder).toString(),
    uri: (name) => pathToFileURL(path.join(folder, name)).toString(),
    dispose: () => rmSync(folder, { recursive: true, force: true }),
  };
}

/** The most frequent finding code in a set of diagnostics; the settings tests switch it around. */
function someCode(diagnostics: Diagnostic[]): string {
  const code = diagnostics[0]?.code;
  assert.ok(typeof code === 'string', 'the fixture article must produce at least one finding');
  return code;
}

function codes(diagnostics: Diagnostic[]): string[] {
  return diagnostics.map((diagnostic) => String(diagnostic.code));
}

/** Makes the harness apply workspace edits to files on disk, as an editor that saves at once would. */
function applyEditsOnDisk(client: ProtocolClient, seen: ApplyWorkspaceEditParams[]): void {
  client.onApplyEdit = (params) => {
    seen.push(params);
    for (const change of params.edit.documentChanges ?? []) {
      if ('kind' in change) {
        const create = change as CreateFile;
        writeFileSync(new URL(create.uri), '', { flag: 'a' });
        continue;
      }
      const edit = change;
      const file = new URL(edit.textDocument.uri);
      const before = readFileSync(file, 'utf8');
      const after = applyContentChanges(
        before,
        edit.edits.map((textEdit) => ({ range: textEdit.range, text: 'newText' in textEdit ? textEdit.newText : '' })),
      );
      writeFileSync(file, after);
    }
    return { applied: true };
  };
}

void describe('editor settings', () => {
  void it('changes a severity, then switches the code off, after didChangeConfiguration (pull)', async () => {
    const client = start();
    const uri = 'file:///articles/settings.news';
    try {
      await client.initialize(PULL_CAPABILITIES);
      await client.open(uri, BRIEFING);
      const baseline = await client.waitForDiagnostics(uri);
      const code = someCode(baseline);
      client.settings = { severity: { [code]: 'error' } };
      await client.notify('workspace/didChangeConfiguration', { settings: null });
      const raised = await client.waitForDiagnostics(uri);
      assert.deepEqual(codes(raised), codes(baseline));
      assert.ok(raised.filter((d) => d.code === code).every((d) => d.severity === 1));
      client.settings = { severity: { [code]: 'off' } };
      await client.notify('workspace/didChangeConfiguration', { settings: null });
      const off = await client.waitForDiagnostics(uri);
      assert.deepEqual(
        codes(off),
        codes(baseline).filter((c) => c !== code),
      );
    } finally {
      await client.shutdown();
    }
  });

  void it('takes settings pushed by a client without configuration support (push)', async () => {
    const client = start();
    const uri = 'file:///articles/pushed.news';
    try {
      await client.initialize(PUSH_CAPABILITIES);
      await client.open(uri, BRIEFING);
      const baseline = await client.waitForDiagnostics(uri, 1);
      const code = someCode(baseline);
      await client.notify('workspace/didChangeConfiguration', {
        settings: { newsClaims: { severity: { [code]: 'hint' } } },
      });
      // Settings do not change the version, so wait for a new publication of version 1.
      await client.waitFor(
        () => (client.lastPublished(uri)?.diagnostics ?? []).some((d) => d.code === code && d.severity === 4),
        'diagnostics with the new severity',
      );
      const hinted = client.lastPublished(uri)?.diagnostics ?? [];
      assert.ok(hinted.filter((d) => d.code === code).every((d) => d.severity === 4));
    } finally {
      await client.shutdown();
    }
  });

  void it('reads settings from initializationOptions when the client has no configuration support', async () => {
    const client = start();
    const uri = 'file:///articles/init-options.news';
    try {
      await client.initialize(PUSH_CAPABILITIES, {
        initializationOptions: { canWriteConfig: false, settings: { maxDocumentSize: 100 } },
      });
      await client.open(uri, BRIEFING);
      const diagnostics = await client.waitForDiagnostics(uri, 1);
      assert.deepEqual(codes(diagnostics), ['document-too-large']);
    } finally {
      await client.shutdown();
    }
  });

  void it('falls back to the defaults when the client never answers workspace/configuration', async () => {
    const client = start();
    const uri = 'file:///articles/silent-client.news';
    try {
      client.connection.onRequest('workspace/configuration', () => new Promise(() => undefined));
      await client.initialize(PULL_CAPABILITIES);
      await client.open(uri, BRIEFING);
      const diagnostics = await client.waitForDiagnostics(uri);
      assert.deepEqual(describeAll(diagnostics), expectedDiagnostics(BRIEFING));
      await client.waitFor(() => client.messages.length > 0, 'a message');
      assert.match(client.messages[0]?.message ?? '', /could not read the editor settings .*did not answer/);
    } finally {
      await client.shutdown();
    }
  });

  void it('reports an invalid setting by name and keeps the defaults', async () => {
    const client = start();
    const uri = 'file:///articles/invalid-setting.news';
    try {
      await client.initialize(PULL_CAPABILITIES);
      client.settings = { debounceMs: 'soon', severity: { 'unattributed-figure': 'loud' } };
      await client.open(uri, 'The council said on Monday that 40 homes were flooded.');
      await client.waitForDiagnostics(uri);
      await client.waitFor(() => client.messages.length >= 2, 'two messages');
      const text = client.messages.map((message) => message.message).join('\n');
      assert.match(text, /newsClaims\.debounceMs/);
      assert.match(text, /Setting newsClaims.*severity\.unattributed-figure/);
      assert.ok(
        client.messages.every((message) => message.type === 2),
        'warnings expected',
      );
    } finally {
      await client.shutdown();
    }
  });
});

void describe('.newsclaims.json', () => {
  void it('applies the file, and re-reads it after didChangeWatchedFiles', async () => {
    const workspace = withWorkspace();
    const client = start();
    const uri = workspace.uri('story.news');
    const configFile = path.join(workspace.folder, '.newsclaims.json');
    try {
      await client.initialize(PULL_CAPABILITIES, { workspaceFolders: [{ uri: workspace.folderUri, name: 'ws' }] });
      await client.open(uri, BRIEFING);
      const baseline = await client.waitForDiagnostics(uri);
      const code = someCode(baseline);
      writeFileSync(configFile, JSON.stringify({ severity: { [code]: 'off' } }, null, 2));
      await client.notify('workspace/didChangeWatchedFiles', {
        changes: [{ uri: pathToFileURL(configFile).toString(), type: 1 }],
      });
      const off = await client.waitForDiagnostics(uri);
      assert.deepEqual(
        codes(off),
        codes(baseline).filter((c) => c !== code),
      );
      writeFileSync(configFile, '{\n  // back to the defaults\n}\n');
      await client.notify('workspace/didChangeWatchedFiles', {
        changes: [{ uri: pathToFileURL(configFile).toString(), type: 2 }],
      });
      assert.deepEqual(codes(await client.waitForDiagnostics(uri)), codes(baseline));
    } finally {
      await client.shutdown();
      workspace.dispose();
    }
  });

  void it('reads the file of a workspace folder added after start-up', async () => {
    const workspace = withWorkspace();
    const client = start();
    const uri = workspace.uri('story.news');
    try {
      const capabilities = structuredClone(PULL_CAPABILITIES);
      if (capabilities.workspace !== undefined) {
        capabilities.workspace.workspaceFolders = true;
      }
      await client.initialize(capabilities);
      await client.open(uri, BRIEFING);
      const baseline = await client.waitForDiagnostics(uri);
      const code = someCode(baseline);
      writeFileSync(path.join(workspace.folder, '.newsclaims.json'), JSON.stringify({ severity: { [code]: 'off' } }));
      await client.notify('workspace/didChangeWorkspaceFolders', {
        event: { added: [{ uri: workspace.folderUri, name: 'ws' }], removed: [] },
      });
      assert.deepEqual(
        codes(await client.waitForDiagnostics(uri)),
        codes(baseline).filter((c) => c !== code),
      );
    } finally {
      await client.shutdown();
      workspace.dispose();
    }
  });

  void it('names the file and the key of an invalid value', async () => {
    const workspace = withWorkspace();
    const client = start();
    const configFile = path.join(workspace.folder, '.newsclaims.json');
    try {
      writeFileSync(configFile, '{ "severity": { "unattributed-figure": "loud" }, "colour": "red" }');
      await client.initialize(PULL_CAPABILITIES, { workspaceFolders: [{ uri: workspace.folderUri, name: 'ws' }] });
      await client.open(workspace.uri('story.news'), 'Prices rose by 4 percent in May.');
      await client.waitForDiagnostics(workspace.uri('story.news'));
      await client.waitFor(() => client.messages.length >= 2, 'two messages');
      const text = client.messages.map((message) => message.message).join('\n');
      assert.ok(text.includes(configFile), text);
      assert.match(text, /severity\.unattributed-figure/);
      assert.match(text, /colour/);
    } finally {
      await client.shutdown();
      workspace.dispose();
    }
  });
});

void describe('size cap', () => {
  void it('shows one diagnostic at the top instead of analysing, and analyses again once the text is small', async () => {
    const client = start();
    const uri = 'file:///articles/large.news';
    try {
      await client.initialize(PULL_CAPABILITIES);
      client.settings = { maxDocumentSize: 1000 };
      const large = BRIEFING.repeat(3);
      await client.open(uri, large);
      const diagnostics = await client.waitForDiagnostics(uri);
      assert.equal(diagnostics.length, 1);
      const [only] = diagnostics;
      assert.equal(only?.code, 'document-too-large');
      assert.deepEqual(only?.range, { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } });
      assert.match(only?.message ?? '', /newsClaims\.maxDocumentSize/);
      const hover = await client.request<Hover | null>('textDocument/hover', {
        textDocument: { uri },
        position: { line: 2, character: 10 },
      });
      assert.equal(hover, null);
      const figures = await client.request<FiguresResult>('newsClaims/figures', { uri });
      assert.deepEqual(figures.figures, []);
      await client.change(uri, 2, [{ text: 'Prices rose by 4 percent in May.' }]);
      const small = await client.waitForDiagnostics(uri);
      assert.ok(!small.some((d) => d.code === 'document-too-large'));
    } finally {
      await client.shutdown();
    }
  });
});

void describe('common knowledge command', () => {
  void it('creates .newsclaims.json through workspace/applyEdit, then adds to it keeping other keys', async () => {
    const workspace = withWorkspace();
    const client = start();
    const edits: ApplyWorkspaceEditParams[] = [];
    const configFile = path.join(workspace.folder, '.newsclaims.json');
    try {
      applyEditsOnDisk(client, edits);
      await client.initialize(PULL_CAPABILITIES, {
        workspaceFolders: [{ uri: workspace.folderUri, name: 'ws' }],
        initializationOptions: { canWriteConfig: true },
      });
      const uri = workspace.uri('story.news');
      await client.open(uri, BRIEFING);
      await client.request('workspace/executeCommand', {
        command: ADD_COMMON_KNOWLEDGE_COMMAND,
        arguments: [{ uri, phrase: 'water boils at 100 degrees' }],
      });
      assert.equal(edits.length, 1);
      assert.deepEqual(JSON.parse(readFileSync(configFile, 'utf8')), {
        commonKnowledge: ['water boils at 100 degrees'],
      });

      writeFileSync(
        configFile,
        '{\n  // kept\n  "severity": { "name-variant": "hint" },\n  "commonKnowledge": ["a"]\n}\n',
      );
      await client.request('workspace/executeCommand', {
        command: ADD_COMMON_KNOWLEDGE_COMMAND,
        arguments: [{ uri, phrase: 'Paris is in France' }],
      });
      assert.equal(edits.length, 2);
      const text = readFileSync(configFile, 'utf8');
      assert.ok(text.includes('// kept'), text);
      assert.ok(text.includes('"severity": { "name-variant": "hint" }'), text);
      assert.ok(text.includes('"commonKnowledge": ["a", "Paris is in France"]'), text);
    } finally {
      await client.shutdown();
      workspace.dispose();
    }
  });

  void it('refuses with a message and changes nothing for a document that is not on disk', async () => {
    const workspace = withWorkspace();
    const client = start();
    const edits: ApplyWorkspaceEditParams[] = [];
    try {
      applyEditsOnDisk(client, edits);
      await client.initialize(PULL_CAPABILITIES, { workspaceFolders: [{ uri: workspace.folderUri, name: 'ws' }] });
      await client.request('workspace/executeCommand', {
        command: ADD_COMMON_KNOWLEDGE_COMMAND,
        arguments: [{ uri: 'untitled:Untitled-1', phrase: 'the sky is blue' }],
      });
      await client.waitFor(() => client.messages.length > 0, 'a message');
      assert.match(client.messages[0]?.message ?? '', /saved on disk/);
      assert.equal(edits.length, 0);
    } finally {
      await client.shutdown();
      workspace.dispose();
    }
  });

  void it('offers "Treat as common knowledge" on an unattributed claim, and applying it removes the diagnostic', async () => {
    const workspace = withWorkspace();
    const client = start();
    const edits: ApplyWorkspaceEditParams[] = [];
    try {
      applyEditsOnDisk(client, edits);
      const { uri, claim, actions } = await actionsOnUnattributedClaim(client, workspace, true);
      const common = actions.find((action) => action.title === 'Treat as common knowledge');
      assert.ok(common?.command, 'expected the common-knowledge action');
      await client.request('workspace/executeCommand', common.command);
      assert.equal(edits.length, 1);
      const afterFix = await client.waitForDiagnostics(uri);
      assert.ok(
        !afterFix.some(
          (d) =>
            d.code === 'unattributed-claim' &&
            d.range.start.line === claim.range.start.line &&
            d.range.start.character === claim.range.start.character,
        ),
      );
    } finally {
      await client.shutdown();
      workspace.dispose();
    }
  });

  void it('does not offer "Treat as common knowledge" when the client says it cannot write configuration', async () => {
    const workspace = withWorkspace();
    const client = start();
    try {
      const { actions } = await actionsOnUnattributedClaim(client, workspace, false);
      assert.ok(actions.length > 0, 'the other quick-fixes are still offered');
      assert.ok(!actions.some((action) => action.title === 'Treat as common knowledge'));
    } finally {
      await client.shutdown();
      workspace.dispose();
    }
  });
});

void describe('cache life cycle and stale versions', () => {
  void it('frees the cache entry when a document closes', async () => {
    const client = start();
    try {
      await client.initialize(PULL_CAPABILITIES);
      await client.open('file:///a.news', BRIEFING);
      await client.open('file:///b.news', 'Prices rose by 4 percent in May, the agency said.');
      await client.waitForDiagnostics('file:///a.news');
      await client.waitForDiagnostics('file:///b.news');
      const both = await client.request<DebugCacheResult>('newsClaims/debugCache');
      assert.deepEqual([...both.cached].sort(), ['file:///a.news', 'file:///b.news']);
      await client.close('file:///a.news');
      const one = await client.request<DebugCacheResult>('newsClaims/debugCache');
      assert.deepEqual(one, { open: ['file:///b.news'], cached: ['file:///b.news'], analysing: [] });
    } finally {
      await client.shutdown();
    }
  });

  void it('answers a request for an outdated version with ContentModified', async () => {
    const client = start();
    const uri = 'file:///stale.news';
    try {
      await client.initialize(PULL_CAPABILITIES);
      await client.open(uri, BRIEFING);
      await client.waitForDiagnostics(uri);
      await client.change(uri, 2, [
        { range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, text: 'NEW ' },
      ]);
      await assert.rejects(client.request('newsClaims/claims', { uri, version: 1 }), (error: { code?: number }) => {
        assert.equal(error.code, -32801);
        return true;
      });
      const current = await client.request<{ version: number }>('newsClaims/claims', { uri, version: 2 });
      assert.equal(current.version, 2);
    } finally {
      await client.shutdown();
    }
  });

  void it('asks a pull client to retry a diagnostic request overtaken by an edit (ServerCancelled)', async () => {
    const client = start();
    const uri = 'file:///overtaken.news';
    const long = `${BRIEFING}\n\n`.repeat(150);
    try {
      await client.initialize(PULL_CAPABILITIES);
      client.settings = { debounceMs: 0 };
      await client.open(uri, long);
      // Asked for version 1, which is still being analysed when version 2 arrives.
      const overtaken = client.request('textDocument/diagnostic', { textDocument: { uri } });
      await client.change(uri, 2, [
        { range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, text: 'NEW ' },
      ]);
      await assert.rejects(overtaken, (error: { code?: number; data?: unknown }) => {
        assert.equal(error.code, -32802);
        assert.deepEqual(error.data, { retriggerRequest: true });
        return true;
      });
      const report = await client.request<{ kind: string; items: unknown[] }>('textDocument/diagnostic', {
        textDocument: { uri },
      });
      assert.equal(report.kind, 'full');
    } finally {
      await client.shutdown();
    }
  });
});

/**
 * Opens the briefing in a workspace folder, finds an unattributed claim, and
 * returns the code actions offered on it, for a client that can or cannot write configuration.
 */
async function actionsOnUnattributedClaim(
  client: ProtocolClient,
  workspace: ReturnType<typeof withWorkspace>,
  canWriteConfig: boolean,
): Promise<{
  uri: string;
  claim: Diagnostic;
  actions: Array<{ title: string; command?: { command: string; arguments?: unknown[] } }>;
}> {
  await client.initialize(PULL_CAPABILITIES, {
    workspaceFolders: [{ uri: workspace.folderUri, name: 'ws' }],
    initializationOptions: { canWriteConfig },
  });
  const uri = workspace.uri('story.news');
  await client.open(uri, BRIEFING);
  const diagnostics = await client.waitForDiagnostics(uri);
  const claim = diagnostics.find((d) => d.code === 'unattributed-claim');
  assert.ok(claim, `expected an unattributed-claim; got ${codes(diagnostics).join(', ')}`);
  const actions = await client.request<Array<{ title: string; command?: { command: string; arguments?: unknown[] } }>>(
    'textDocument/codeAction',
    { textDocument: { uri }, range: claim.range, context: { diagnostics: [claim] } },
  );
  return { uri, claim, actions };
}
