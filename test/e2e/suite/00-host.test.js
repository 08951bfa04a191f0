// @ts-check
'use strict';
const assert = require('node:assert/strict');
const vscode = require('vscode');
describe('smoke', () => {
  it('runs inside VS Code', () => {
    assert.match(vscode.version, /^1\.100/);
  });
});
