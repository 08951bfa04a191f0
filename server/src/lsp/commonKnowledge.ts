// "Treat as common knowledge": adds a phrase to `commonKnowledge` in `.newsclaims.json` at the
// workspace root, through the client (`workspace/applyEdit`) so that the change shows up as an
// ordinary, undoable edit. The file keeps its other keys and, as far as JSON allows, its
// indentation. When the edit cannot be made, the caller gets a message and nothing changes.
import { promises as fs } from 'node:fs';
import type { WorkspaceEdit } from 'vscode-languageserver/node';
import { parseJsonWithComments } from '../analysis/config';
import { endPositionOf } from './positions';
import { CONFIG_FILE_NAME, configFileFor, fileUriOf } from './settings';

export type CommonKnowledgePlan =
  | { kind: 'edit'; edit: WorkspaceEdit; file: string; alreadyPresent: false }
  | { kind: 'unchanged'; file: string; alreadyPresent: true }
  | { kind: 'refused'; message: string };

export interface EditCapabilities {
  applyEdit: boolean;
  /** `workspace.workspaceEdit.resourceOperations` includes `create`. */
  createFiles: boolean;
  documentChanges: boolean;
}

function detectIndent(text: string): string {
  return /\n([ \t]+)"/.exec(text)?.[1] ?? '  ';
}

function parseObject(text: string): Record<string, unknown> | { error: string } {
  const parsed = parseJsonWithComments(text);
  if (!parsed.ok) {
    return { error: `is not valid JSON (${parsed.message}, line ${parsed.line}, column ${parsed.column})` };
  }
  if (typeof parsed.value !== 'object' || parsed.value === null || Array.isArray(parsed.value)) {
    return { error: 'does not hold a JSON object' };
  }
  return parsed.value as Record<string, unknown>;
}

/** JSON with object keys sorted at every level, so that key order does not count as a difference. */
function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) {
    return `[${value.map(canonicalJson).join(',')}]`;
  }
  if (typeof value === 'object' && value !== null) {
    const record = value as Record<string, unknown>;
    return `{${Object.keys(record)
      .sort()
      .map((key) => `${JSON.stringify(key)}:${canonicalJson(record[key])}`)
      .join(',')}}`;
  }
  return JSON.stringify(value);
}

function sameExceptPhrase(before: Record<string, unknown>, after: Record<string, unknown>, phrase: string): boolean {
  const list = (before.commonKnowledge as string[] | undefined) ?? [];
  return canonicalJson({ ...before, commonKnowledge: [...list, phrase] }) === canonicalJson(after);
}

/**
 * Adds the phrase to the file's text. It first tries a small textual insertion, which keeps the
 * writer's comments, order and indentation, and checks the result by parsing it; only when that
 * check fails (an unusual layout) does it rewrite the file from the parsed object, which loses
 * comments, and then only when the file had none.
 */
export function addPhraseToConfigText(
  text: string,
  phrase: string,
): { text: string; alreadyPresent: boolean } | { error: string } {
  const before = text.trim() === '' ? {} : parseObject(text);
  if ('error' in before && typeof before.error === 'string') {
    return { error: before.error };
  }
  const config = before as Record<string, unknown>;
  const existing = config.commonKnowledge;
  if (existing !== undefined && (!Array.isArray(existing) || existing.some((item) => typeof item !== 'string'))) {
    return { error: 'has a "commonKnowledge" key that is not a list of strings' };
  }
  const list = (existing as string[] | undefined) ?? [];
  if (list.includes(phrase)) {
    return { text, alreadyPresent: true };
  }
  const newline = text.includes('\r\n') ? '\r\n' : '\n';
  const indent = detectIndent(text);
  const literal = JSON.stringify(phrase);
  let candidate: string | undefined;
  const arrayMatch = /"commonKnowledge"\s*:\s*\[/.exec(text);
  if (arrayMatch !== null) {
    const afterBracket = arrayMatch.index + arrayMatch[0].length;
    const closing = text.indexOf(']', afterBracket);
    const inside = closing < 0 ? '' : text.slice(afterBracket, closing);
    if (closing >= 0 && inside.trim() === '') {
      candidate = `${text.slice(0, afterBracket)}${literal}${text.slice(closing)}`;
    } else if (closing >= 0) {
      // Append after the last item, keeping the items' own layout.
      const lastItemEnd = afterBracket + inside.trimEnd().replace(/,$/, '').length;
      const itemBreak = inside.includes('\n') ? `,${newline}${indent}${indent}` : ', ';
      candidate = `${text.slice(0, lastItemEnd)}${itemBreak}${literal}${text.slice(lastItemEnd)}`;
    }
  } else if (text.trim() !== '') {
    const open = text.indexOf('{');
    const hasKeys = Object.keys(config).length > 0;
    candidate = `${text.slice(0, open + 1)}${newline}${indent}"commonKnowledge": [${literal}]${hasKeys ? ',' : newline}${text.slice(open + 1)}`;
  }
  if (candidate !== undefined) {
    const after = parseObject(candidate);
    if (!('error' in after && typeof after.error === 'string') && sameExceptPhrase(config, after, phrase)) {
      return { text: candidate, alreadyPresent: false };
    }
  }
  if (/\/\/|\/\*/.test(text)) {
    return {
      error: 'has a layout this fix cannot edit without losing comments; add the phrase to "commonKnowledge" by hand',
    };
  }
  const rendered = JSON.stringify({ ...config, commonKnowledge: [...list, phrase] }, null, indent).replace(
    /\n/g,
    newline,
  );
  return { text: rendered + newline, alreadyPresent: false };
}

export async function planCommonKnowledgeEdit(
  documentUri: string,
  folderUri: string | undefined,
  phrase: string,
  capabilities: EditCapabilities,
  canWriteConfig: boolean,
): Promise<CommonKnowledgePlan> {
  if (!canWriteConfig) {
    return { kind: 'refused', message: `This workspace cannot be written to, so ${CONFIG_FILE_NAME} was not changed.` };
  }
  if (!documentUri.startsWith('file:')) {
    return {
      kind: 'refused',
      message: `"Treat as common knowledge" needs a document saved on disk; ${CONFIG_FILE_NAME} was not changed.`,
    };
  }
  if (folderUri === undefined) {
    return {
      kind: 'refused',
      message: `"Treat as common knowledge" needs an open workspace folder to hold ${CONFIG_FILE_NAME}; nothing was changed.`,
    };
  }
  const file = configFileFor(folderUri);
  if (file === undefined) {
    return {
      kind: 'refused',
      message: `The workspace folder ${folderUri} is not on disk; ${CONFIG_FILE_NAME} was not changed.`,
    };
  }
  if (!capabilities.applyEdit || !capabilities.documentChanges) {
    return {
      kind: 'refused',
      message: `This editor cannot apply workspace edits, so ${file} was not changed. Add the phrase to "commonKnowledge" there yourself.`,
    };
  }
  let current: string | undefined;
  try {
    current = await fs.readFile(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') {
      return { kind: 'refused', message: `Could not read ${file} (${(error as Error).message}); nothing was changed.` };
    }
  }
  const fileUri = fileUriOf(file);
  if (current === undefined) {
    if (!capabilities.createFiles) {
      return {
        kind: 'refused',
        message: `This editor cannot create files through the language server, so ${file} was not created.`,
      };
    }
    const text = JSON.stringify({ commonKnowledge: [phrase] }, null, 2) + '\n';
    return {
      kind: 'edit',
      file,
      alreadyPresent: false,
      edit: {
        documentChanges: [
          { kind: 'create', uri: fileUri, options: { ignoreIfExists: true } },
          {
            textDocument: { uri: fileUri, version: null },
            edits: [{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, newText: text }],
          },
        ],
      },
    };
  }
  const updated = addPhraseToConfigText(current, phrase);
  if ('error' in updated) {
    return { kind: 'refused', message: `${file} ${updated.error}; nothing was changed.` };
  }
  if (updated.alreadyPresent) {
    return { kind: 'unchanged', file, alreadyPresent: true };
  }
  // Replace the whole text: a range past the end is clamped by the client to the document's end.
  const end = endPositionOf(current);
  return {
    kind: 'edit',
    file,
    alreadyPresent: false,
    edit: {
      documentChanges: [
        {
          textDocument: { uri: fileUri, version: null },
          edits: [{ range: { start: { line: 0, character: 0 }, end }, newText: updated.text }],
        },
      ],
    },
  };
}
