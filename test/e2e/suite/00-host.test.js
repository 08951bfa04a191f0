// @ts-check
// Confirms the suite runs inside the editor it claims to test: VS Code 1.100, as served by
// code-server 4.100.3, with the extension under test loaded from the repository.
'use strict';

const assert = require('node:assert/strict');
const vscode = require('vscode');
const { extension } = require('./helpers');

describe('test host', () => {
  it('is VS Code 1.100 with News Claims loaded', () => {
    assert.match(vscode.version, /^1\.100\./);
    assert.equal(extension().packageJSON.name, 'news-claims');
  });
});
