// The language server's features over the real protocol: the bundled dist/server.js runs as a
// child process and the harness talks to it as an editor would.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type {
  CodeAction,
  Diagnostic,
  DocumentSymbol,
  Hover,
  InitializeResult,
  MarkupContent,
  SemanticTokens,
  TextDocumentContentChangeEvent,
  TextEdit,
} from 'vscode-languageserver-protocol';
import {
  ADD_COMMON_KNOWLEDGE_COMMAND,
  SEMANTIC_TOKEN_MODIFIERS,
  SEMANTIC_TOKEN_TYPES,
  type ClaimsResult,
  type FiguresResult,
} from '../../server/src/protocol';
import { PULL_CAPABILITIES, PUSH_CAPABILITIES, start, type ProtocolClient } from './harness';
import { decodeTokens, describeAll, expectedDiagnostics, fixture, positionOf, rangeContains, rangeOf } from './helpers';

const BRIEFING_URI = 'file:///articles/military-briefing.news';
const BRIEFING = fixture('military-briefing.news');
const UNATTRIBUTED_FIGURE_SENTENCE = 'About 670 flights were logged by ground controllers in the first 72 hours.';

function hoverText(hover: Hover | null): string {
  assert.ok(hover !== null, 'expected a hover');
  return (hover.contents as MarkupContent).value;
}

function diagnosticAt(diagnostics: Diagnostic[], code: string, phrase: string, text = BRIEFING): Diagnostic {
  const position = positionOf(text, phrase);
  const found = diagnostics.find((diagnostic) => diagnostic.code === code && rangeContains(diagnostic.range, position));
  assert.ok(found, `expected a ${code} diagnostic over "${phrase}"; got ${describeAll(diagnostics).join(', ')}`);
  return found;
}

/** Applies the text edits of a code action's WorkspaceEdit to one document's text. */
function applyActionEdits(client: ProtocolClient, action: CodeAction, uri: string): TextDocumentContentChangeEvent[] {
  const changes = action.edit?.documentChanges ?? [];
  const edits: TextEdit[] = [];
  for (const change of changes) {
    if ('textDocument' in change && change.textDocument.uri === uri) {
      edits.push(...(change.edits as TextEdit[]));
    }
  }
  assert.ok(edits.length > 0, `the action "${action.title}" has no edit for ${uri}`);
  // Apply from the end so that earlier ranges stay valid, as editors do.
  return [...edits]
    .sort((a, b) => b.range.start.line - a.range.start.line || b.range.start.character - a.range.start.character)
    .map((edit) => ({ range: edit.range, text: edit.newText }));
}

void describe('initialize', () => {
  void it('announces the features, the token legend and pull diagnostics to a pull client', async () => {
    const client = start();
    try {
      const result: InitializeResult = await client.initialize(PULL_CAPABILITIES);
      const capabilities = result.capabilities;
      assert.equal(capabilities.hoverProvider, true);
      assert.deepEqual(capabilities.semanticTokensProvider?.legend.tokenTypes, [...SEMANTIC_TOKEN_TYPES]);
      assert.deepEqual(capabilities.semanticTokensProvider?.legend.tokenModifiers, [...SEMANTIC_TOKEN_MODIFIERS]);
      assert.deepEqual(capabilities.semanticTokensProvider?.full, { delta: true });
      assert.deepEqual(capabilities.diagnosticProvider, {
        identifier: 'news-claims',
        // Cross-article findings of one article depend on the others.
        interFileDependencies: true,
        workspaceDiagnostics: false,
      });
      assert.equal(capabilities.workspaceSymbolProvider, true);
      assert.equal(capabilities.referencesProvider, true);
      assert.deepEqual(capabilities.executeCommandProvider?.commands, [ADD_COMMON_KNOWLEDGE_COMMAND]);
      assert.ok(capabilities.documentSymbolProvider);
      assert.deepEqual(capabilities.codeActionProvider, { codeActionKinds: ['quickfix'] });
      assert.deepEqual(capabilities.textDocumentSync, { openClose: true, change: 2 });
      // The dynamic registrations arrive after `initialized`.
      await client.waitFor(() => client.registrations.length >= 2, 'two registrations');
      assert.deepEqual([...client.registrations].sort(), [
        'workspace/didChangeConfiguration',
        'workspace/didChangeWatchedFiles',
      ]);
    } finally {
      await client.shutdown();
    }
  });

  void it('offers no pull diagnostics to a client without the capability', async () => {
    const client = start();
    try {
      const result = await client.initialize(PUSH_CAPABILITIES);
      assert.equal(result.capabilities.diagnosticProvider, undefined);
      assert.deepEqual(client.registrations, []);
    } finally {
      await client.shutdown();
    }
  });
});

void describe('diagnostics', () => {
  for (const [mode, capabilities] of [
    ['pull', PULL_CAPABILITIES],
    ['push', PUSH_CAPABILITIES],
  ] as const) {
    void it(`reports the findings of the fixture article (${mode})`, async () => {
      const client = start();
      try {
        await client.initialize(capabilities);
        await client.open(BRIEFING_URI, BRIEFING);
        const diagnostics = await client.waitForDiagnostics(BRIEFING_URI, 1);
        assert.deepEqual(describeAll(diagnostics), expectedDiagnostics(BRIEFING));
        const figure = diagnosticAt(diagnostics, 'unattributed-figure', '670');
        assert.equal(figure.source, 'news-claims');
        assert.equal(figure.codeDescription?.href, 'https://github.com/news-claims/news-claims#unattributed-figure');
        assert.ok(figure.severity !== undefined && figure.severity >= 1 && figure.severity <= 4);
        const data = figure.data as { version: number; code: string; finding: { candidates?: unknown[] } };
        assert.equal(data.version, 1);
        assert.equal(data.code, 'unattributed-figure');
        // Candidates travel as names only; the quick-fix titles and edits need nothing else.
        const candidates = data.finding.candidates ?? [];
        assert.ok(candidates.length > 0 && candidates.every((candidate) => typeof candidate === 'string'));
        if (mode === 'push') {
          assert.equal(client.lastPublished(BRIEFING_URI)?.version, 1);
        }
        // The notification follows the diagnostics, so it may still be on its way.
        const isUpdate = (params: { uri: string; version: number }): boolean =>
          params.uri === BRIEFING_URI && params.version === 1;
        await client.waitFor(() => client.analysisUpdates.some(isUpdate), 'newsClaims/analysisUpdated');
        const update = client.analysisUpdates.find(isUpdate);
        assert.ok(update, 'expected newsClaims/analysisUpdated for version 1');
        assert.ok(update.figures >= 1);
      } finally {
        await client.shutdown();
      }
    });
  }
});

void describe('features on the fixture article', () => {
  let client: ProtocolClient;
  before(async () => {
    client = start();
    await client.initialize(PULL_CAPABILITIES);
    await client.open(BRIEFING_URI, BRIEFING);
  });
  after(async () => client.shutdown());

  void it('hovers a figure with its value, qualifier, claim and missing source', async () => {
    const hover = await client.request<Hover | null>('textDocument/hover', {
      textDocument: { uri: BRIEFING_URI },
      position: positionOf(BRIEFING, '670', 1),
    });
    const text = hoverText(hover);
    assert.match(text, /\*\*Figure\*\*/);
    assert.match(text, /Value: 670\b/);
    assert.match(text, /Unit: flights/);
    assert.match(text, /Qualifier: about/i);
    assert.match(text, /\*\*no source\*\*/);
    assert.match(text, /ground controllers/);
  });

  void it('hovers a person with the full name, title, mentions and claims', async () => {
    const hover = await client.request<Hover | null>('textDocument/hover', {
      textDocument: { uri: BRIEFING_URI },
      position: positionOf(BRIEFING, 'Almasov said', 2),
    });
    const text = hoverText(hover);
    assert.match(text, /\*\*Person\*\* Viktor Almasov/);
    assert.match(text, /Title or role: Colonel General/);
    assert.match(text, /Mentions: [3-9]/);
    assert.match(text, /Claims attributed: [1-9]/);
  });

  void it('hovers a date with the calendar date it resolves to, given the article date setting', async () => {
    const dated = start();
    const uri = 'file:///articles/dated.news';
    try {
      await dated.initialize(PULL_CAPABILITIES);
      dated.settings = { articleDate: '2026-10-09' };
      await dated.open(uri, BRIEFING);
      const hover = await dated.request<Hover | null>('textDocument/hover', {
        textDocument: { uri },
        position: positionOf(BRIEFING, 'October 18', 3),
      });
      const text = hoverText(hover);
      assert.match(text, /\*\*Date\*\*/);
      assert.match(text, /Resolves to: 2026-10-18/);
    } finally {
      await dated.shutdown();
    }
  });

  void it('gives no hover on plain words or past the end of the text', async () => {
    for (const position of [positionOf(BRIEFING, 'Fuel consumption', 2), { line: 9999, character: 9999 }]) {
      const hover = await client.request<Hover | null>('textDocument/hover', {
        textDocument: { uri: BRIEFING_URI },
        position,
      });
      assert.equal(hover, null);
    }
  });

  void it('returns semantic tokens of the expected kinds at the expected places, one line each', async () => {
    const result = await client.request<SemanticTokens>('textDocument/semanticTokens/full', {
      textDocument: { uri: BRIEFING_URI },
    });
    const tokens = decodeTokens(result.data);
    const covering = (phrase: string, occurrence = 0): string[] => {
      const at = positionOf(BRIEFING, phrase, 0, occurrence);
      return tokens
        .filter((t) => t.line === at.line && t.character <= at.character && at.character < t.character + t.length)
        .map((t) => [t.type, ...t.modifiers].join('+'));
    };
    assert.deepEqual(covering('670'), ['figure+unattributed']);
    assert.deepEqual(covering('Viktor Almasov'), ['person']);
    assert.deepEqual(covering('said', 1), ['attributionCue']);
    assert.deepEqual(covering('Our crews'), ['quote']);
    const lines = BRIEFING.split('\n');
    for (const token of tokens) {
      assert.ok(token.length > 0);
      assert.ok(
        token.character + token.length <= (lines[token.line] ?? '').length,
        `token crosses a line: ${JSON.stringify(token)}`,
      );
    }
    // Tokens may not overlap.
    for (let index = 1; index < tokens.length; index++) {
      const previous = tokens[index - 1];
      const current = tokens[index];
      if (previous !== undefined && current !== undefined && previous.line === current.line) {
        assert.ok(previous.character + previous.length <= current.character, 'overlapping tokens');
      }
    }
  });

  void it('answers a semantic tokens delta request against the previous result', async () => {
    const full = await client.request<SemanticTokens>('textDocument/semanticTokens/full', {
      textDocument: { uri: BRIEFING_URI },
    });
    const delta = await client.request<{ resultId: string; edits: unknown[] }>(
      'textDocument/semanticTokens/full/delta',
      {
        textDocument: { uri: BRIEFING_URI },
        previousResultId: full.resultId,
      },
    );
    assert.deepEqual(delta.edits, []);
    assert.notEqual(delta.resultId, full.resultId);
  });

  void it('lists claims and figures through the custom requests', async () => {
    const figures = await client.request<FiguresResult>('newsClaims/figures', { uri: BRIEFING_URI });
    assert.equal(figures.version, 1);
    const flights = figures.figures.find((figure) => figure.value === 670);
    assert.ok(flights, 'expected the figure 670');
    assert.equal(flights.unit, 'flights');
    assert.equal(flights.source, null);
    assert.deepEqual(flights.range, rangeOf(BRIEFING, 'About 670 flights'));
    assert.equal(flights.sentence.trim(), UNATTRIBUTED_FIGURE_SENTENCE);

    const claims = await client.request<ClaimsResult>('newsClaims/claims', { uri: BRIEFING_URI });
    assert.equal(claims.version, 1);
    const unattributed = claims.claims.find((claim) => claim.text.includes('670'));
    assert.ok(unattributed, 'expected a claim with 670');
    assert.equal(unattributed.attributed, false);
    assert.equal(unattributed.source, null);
    const almasov = claims.claims.filter((claim) => claim.source === 'Viktor Almasov');
    assert.ok(almasov.length > 0, 'expected claims attributed to Viktor Almasov');
  });

  void it('outlines sources with their claims and an Unattributed group', async () => {
    const symbols = await client.request<DocumentSymbol[]>('textDocument/documentSymbol', {
      textDocument: { uri: BRIEFING_URI },
    });
    const almasov = symbols.find((symbol) => symbol.name === 'Viktor Almasov');
    assert.ok(almasov, `expected a symbol for Viktor Almasov; got ${symbols.map((s) => s.name).join(', ')}`);
    assert.ok((almasov.children ?? []).length > 0);
    const unattributed = symbols.find((symbol) => symbol.name === 'Unattributed');
    assert.ok(unattributed);
    assert.ok((unattributed.children ?? []).some((child) => child.name.includes('670')));
  });

  void it('returns null for the custom requests of a document that is not open', async () => {
    assert.equal(await client.request('newsClaims/claims', { uri: 'file:///nowhere.news' }), null);
    assert.equal(await client.request('newsClaims/figures', { uri: 'file:///nowhere.news' }), null);
  });
});

void describe('quick-fixes', () => {
  void it('replaces a loaded verb, and the diagnostic is gone after the change', async () => {
    const client = start();
    const uri = 'file:///articles/verb.news';
    try {
      await client.initialize(PULL_CAPABILITIES);
      await client.open(uri, BRIEFING);
      const before = await client.waitForDiagnostics(uri);
      const loaded = diagnosticAt(before, 'loaded-attribution-verb', 'claimed');
      const actions = await client.request<CodeAction[]>('textDocument/codeAction', {
        textDocument: { uri },
        range: loaded.range,
        context: { diagnostics: [loaded], only: ['quickfix'] },
      });
      const replace = actions.find((action) => action.title === "Replace 'claimed' with 'said'");
      assert.ok(replace, `expected the replace action; got ${actions.map((a) => a.title).join(' | ')}`);
      assert.equal(replace.kind, 'quickfix');
      assert.deepEqual(replace.diagnostics, [loaded]);
      await client.change(uri, 2, applyActionEdits(client, replace, uri));
      assert.match(client.documents.get(uri)?.text ?? '', /Varnstad said that none/);
      const afterFix = await client.waitForDiagnostics(uri);
      assert.equal(afterFix.filter((d) => d.code === 'loaded-attribution-verb').length, 0);
      assert.deepEqual(describeAll(afterFix), expectedDiagnostics(client.documents.get(uri)?.text ?? ''));
    } finally {
      await client.shutdown();
    }
  });

  void it('attributes an unattributed figure to the nearest source, and the diagnostic is gone', async () => {
    const client = start();
    const uri = 'file:///articles/attribute.news';
    try {
      await client.initialize(PULL_CAPABILITIES, { initializationOptions: { canWriteConfig: true } });
      await client.open(uri, BRIEFING);
      const before = await client.waitForDiagnostics(uri);
      const figure = diagnosticAt(before, 'unattributed-figure', '670');
      const actions = await client.request<CodeAction[]>('textDocument/codeAction', {
        textDocument: { uri },
        range: figure.range,
        context: { diagnostics: [figure] },
      });
      const attribute = actions.filter((action) => action.title.startsWith('Attribute to '));
      assert.ok(
        attribute.length > 0,
        `expected "Attribute to" actions; got ${actions.map((a) => a.title).join(' | ')}`,
      );
      assert.equal(attribute[0]?.isPreferred, true);
      assert.ok(attribute.slice(1).every((action) => action.isPreferred !== true));
      // Without the client command or snippet support, "Add attribution…" is a plain edit.
      const placeholder = actions.find((action) => action.title === 'Add attribution…');
      assert.ok(placeholder?.edit, 'expected a plain-text "Add attribution…" edit');
      const chosen = attribute[0];
      const name = chosen.title.slice('Attribute to '.length);
      await client.change(uri, 2, applyActionEdits(client, chosen, uri));
      const text = client.documents.get(uri)?.text ?? '';
      assert.ok(text.includes(`in the first 72 hours, ${name} said.`), text.slice(-300));
      const afterFix = await client.waitForDiagnostics(uri);
      assert.ok(
        !afterFix.some((d) => d.code === 'unattributed-figure' && rangeContains(d.range, positionOf(text, '670'))),
        describeAll(afterFix).join(', '),
      );
    } finally {
      await client.shutdown();
    }
  });

  void it('offers the client command for "Add attribution…" when the client implements it', async () => {
    const client = start();
    const uri = 'file:///articles/snippet.news';
    try {
      await client.initialize(PULL_CAPABILITIES, {
        initializationOptions: { canWriteConfig: true, clientCommands: ['newsClaims.insertAttributionSnippet'] },
      });
      await client.open(uri, BRIEFING);
      const figure = diagnosticAt(await client.waitForDiagnostics(uri), 'unattributed-figure', '670');
      const actions = await client.request<CodeAction[]>('textDocument/codeAction', {
        textDocument: { uri },
        range: figure.range,
        context: { diagnostics: [figure] },
      });
      const placeholder = actions.find((action) => action.title === 'Add attribution…');
      assert.equal(placeholder?.command?.command, 'newsClaims.insertAttributionSnippet');
      const args = placeholder.command.arguments?.[0] as {
        uri: string;
        version: number;
        position: unknown;
        snippet: string;
      };
      assert.equal(args.uri, uri);
      assert.equal(args.version, 1);
      assert.equal(args.snippet, ', ${1:source} said');
      assert.deepEqual(args.position, positionOf(BRIEFING, '72 hours.', '72 hours'.length));
    } finally {
      await client.shutdown();
    }
  });

  void it('offers "Add attribution…" as an LSP 3.18 snippet edit to clients that support them', async () => {
    const client = start();
    const uri = 'file:///articles/snippet-edit.news';
    try {
      const capabilities = structuredClone(PULL_CAPABILITIES);
      // `snippetEditSupport` is LSP 3.18 and not in the 3.17 types.
      Object.assign(capabilities.workspace?.workspaceEdit ?? {}, { snippetEditSupport: true });
      await client.initialize(capabilities, {
        initializationOptions: { canWriteConfig: true, clientCommands: ['newsClaims.insertAttributionSnippet'] },
      });
      await client.open(uri, BRIEFING);
      const figure = diagnosticAt(await client.waitForDiagnostics(uri), 'unattributed-figure', '670');
      const actions = await client.request<CodeAction[]>('textDocument/codeAction', {
        textDocument: { uri },
        range: figure.range,
        context: { diagnostics: [figure] },
      });
      const placeholder = actions.find((action) => action.title === 'Add attribution…');
      assert.equal(placeholder?.command, undefined);
      const change = placeholder?.edit?.documentChanges?.[0] as
        | { textDocument: { uri: string; version: number }; edits: Array<{ range: unknown; snippet?: unknown }> }
        | undefined;
      assert.deepEqual(change?.textDocument, { uri, version: 1 });
      const at = positionOf(BRIEFING, '72 hours.', '72 hours'.length);
      assert.deepEqual(change?.edits, [
        { range: { start: at, end: at }, snippet: { kind: 'snippet', value: ', ${1:source} said' } },
      ]);
    } finally {
      await client.shutdown();
    }
  });

  void it('offers no fixes for diagnostics of an older version', async () => {
    const client = start();
    const uri = 'file:///articles/stale-fix.news';
    try {
      await client.initialize(PULL_CAPABILITIES);
      await client.open(uri, BRIEFING);
      const loaded = diagnosticAt(await client.waitForDiagnostics(uri), 'loaded-attribution-verb', 'claimed');
      await client.change(uri, 2, [
        { range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, text: 'UPDATED: ' },
      ]);
      const actions = await client.request<CodeAction[]>('textDocument/codeAction', {
        textDocument: { uri },
        range: loaded.range,
        context: { diagnostics: [loaded] },
      });
      assert.deepEqual(actions, []);
    } finally {
      await client.shutdown();
    }
  });
});

void describe('semantic tokens across lines', () => {
  const text = 'Almasov said the plan was clear.\n\n"We will move\nthe main effort to the coast," Almasov said.\n';
  for (const multiline of [false, true]) {
    void it(`splits a quote over two lines ${multiline ? 'not at all for a client with multi-line tokens' : 'into one token per line'}`, async () => {
      const client = start();
      const uri = 'file:///articles/multiline.news';
      try {
        const capabilities = structuredClone(PULL_CAPABILITIES);
        if (capabilities.textDocument?.semanticTokens !== undefined) {
          capabilities.textDocument.semanticTokens.multilineTokenSupport = multiline;
        }
        await client.initialize(capabilities);
        await client.open(uri, text);
        const result = await client.request<SemanticTokens>('textDocument/semanticTokens/full', {
          textDocument: { uri },
        });
        const quotes = decodeTokens(result.data).filter((token) => token.type === 'quote');
        const opening = positionOf(text, '"We will');
        if (multiline) {
          assert.deepEqual(
            quotes.map((token) => [token.line, token.character, token.length]),
            [[opening.line, opening.character, '"We will move\nthe main effort to the coast,"'.length]],
          );
        } else {
          assert.deepEqual(
            quotes.map((token) => [token.line, token.character, token.length]),
            [
              [opening.line, opening.character, '"We will move'.length],
              [opening.line + 1, 0, 'the main effort to the coast,"'.length],
            ],
          );
        }
      } finally {
        await client.shutdown();
      }
    });
  }
});
