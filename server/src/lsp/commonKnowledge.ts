// "Treat as common knowledge": adds a phrase to `commonKnowledge` in `.newsclaims.json` at the
// workspace root, through the client (`workspace/applyEdit`) so that the change shows up as an
// ordinary, undoable edit. The file keeps its other keys and, as far as JSON allows, its
// indentation. When the edit cannot be made, the caller gets a message and nothing changes.
import { promises as fs } from 'node:fs';
import type { WorkspaceEdit } from 'vscode-languageserver/node';
import { LineIndex } from '../lineIndex';
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

function detectIndent(text: string): string | number {
  const match = /\n([ \t]+)"/.exec(text);
  return match?.[1] ?? 2;
}

/** Adds the phrase to the file's text; the caller has checked the text parses to an object. */
export function addPhraseToConfigText(
  text: string,
  phrase: string,
): { text: string; alreadyPresent: boolean } | { error: string } {
  let parsed: unknown;
  try {
    parsed = text.trim() === '' ? {} : JSON.parse(text);
  } catch (error) {
    return { error: `is not valid JSON (${error instanceof Error ? error.message : String(error)})` };
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    return { error: 'does not hold a JSON object' };
  }
  const config = parsed as Record<string, unknown>;
  const existing = config.commonKnowledge;
  if (existing !== undefined && (!Array.isArray(existing) || existing.some((item) => typeof item !== 'string'))) {
    return { error: 'has a "commonKnowledge" key that is not a list of strings' };
  }
  const list = (existing as string[] | undefined) ?? [];
  if (list.includes(phrase)) {
    return { text, alreadyPresent: true };
  }
  config.commonKnowledge = [...list, phrase];
  const newline = text.includes('\r\n') ? '\r\n' : '\n';
  const rendered = JSON.stringify(config, null, detectIndent(text)).replace(/\n/g, newline);
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
  const end = new LineIndex(current).positionAt(current.length);
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
