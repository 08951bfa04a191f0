// @ts-check
// The News Claims extension inside a real VS Code 1.100 extension host (code-server), against
// the articles in test/e2e/workspace and the project's fixture workspace. Each test drives the
// editor through the public VS Code API, the way a user's actions reach the extension.
'use strict';

const assert = require('node:assert/strict');
const vscode = require('vscode');
const {
  waitFor,
  openArticle,
  codeOf,
  newsDiagnostics,
  rangeOf,
  waitForDiagnostic,
  hoverText,
  extension,
  treeApi,
  treeItems,
} = require('./helpers');

const HARBOUR = 'harbour-fire.news';
const FERRY = 'ferry-strike.txt';
const COUNCIL = 'fixtures/council-budget.news';

describe('activation', () => {
  // Whether the extension is still inactive at this point cannot be asserted reliably: the
  // workbench creates plain-text models of its own (inputs, panels) at times that vary from run
  // to run, and each one fires onLanguage:plaintext. The tests below check what matters to a
  // user: opening a .txt or a .news article gets the extension running and the article analysed.
  it('declares activation on news articles, plain text and Markdown', () => {
    const events = extension().packageJSON.activationEvents;
    for (const event of ['onLanguage:news-article', 'onLanguage:plaintext', 'onLanguage:markdown']) {
      assert.ok(events.includes(event), `${event} in ${JSON.stringify(events)}`);
    }
  });

  it('activates on a plain-text .txt article and flags its unattributed figure', async () => {
    const editor = await openArticle(FERRY);
    assert.equal(editor.document.languageId, 'plaintext');
    await waitFor(() => extension().isActive, 'the extension to activate on a .txt file');
    await waitForDiagnostic(editor.document, 'unattributed-figure', '4,000 passengers');
  });

  it('treats a .news file as a news article and flags its unattributed figure', async () => {
    const editor = await openArticle(HARBOUR);
    assert.equal(editor.document.languageId, 'news-article');
    const diagnostic = await waitForDiagnostic(editor.document, 'unattributed-figure', '$3.5 million');
    assert.equal(diagnostic.severity, vscode.DiagnosticSeverity.Warning);
  });

  it('does not flag figures and quotes that carry a source', async () => {
    const editor = await openArticle(HARBOUR);
    await waitForDiagnostic(editor.document, 'unattributed-figure', '$3.5 million');
    const quote = rangeOf(editor.document, 'Nobody was hurt');
    const onQuote = newsDiagnostics(editor.document.uri).filter((d) => d.range.intersection(quote) !== undefined);
    assert.deepEqual(onQuote.map(codeOf), [], 'the quote is attributed to Lindqvist in the same sentence');
  });

  it('analyses the project fixture article council-budget.news', async () => {
    const editor = await openArticle(COUNCIL);
    await waitForDiagnostic(editor.document, 'unattributed-figure', '18 percent');
    const codes = new Set(newsDiagnostics(editor.document.uri).map(codeOf));
    for (const code of codes) {
      assert.match(code, /^[a-z]+(-[a-z]+)*$/, `diagnostic code ${code} is a stable kebab-case id`);
    }
  });
});

describe('hovers', () => {
  it('describes a figure and says it has no source', async () => {
    const editor = await openArticle(HARBOUR);
    await waitForDiagnostic(editor.document, 'unattributed-figure', '$3.5 million');
    const position = rangeOf(editor.document, '$3.5 million').start.translate(0, 2);
    /** @type {vscode.Hover[]} */
    const hovers = await vscode.commands.executeCommand('vscode.executeHoverProvider', editor.document.uri, position);
    const text = hoverText(hovers);
    assert.match(text, /Figure/);
    assert.match(text, /3\.5 million/);
    assert.match(text, /no source/);
  });

  it('describes a person with their title', async () => {
    const editor = await openArticle(HARBOUR);
    await waitForDiagnostic(editor.document, 'unattributed-figure', '$3.5 million');
    const position = rangeOf(editor.document, 'Marta Lindqvist').start.translate(0, 2);
    /** @type {vscode.Hover[]} */
    const hovers = await vscode.commands.executeCommand('vscode.executeHoverProvider', editor.document.uri, position);
    const text = hoverText(hovers);
    assert.match(text, /Person/);
    assert.match(text, /Marta Lindqvist/);
    assert.match(text, /Fire Chief/i);
  });
});

describe('semantic tokens', () => {
  it('marks the person and the figure with the legend types', async () => {
    const editor = await openArticle(HARBOUR);
    await waitForDiagnostic(editor.document, 'unattributed-figure', '$3.5 million');
    const uri = editor.document.uri;
    /** @type {vscode.SemanticTokensLegend} */
    const legend = await vscode.commands.executeCommand('vscode.provideDocumentSemanticTokensLegend', uri);
    assert.ok(legend, 'the server registers a semantic tokens legend');
    /** @type {vscode.SemanticTokens} */
    const tokens = await waitFor(
      () => vscode.commands.executeCommand('vscode.provideDocumentSemanticTokens', uri),
      'semantic tokens for the article',
    );
    // Decode the relative (line, start, length, type, modifiers) quintuples into text and type names.
    const decoded = [];
    let line = 0;
    let character = 0;
    for (let index = 0; index + 4 < tokens.data.length; index += 5) {
      const deltaLine = tokens.data[index] ?? 0;
      line += deltaLine;
      character = deltaLine === 0 ? character + (tokens.data[index + 1] ?? 0) : (tokens.data[index + 1] ?? 0);
      const length = tokens.data[index + 2] ?? 0;
      const text = editor.document.getText(new vscode.Range(line, character, line, character + length));
      decoded.push({ text, type: legend.tokenTypes[tokens.data[index + 3] ?? -1] });
    }
    assert.ok(
      decoded.some((token) => token.type === 'person' && token.text.includes('Lindqvist')),
      `a person token on Lindqvist in ${JSON.stringify(decoded)}`,
    );
    assert.ok(
      decoded.some((token) => token.type === 'figure' && token.text.includes('3.5')),
      `a figure token on $3.5 million in ${JSON.stringify(decoded)}`,
    );
  });
});

describe('Claims and Figures views', () => {
  it('groups claims by source, with an Unattributed group holding the bare figure', async () => {
    const editor = await openArticle(HARBOUR);
    await waitForDiagnostic(editor.document, 'unattributed-figure', '$3.5 million');
    const { claimsProvider } = treeApi();
    const items = await waitFor(async () => {
      const all = await treeItems(claimsProvider);
      return all.some((entry) => entry.label.includes('3.5 million')) ? all : undefined;
    }, 'a claim containing "$3.5 million" in the Claims view');
    const groups = items.filter((entry) => entry.depth === 0).map((entry) => entry.label);
    assert.ok(groups.includes('Unattributed'), `groups: ${groups.join(', ')}`);
    assert.ok(
      groups.some((label) => label.includes('Lindqvist')),
      `a group for Lindqvist among: ${groups.join(', ')}`,
    );
  });

  it('lists the figures of the article in the Figures view', async () => {
    const editor = await openArticle(HARBOUR);
    await waitForDiagnostic(editor.document, 'unattributed-figure', '$3.5 million');
    const { figuresProvider } = treeApi();
    const items = await waitFor(async () => {
      const all = await treeItems(figuresProvider);
      return all.some((entry) => entry.label.includes('3.5 million')) ? all : undefined;
    }, 'the figure "$3.5 million" in the Figures view');
    assert.ok(items.length >= 1);
  });

  it('reveals the claim in the article when its item is clicked', async () => {
    const editor = await openArticle(HARBOUR);
    await waitForDiagnostic(editor.document, 'unattributed-figure', '$3.5 million');
    const { claimsProvider } = treeApi();
    const target = await waitFor(async () => {
      const all = await treeItems(claimsProvider);
      return all.find((entry) => entry.depth > 0 && entry.label.includes('3.5 million'));
    }, 'the $3.5 million claim item');
    const command = target.item.command;
    assert.ok(command, 'a claim item carries the reveal command');
    // Move the cursor away first so the check below proves the command moved it.
    editor.selection = new vscode.Selection(0, 0, 0, 0);
    await vscode.commands.executeCommand(command.command, ...(command.arguments ?? []));
    const figure = rangeOf(editor.document, '$3.5 million');
    await waitFor(() => {
      const active = vscode.window.activeTextEditor;
      return (
        active &&
        active.document.uri.toString() === editor.document.uri.toString() &&
        !active.selection.isEmpty &&
        active.selection.contains(figure)
      );
    }, 'the editor selection to cover the claim with "$3.5 million"');
  });
});

describe('export', () => {
  it('copies the claims and figures as CSV to the clipboard', async () => {
    const editor = await openArticle(HARBOUR);
    await waitForDiagnostic(editor.document, 'unattributed-figure', '$3.5 million');
    await vscode.env.clipboard.writeText('');
    await vscode.commands.executeCommand('newsClaims.copyAsCsv');
    const csv = await waitFor(() => vscode.env.clipboard.readText(), 'CSV on the clipboard');
    const lines = csv.trim().split(/\r?\n/);
    assert.ok(lines.length >= 2, `a header and at least one row in:\n${csv}`);
    assert.match(lines[0] ?? '', /,/, 'the first line is a comma-separated header');
    assert.ok(csv.includes('3.5 million'), `the unattributed figure appears in:\n${csv}`);
    assert.ok(csv.includes('Lindqvist'), `the attributed claim's source appears in:\n${csv}`);
  });
});

describe('settings', () => {
  afterEach(async () => {
    await vscode.workspace
      .getConfiguration('newsClaims')
      .update('severity', undefined, vscode.ConfigurationTarget.Workspace);
  });

  it('applies a changed severity, and "off" hides the finding', async () => {
    const editor = await openArticle(HARBOUR);
    const document = editor.document;
    await waitForDiagnostic(document, 'unattributed-figure', '$3.5 million');
    const config = vscode.workspace.getConfiguration('newsClaims');
    const figure = rangeOf(document, '$3.5 million');
    const figureFinding = () =>
      newsDiagnostics(document.uri).find(
        (d) => codeOf(d) === 'unattributed-figure' && d.range.intersection(figure) !== undefined,
      );

    await config.update('severity', { 'unattributed-figure': 'error' }, vscode.ConfigurationTarget.Workspace);
    await waitFor(
      () => figureFinding()?.severity === vscode.DiagnosticSeverity.Error,
      'the unattributed figure to become an error',
    );

    await config.update('severity', { 'unattributed-figure': 'off' }, vscode.ConfigurationTarget.Workspace);
    await waitFor(() => figureFinding() === undefined, 'the unattributed-figure diagnostic to disappear');

    await config.update('severity', undefined, vscode.ConfigurationTarget.Workspace);
    await waitFor(
      () => figureFinding()?.severity === vscode.DiagnosticSeverity.Warning,
      'the default warning to come back',
    );
  });
});

describe('quick-fix', () => {
  it('"Attribute to …" adds the source and the diagnostic goes away', async () => {
    const editor = await openArticle(FERRY);
    const document = editor.document;
    const diagnostic = await waitForDiagnostic(document, 'unattributed-figure', '4,000 passengers');
    /** @type {vscode.CodeAction[]} */
    const actions = await vscode.commands.executeCommand(
      'vscode.executeCodeActionProvider',
      document.uri,
      diagnostic.range,
      vscode.CodeActionKind.QuickFix.value,
    );
    const titles = actions.map((action) => action.title);
    const attribute = actions.find((action) => action.title.startsWith('Attribute to '));
    assert.ok(attribute, `an "Attribute to …" quick-fix among: ${titles.join(' | ')}`);
    assert.ok(attribute.edit, 'the quick-fix carries a workspace edit');
    const source = attribute.title.slice('Attribute to '.length);
    assert.match(source, /Reyes/, 'the nearest quoted source is offered first');

    assert.equal(await vscode.workspace.applyEdit(attribute.edit), true);
    try {
      assert.ok(document.getText().includes(`${source} said`), `the text now says "${source} said"`);
      const figure = rangeOf(document, '4,000 passengers');
      await waitFor(
        () =>
          !newsDiagnostics(document.uri).some(
            (d) => codeOf(d) === 'unattributed-figure' && d.range.intersection(figure) !== undefined,
          ),
        'the unattributed-figure diagnostic to go away after the fix',
      );
    } finally {
      // Put the article back so later tests see the original text.
      await vscode.commands.executeCommand('workbench.action.files.revert');
    }
  });
});
