// @ts-check
// Shared helpers for the extension-host tests. Every wait polls a condition against a deadline
// and fails with what it last saw; no test sleeps for a fixed time.
'use strict';

const { execFileSync } = require('node:child_process');
const path = require('node:path');
const vscode = require('vscode');

const EXTENSION_ID = 'news-claims.news-claims';
const DEFAULT_TIMEOUT_MS = 30_000;

/**
 * Polls `probe` every 100 ms until it returns a truthy value and resolves with that value.
 * @template T
 * @param {() => T | PromiseLike<T>} probe
 * @param {string | (() => string)} description what is being waited for, for the failure message;
 *   a function is called only on failure, so it can describe the state at that moment
 * @param {number} [timeoutMs]
 * @returns {Promise<NonNullable<T>>}
 */
async function waitFor(probe, description, timeoutMs = DEFAULT_TIMEOUT_MS) {
  const deadline = Date.now() + timeoutMs;
  /** @type {unknown} */
  let last;
  for (;;) {
    try {
      const value = await probe();
      if (value) return /** @type {NonNullable<T>} */ (value);
      last = value;
    } catch (error) {
      last = error;
    }
    if (Date.now() > deadline) {
      const seen = last instanceof Error ? last.message : JSON.stringify(last);
      const what = typeof description === 'function' ? description() : description;
      throw new Error(`Timed out after ${timeoutMs} ms waiting for ${what} (last seen: ${seen})`);
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

function workspaceRoot() {
  const folder = vscode.workspace.workspaceFolders?.[0];
  if (!folder) throw new Error('The extension tests need a workspace folder.');
  return folder.uri;
}

/** @param {string} relativePath */
function articleUri(relativePath) {
  return vscode.Uri.joinPath(workspaceRoot(), ...relativePath.split('/'));
}

/**
 * Opens an article from the test workspace in an editor and returns the editor.
 * @param {string} relativePath
 */
async function openArticle(relativePath) {
  const document = await vscode.workspace.openTextDocument(articleUri(relativePath));
  return vscode.window.showTextDocument(document, { preview: false });
}

/** @param {vscode.Diagnostic} diagnostic */
function codeOf(diagnostic) {
  const code = diagnostic.code;
  return typeof code === 'object' && code !== null ? String(code.value) : String(code);
}

/**
 * The News Claims diagnostics of one document.
 * @param {vscode.Uri} uri
 */
function newsDiagnostics(uri) {
  return vscode.languages.getDiagnostics(uri).filter((diagnostic) => diagnostic.source === 'news-claims');
}

/**
 * The range of the first occurrence of `phrase` in the document.
 * @param {vscode.TextDocument} document
 * @param {string} phrase
 */
function rangeOf(document, phrase) {
  const offset = document.getText().indexOf(phrase);
  if (offset < 0) throw new Error(`"${phrase}" does not occur in ${document.uri.toString()}`);
  return new vscode.Range(document.positionAt(offset), document.positionAt(offset + phrase.length));
}

/**
 * Waits for a diagnostic with the given code that overlaps `phrase`.
 * @param {vscode.TextDocument} document
 * @param {string} code
 * @param {string} phrase
 */
function waitForDiagnostic(document, code, phrase) {
  const range = rangeOf(document, phrase);
  return waitFor(
    () =>
      newsDiagnostics(document.uri).find(
        (diagnostic) => codeOf(diagnostic) === code && diagnostic.range.intersection(range) !== undefined,
      ),
    `a ${code} diagnostic on "${phrase}" (have: ${newsDiagnostics(document.uri)
      .map((d) => `${codeOf(d)}@${d.range.start.line}`)
      .join(', ')})`,
  );
}

/** Flattens hover contents (MarkdownString or MarkedString) into one string. */
/** @param {vscode.Hover[]} hovers */
function hoverText(hovers) {
  return hovers
    .flatMap((hover) => hover.contents)
    .map((content) => (typeof content === 'string' ? content : content.value))
    .join('\n');
}

function extension() {
  const found = vscode.extensions.getExtension(EXTENSION_ID);
  if (!found) throw new Error(`The extension ${EXTENSION_ID} is not loaded.`);
  return found;
}

/**
 * The test API the extension's activate() returns: the providers the Claims and Figures views
 * were created with (they follow the view's mode) and the two tree views.
 * @returns {{
 *   claimsProvider: vscode.TreeDataProvider<unknown>,
 *   figuresProvider: vscode.TreeDataProvider<unknown>,
 *   claimsView: vscode.TreeView<unknown>,
 *   figuresView: vscode.TreeView<unknown>,
 * }}
 */
function treeApi() {
  const api = extension().exports;
  if (!api || !api.claimsProvider || !api.figuresProvider || !api.claimsView || !api.figuresView) {
    throw new Error('activate() returns { claimsProvider, figuresProvider, claimsView, figuresView } for tests');
  }
  return api;
}

/**
 * Tree items of a provider, depth first, with their labels and descriptions as plain strings.
 * @param {vscode.TreeDataProvider<unknown>} provider
 */
async function treeItems(provider) {
  /** @type {{ element: unknown, item: vscode.TreeItem, label: string, description: string, depth: number }[]} */
  const items = [];
  /** @param {unknown} parent @param {number} depth */
  const walk = async (parent, depth) => {
    const children = (await provider.getChildren(/** @type {any} */ (parent))) ?? [];
    for (const element of children) {
      const item = await provider.getTreeItem(element);
      const label = typeof item.label === 'string' ? item.label : (item.label?.label ?? '');
      const description = typeof item.description === 'string' ? item.description : '';
      items.push({ element, item, label, description, depth });
      await walk(element, depth + 1);
    }
  };
  await walk(undefined, 0);
  return items;
}

/**
 * Process ids of the News Claims language servers that this extension host started. The
 * language client forks `node dist/server.js` as a child of the extension host.
 * @returns {number[]}
 */
function serverPids() {
  const serverScript = path.join(extension().extensionPath, 'dist', 'server.js');
  const table = execFileSync('ps', ['-eo', 'pid=,ppid=,args='], { encoding: 'utf8' });
  return table
    .split('\n')
    .map((line) => /^\s*(\d+)\s+(\d+)\s+(.*)$/.exec(line))
    .filter((match) => match !== null)
    .filter((match) => Number(match[2]) === process.pid && match[3].includes(serverScript))
    .map((match) => Number(match[1]));
}

module.exports = {
  EXTENSION_ID,
  waitFor,
  articleUri,
  openArticle,
  codeOf,
  newsDiagnostics,
  rangeOf,
  waitForDiagnostic,
  hoverText,
  extension,
  treeApi,
  treeItems,
  serverPids,
};
