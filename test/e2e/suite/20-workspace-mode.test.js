// @ts-check
// Issue #7: the Claims and Figures views in workspace mode. The three desk/varna-*.news articles
// (written for these tests) quote the same civil protection chief, and two of them disagree on
// how many residents were evacuated since June 12. The views are switched with the same commands
// as their title-bar buttons and read through the providers the views were created with.
'use strict';

const assert = require('node:assert/strict');
const vscode = require('vscode');
const { waitFor, openArticle, articleUri, rangeOf, treeApi, treeItems } = require('./helpers');

const EVACUATION = 'desk/varna-evacuation.news';
const SHELTERS = 'desk/varna-shelters.news';
const ROADS = 'desk/varna-roads.news';

/** @param {string} relativePath */
function fileNameOf(relativePath) {
  return relativePath.slice(relativePath.lastIndexOf('/') + 1);
}

/**
 * The roots and children of a tree once `ready` accepts them.
 * @param {vscode.TreeDataProvider<unknown>} provider
 * @param {(items: Awaited<ReturnType<typeof treeItems>>) => boolean} ready
 * @param {string} what
 */
async function waitForTree(provider, ready, what) {
  /** @type {Awaited<ReturnType<typeof treeItems>>} */
  let last = [];
  return waitFor(
    async () => {
      last = await treeItems(provider);
      return ready(last) ? last : undefined;
    },
    () =>
      `${what} (tree now: ${last.map((entry) => `${'  '.repeat(entry.depth)}${entry.label} [${entry.description}]`).join(' | ')})`,
    60_000,
  );
}

describe('workspace mode', function () {
  // The first index of the workspace is built while these tests start; each wait below allows
  // for that on a busy machine, and the test timeout leaves room for the wait's own message.
  this.timeout(120_000);
  afterEach(async () => {
    await vscode.commands.executeCommand('newsClaims.showClaimsArticle');
    await vscode.commands.executeCommand('newsClaims.showFiguresArticle');
  });

  it('lists a source quoted across articles with its articles and claims, and says how many articles are indexed', async () => {
    await vscode.commands.executeCommand('newsClaims.showClaimsWorkspace');
    const { claimsProvider, claimsView } = treeApi();
    const items = await waitForTree(
      claimsProvider,
      (all) =>
        all.some(
          (entry) => entry.depth === 0 && entry.label === 'Jonas Whitfield' && /in 3 articles$/.test(entry.description),
        ),
      'Jonas Whitfield quoted in 3 articles in the Claims view',
    );
    const whitfieldIndex = items.findIndex((entry) => entry.depth === 0 && entry.label === 'Jonas Whitfield');
    const whitfield = items[whitfieldIndex];
    assert.ok(whitfield);
    assert.match(whitfield.description, /^\d+ claims? in 3 articles$/);
    assert.ok(
      whitfield.item.iconPath instanceof vscode.ThemeIcon && whitfield.item.iconPath.id === 'person',
      'a person icon',
    );
    const nextSource = items.findIndex((entry, index) => index > whitfieldIndex && entry.depth === 0);
    const below = items.slice(whitfieldIndex + 1, nextSource < 0 ? undefined : nextSource);
    assert.deepEqual(
      below.filter((entry) => entry.depth === 1).map((entry) => entry.label),
      [fileNameOf(EVACUATION), fileNameOf(ROADS), fileNameOf(SHELTERS)],
      'one article node per article that quotes him, by file name',
    );
    assert.ok(
      below.some((entry) => entry.depth === 2 && entry.label.includes('2,100 residents')),
      'the shelters article’s claim is under its article node',
    );
    await waitFor(
      () =>
        /^Workspace · \d+ articles$/.test(claimsView.description ?? '') &&
        Number(/\d+/.exec(claimsView.description ?? '')?.[0]) >= 5,
      () => `the Claims view description to read "Workspace · N articles" with N ≥ 5 (now: ${claimsView.description})`,
    );
  });

  it('opens a claim in an article that is not open yet', async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await vscode.commands.executeCommand('newsClaims.showClaimsWorkspace');
    const { claimsProvider } = treeApi();
    const items = await waitForTree(
      claimsProvider,
      (all) => all.some((entry) => entry.depth === 2 && entry.label.includes('40 fallen trees')),
      'the roads agency claim about fallen trees',
    );
    const claim = items.find((entry) => entry.depth === 2 && entry.label.includes('40 fallen trees'));
    const command = claim?.item.command;
    assert.ok(command, 'a workspace claim carries the reveal command');
    await vscode.commands.executeCommand(command.command, ...(command.arguments ?? []));
    const editor = await waitFor(() => {
      const active = vscode.window.activeTextEditor;
      return active && active.document.uri.toString() === articleUri(ROADS).toString() && !active.selection.isEmpty
        ? active
        : undefined;
    }, 'the roads article to open with the claim selected');
    assert.ok(editor.selection.contains(rangeOf(editor.document, '40 fallen trees')));
  });

  it('groups figures by measure, puts the conflict first and marks it', async () => {
    await vscode.commands.executeCommand('newsClaims.showFiguresWorkspace');
    const { figuresProvider, figuresView } = treeApi();
    const items = await waitForTree(
      figuresProvider,
      (all) =>
        all.some(
          (entry) =>
            entry.depth === 0 && entry.label.startsWith('resident') && entry.description.startsWith('conflict'),
        ),
      'a conflicting "resident" measure in the Figures view',
    );
    const roots = items.filter((entry) => entry.depth === 0);
    assert.ok(
      roots[0]?.label.startsWith('resident'),
      `the conflict comes first: ${roots.map((root) => root.label).join(', ')}`,
    );
    assert.match(roots[0]?.label ?? '', /^resident · since June 12$/);
    assert.ok(roots[0]?.item.iconPath instanceof vscode.ThemeIcon && roots[0].item.iconPath.id === 'warning');
    const nextRoot = items.findIndex((entry, index) => index > 0 && entry.depth === 0);
    const figures = items.slice(1, nextRoot < 0 ? undefined : nextRoot).filter((entry) => entry.depth === 1);
    assert.deepEqual(
      figures.map((entry) => [
        entry.label,
        entry.description.endsWith(fileNameOf(EVACUATION)) || entry.description.endsWith(fileNameOf(SHELTERS)),
      ]),
      [
        ['1,400', true],
        ['2,100', true],
      ],
    );
    for (const figure of figures) {
      assert.match(figure.description, /Whitfield/, 'the figure names its source');
      assert.ok(figure.item.command, 'a figure carries the reveal command');
    }
    assert.match(figuresView.description ?? '', /^Workspace · /);
  });

  it('drops the conflict when an edit makes the articles agree, without a manual refresh', async () => {
    await vscode.commands.executeCommand('newsClaims.showFiguresWorkspace');
    const { figuresProvider } = treeApi();
    const conflicting = (/** @type {Awaited<ReturnType<typeof treeItems>>} */ all) =>
      all.some(
        (entry) => entry.depth === 0 && entry.label.startsWith('resident') && entry.description.startsWith('conflict'),
      );
    await waitForTree(figuresProvider, conflicting, 'the resident conflict before the edit');
    const editor = await openArticle(SHELTERS);
    const edit = new vscode.WorkspaceEdit();
    edit.replace(editor.document.uri, rangeOf(editor.document, '2,100'), '1,400');
    assert.equal(await vscode.workspace.applyEdit(edit), true);
    try {
      await waitForTree(
        figuresProvider,
        (all) => !conflicting(all) && all.some((entry) => entry.depth === 1 && entry.label === '1,400'),
        'the resident measure without a conflict after the edit',
      );
    } finally {
      await vscode.commands.executeCommand('workbench.action.files.revert');
    }
  });

  it('remembers the mode per view: switching one leaves the other on the current article', async () => {
    await openArticle(EVACUATION);
    await vscode.commands.executeCommand('newsClaims.showFiguresWorkspace');
    const { claimsProvider } = treeApi();
    const items = await waitForTree(
      claimsProvider,
      (all) =>
        all.some(
          (entry) => entry.depth === 0 && entry.label.includes('Whitfield') && /^\d+ claims?$/.test(entry.description),
        ),
      'the Claims view still grouping the open article’s claims',
    );
    assert.ok(
      items.every((entry) => !/ in \d+ articles?$/.test(entry.description)),
      'no workspace nodes in the Claims view',
    );
  });

  it('says when the cross-article features are off, with an item that opens the setting', async () => {
    await vscode.commands.executeCommand('newsClaims.showClaimsWorkspace');
    const { claimsProvider } = treeApi();
    await waitForTree(
      claimsProvider,
      (all) => all.some((entry) => entry.depth === 0 && entry.label === 'Jonas Whitfield'),
      'the sources before the setting changes',
    );
    const config = vscode.workspace.getConfiguration('newsClaims');
    await config.update('crossArticle.enabled', false, vscode.ConfigurationTarget.Workspace);
    try {
      const items = await waitForTree(
        claimsProvider,
        (all) => all.length === 1 && all[0]?.label === 'Cross-article features are off',
        'the "Cross-article features are off" item',
      );
      const command = items[0]?.item.command;
      assert.equal(command?.command, 'workbench.action.openSettings');
      assert.deepEqual(command?.arguments, ['newsClaims.crossArticle.enabled']);
    } finally {
      await config.update('crossArticle.enabled', undefined, vscode.ConfigurationTarget.Workspace);
    }
    await waitForTree(
      claimsProvider,
      (all) => all.some((entry) => entry.depth === 0 && entry.label === 'Jonas Whitfield'),
      'the sources to come back once the setting is reset',
    );
  });
});
