// Quick-fixes for News Claims diagnostics. Every fix reads its payload from `Diagnostic.data`
// (written by diagnostics.ts from the finding) and converts offsets with the cached entry of the
// same version; nothing is re-analysed. A payload from an older version offers no fix, because
// its offsets no longer point at the same words.
import {
  CodeActionKind,
  type CodeAction,
  type CodeActionParams,
  type Diagnostic,
  type TextEdit,
  type WorkspaceEdit,
} from 'vscode-languageserver/node';
import { commonKnowledgePhrase } from '../analysis/phrase';
import {
  ADD_COMMON_KNOWLEDGE_COMMAND,
  INSERT_ATTRIBUTION_SNIPPET_COMMAND,
  type AddCommonKnowledgeArgs,
  type InsertAttributionSnippetArgs,
} from '../protocol';
import type { CacheEntry } from './documents';
import {
  DIAGNOSTIC_SOURCE,
  isDiagnosticPayload,
  type DiagnosticFindingData,
  type DiagnosticPayload,
} from './diagnostics';

/** How the client lets us offer "Add attribution…" with a placeholder the writer fills in. */
export type SnippetSupport = 'snippet-edit' | 'client-command' | 'plain-text';

export interface CodeActionOptions {
  snippetSupport: SnippetSupport;
  /** False in virtual workspaces and for clients that cannot apply a workspace edit. */
  canWriteConfig: boolean;
}

export const ATTRIBUTION_PLACEHOLDER = 'source';
export const ATTRIBUTION_SNIPPET = `, \${1:${ATTRIBUTION_PLACEHOLDER}} said`;

/** Sentence openers that may be lower-cased after "According to X, " without harming a name. */
const LOWERCASE_OPENERS = new Set(['The', 'A', 'An', 'It', 'Its', 'This', 'That', 'These', 'Those', 'There']);

/**
 * The attribution text for one source, chosen by the sentence's shape:
 * - a statement ending in "." (or with no end mark) gets ", Kartapolov said." before its full stop;
 * - a question or exclamation would read badly with a trailing "said", so it gets a leading
 *   "According to Kartapolov, " instead.
 */
export function attributionEdit(
  entry: CacheEntry,
  data: Pick<DiagnosticFindingData, 'sentence' | 'insertAt' | 'terminator'>,
  name: string,
  fallbackSpan: { start: number; end: number },
): TextEdit {
  const terminator = data.terminator ?? '';
  const sentence = data.sentence ?? fallbackSpan;
  if (terminator === '?' || terminator === '!') {
    // The payload's offsets are for this very version (codeActions() checks), so the text is the sentence's.
    const firstWord = /^\S+/.exec(entry.text.slice(sentence.start, sentence.end))?.[0] ?? '';
    if (LOWERCASE_OPENERS.has(firstWord)) {
      return {
        range: entry.positions.rangeOf({ start: sentence.start, end: sentence.start + firstWord.length }),
        newText: `According to ${name}, ${firstWord.toLowerCase()}`,
      };
    }
    const start = entry.positions.positionAt(sentence.start);
    return { range: { start, end: start }, newText: `According to ${name}, ` };
  }
  const insertAt = data.insertAt ?? sentence.end;
  const quoteEnding = closingQuoteEdit(entry, insertAt, name);
  if (quoteEnding !== null) {
    return quoteEnding;
  }
  const position = entry.positions.positionAt(insertAt);
  return { range: { start: position, end: position }, newText: `, ${name} said${terminator === '' ? '.' : ''}` };
}

const CLOSING_QUOTE_MARKS = '"\u201d\u2019\u00bb\'';

/**
 * A sentence that ends with a closing quote takes the attribution after the quote, in news
 * style: a full stop inside the quote becomes a comma (`"We are open," Almasov said.`), a question
 * or exclamation mark stays (`"Are we open?" Almasov said.`), and a quote with no end mark gets a
 * comma inside it. Returns null when the sentence does not end with a closing quote.
 */
function closingQuoteEdit(entry: CacheEntry, insertAt: number, name: string): TextEdit | null {
  const quoteMark = entry.text.charAt(insertAt - 1);
  if (insertAt < 2 || !CLOSING_QUOTE_MARKS.includes(quoteMark)) {
    return null;
  }
  const inside = entry.text.charAt(insertAt - 2);
  if (inside === '?' || inside === '!') {
    const position = entry.positions.positionAt(insertAt);
    return { range: { start: position, end: position }, newText: ` ${name} said.` };
  }
  if (inside === '.' || inside === ',') {
    return {
      range: entry.positions.rangeOf({ start: insertAt - 2, end: insertAt }),
      newText: `,${quoteMark} ${name} said.`,
    };
  }
  return {
    range: entry.positions.rangeOf({ start: insertAt - 1, end: insertAt }),
    newText: `,${quoteMark} ${name} said.`,
  };
}

function edit(uri: string, version: number, edits: TextEdit[]): WorkspaceEdit {
  return { documentChanges: [{ textDocument: { uri, version }, edits }] };
}

function quickFix(title: string, diagnostic: Diagnostic, extra: Partial<CodeAction>): CodeAction {
  return { title, kind: CodeActionKind.QuickFix, diagnostics: [diagnostic], ...extra };
}

function actionsFor(
  entry: CacheEntry,
  diagnostic: Diagnostic,
  payload: DiagnosticPayload,
  options: CodeActionOptions,
): CodeAction[] {
  const actions: CodeAction[] = [];
  const data = payload.finding;
  const span = { start: payload.start, end: payload.end };
  const needsSource =
    payload.code === 'unattributed-figure' ||
    payload.code === 'unattributed-claim' ||
    payload.code === 'quote-without-source';
  if (needsSource) {
    (data.candidates ?? []).forEach((candidate, index) => {
      actions.push(
        quickFix(`Attribute to ${candidate}`, diagnostic, {
          isPreferred: index === 0,
          edit: edit(entry.uri, entry.version, [attributionEdit(entry, data, candidate, span)]),
        }),
      );
    });
    const insertAt = entry.positions.positionAt(data.insertAt ?? data.sentence?.end ?? payload.end);
    if (options.snippetSupport === 'snippet-edit') {
      // LSP 3.18 SnippetTextEdit; the 3.17 types do not know it yet, hence the plain object.
      const snippetEdit = {
        range: { start: insertAt, end: insertAt },
        snippet: { kind: 'snippet', value: ATTRIBUTION_SNIPPET },
      };
      actions.push(
        quickFix('Add attribution…', diagnostic, {
          edit: {
            documentChanges: [
              { textDocument: { uri: entry.uri, version: entry.version }, edits: [snippetEdit as unknown as TextEdit] },
            ],
          },
        }),
      );
    } else if (options.snippetSupport === 'client-command') {
      const args: InsertAttributionSnippetArgs = {
        uri: entry.uri,
        version: entry.version,
        position: insertAt,
        snippet: ATTRIBUTION_SNIPPET,
      };
      actions.push(
        quickFix('Add attribution…', diagnostic, {
          command: { title: 'Add attribution…', command: INSERT_ATTRIBUTION_SNIPPET_COMMAND, arguments: [args] },
        }),
      );
    } else {
      // Without snippets the placeholder is plain text that the writer replaces.
      actions.push(
        quickFix('Add attribution…', diagnostic, {
          edit: edit(entry.uri, entry.version, [
            { range: { start: insertAt, end: insertAt }, newText: `, ${ATTRIBUTION_PLACEHOLDER} said` },
          ]),
        }),
      );
    }
  }
  if (payload.code === 'unattributed-claim' && data.sentence !== undefined && options.canWriteConfig) {
    // The payload's offsets are for this very version (codeActions() checks), so the text is the claim's.
    const phrase = commonKnowledgePhrase(entry.text.slice(data.sentence.start, data.sentence.end));
    const args: AddCommonKnowledgeArgs = { uri: entry.uri, phrase };
    actions.push(
      quickFix('Treat as common knowledge', diagnostic, {
        command: { title: 'Treat as common knowledge', command: ADD_COMMON_KNOWLEDGE_COMMAND, arguments: [args] },
      }),
    );
  }
  if (payload.code === 'loaded-attribution-verb' && data.verb !== undefined && data.neutral !== undefined) {
    const verb = entry.text.slice(data.verb.start, data.verb.end);
    actions.push(
      quickFix(`Replace '${verb}' with '${data.neutral}'`, diagnostic, {
        isPreferred: true,
        edit: edit(entry.uri, entry.version, [{ range: entry.positions.rangeOf(data.verb), newText: data.neutral }]),
      }),
    );
  }
  if (payload.code === 'name-variant') {
    actions.push(...nameVariantActions(entry, diagnostic, data, span));
  }
  return actions;
}

/**
 * The replacement for one mention of a misspelt name, or null when the text at `span` is not
 * the variant the finding was computed for (so a fix never rewrites other words). Anything the
 * span holds after the name ("Andrei's" when the span took the possessive) is kept:
 * "Andrei's" becomes "Andrey's".
 */
function nameVariantEdit(
  entry: CacheEntry,
  span: { start: number; end: number },
  variant: string,
  preferred: string,
): TextEdit | null {
  const written = entry.text.slice(span.start, span.end);
  if (!written.startsWith(variant)) {
    return null;
  }
  return { range: entry.positions.rangeOf(span), newText: preferred + written.slice(variant.length) };
}

/**
 * "Change to 'Andrey Sokolin'" for the mention the diagnostic is on (the preferred fix) and,
 * when the article writes the variant more than once, "Use 'Andrey Sokolin' throughout this
 * article" for every such mention. Both read only `data.preferred`, `data.variant` and
 * `data.mentions`; a payload without them (from an older server) offers the single fix only.
 */
function nameVariantActions(
  entry: CacheEntry,
  diagnostic: Diagnostic,
  data: DiagnosticFindingData,
  span: { start: number; end: number },
): CodeAction[] {
  const preferred = data.preferred;
  if (preferred === undefined) {
    return [];
  }
  const variant = data.variant ?? entry.text.slice(span.start, span.end);
  const here = nameVariantEdit(entry, span, variant, preferred);
  if (here === null) {
    return [];
  }
  const actions = [
    quickFix(`Change to '${preferred}'`, diagnostic, {
      isPreferred: true,
      edit: edit(entry.uri, entry.version, [here]),
    }),
  ];
  const everywhere = (data.mentions ?? [])
    .map((mention) => nameVariantEdit(entry, mention, variant, preferred))
    .filter((mentionEdit): mentionEdit is TextEdit => mentionEdit !== null);
  if (everywhere.length > 1) {
    actions.push(
      quickFix(`Use '${preferred}' throughout this article`, diagnostic, {
        edit: edit(entry.uri, entry.version, everywhere),
      }),
    );
  }
  return actions;
}

export function codeActions(entry: CacheEntry, params: CodeActionParams, options: CodeActionOptions): CodeAction[] {
  if (entry.status !== 'ok') {
    return [];
  }
  const only = params.context.only;
  if (only !== undefined && !only.some((kind) => CodeActionKind.QuickFix.startsWith(kind))) {
    return [];
  }
  const actions: CodeAction[] = [];
  for (const diagnostic of params.context.diagnostics) {
    // Some clients hand back only part of a diagnostic (no `source`); the payload decides.
    const fromOtherTool = diagnostic.source !== undefined && diagnostic.source !== DIAGNOSTIC_SOURCE;
    if (fromOtherTool || !isDiagnosticPayload(diagnostic.data)) {
      continue;
    }
    const payload = diagnostic.data;
    // The client hands back the diagnostics of the document the request names; an older version's are refused.
    if (payload.version !== entry.version) {
      continue;
    }
    actions.push(...actionsFor(entry, diagnostic, payload, options));
  }
  return actions;
}
