// @ts-check
// Issue #6: when the language server dies, the client starts a new one, sends it the open
// documents again, and diagnostics come back without the user doing anything.
'use strict';

const assert = require('node:assert/strict');
const { execFileSync } = require('node:child_process');
const vscode = require('vscode');
const { waitFor, openArticle, waitForDiagnostic, serverPids } = require('./helpers');

/** The node processes on the machine with their parents, for a failure message. */
function nodeProcesses() {
  return execFileSync('ps', ['-eo', 'pid=,ppid=,args='], { encoding: 'utf8' })
    .split('\n')
    .filter((line) => line.includes('node'))
    .map((line) => line.trim().slice(0, 160))
    .join(' | ');
}

/** @param {number} pid */
function isAlive(pid) {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

describe('crash recovery', () => {
  it('restarts a killed server and analyses the open article again', async function () {
    this.timeout(180_000);
    const editor = await openArticle('harbour-fire.news');
    const document = editor.document;
    await waitForDiagnostic(document, 'unattributed-figure', '$3.5 million');
    const [original] = await waitFor(() => {
      const pids = serverPids();
      return pids.length === 1 ? pids : undefined;
    }, 'exactly one language server process under this extension host');
    assert.ok(original);

    process.kill(original, 'SIGKILL');
    await waitFor(() => !isAlive(original), `server ${original} to die`);

    // The client waits a moment before restarting and the machine may be busy; this deadline is
    // about liveness, not speed.
    const [replacement] = await waitFor(
      () => {
        const pids = serverPids().filter((pid) => pid !== original);
        return pids.length === 1 ? pids : undefined;
      },
      () => `the client to start a new language server (node processes now: ${nodeProcesses()})`,
      90_000,
    );
    assert.notEqual(replacement, original);

    // A new sentence with a bare figure only gets a diagnostic if the new server has the
    // document (re-synced on restart) and follows edits made after the crash.
    const added = '\n\nRepairs to the coast road will cost $9 million.\n';
    const edit = new vscode.WorkspaceEdit();
    edit.insert(document.uri, document.positionAt(document.getText().length), added);
    assert.equal(await vscode.workspace.applyEdit(edit), true);
    try {
      await waitForDiagnostic(document, 'unattributed-figure', '$9 million');
      await waitForDiagnostic(document, 'unattributed-figure', '$3.5 million');
    } finally {
      await vscode.commands.executeCommand('workbench.action.files.revert');
    }
  });
});
