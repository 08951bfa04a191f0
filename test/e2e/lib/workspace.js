// @ts-check
// The workspace both VS Code suites open: the articles in test/e2e/workspace (written for these
// tests) plus one of the project's fixture articles, copied to a temporary folder so that tests
// which edit and save never touch tracked files.
'use strict';

const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

const repositoryRoot = path.resolve(__dirname, '..', '..', '..');

function makeWorkspace() {
  const workspace = fs.mkdtempSync(path.join(os.tmpdir(), 'news-claims-e2e-workspace-'));
  fs.cpSync(path.join(__dirname, '..', 'workspace'), workspace, { recursive: true });
  // The fixture article comes without its folder's .newsclaims.json: that file would activate
  // the extension at startup (workspaceContains) and hide what the activation tests check.
  fs.mkdirSync(path.join(workspace, 'fixtures'));
  fs.copyFileSync(
    path.join(repositoryRoot, 'test', 'fixtures', 'workspace', 'council-budget.news'),
    path.join(workspace, 'fixtures', 'council-budget.news'),
  );
  return workspace;
}

module.exports = { makeWorkspace, repositoryRoot };
