// What the Claims and Figures views show, computed from the server's answers without touching
// the editor. Pure (no vscode import), so the grouping, the ordering, the stable ids and the
// "did anything change" signature are unit-tested directly.
import type { ClaimItem, ClaimSourceKind, FigureItem } from '../../server/src/protocol';

/** The default of `newsClaims.languages`; package.json declares the same list. */
export const DEFAULT_LANGUAGES = ['news-article', 'plaintext', 'markdown'] as const;

export const UNATTRIBUTED_GROUP_LABEL = 'Unattributed';
export const UNNAMED_SOURCE_LABEL = 'Unnamed source';

export interface ClaimNode {
  /** Stable across edits elsewhere in the article, so VS Code keeps selection and expansion. */
  id: string;
  claim: ClaimItem;
}

export interface ClaimGroup {
  id: string;
  label: string;
  /** The kind of the group's source, from its first claim that knows it; null when unknown. */
  sourceKind: ClaimSourceKind | null;
  /** True for the "Unattributed" group, which always comes first. */
  unattributed: boolean;
  /** The source name the group stands for; null for "Unattributed" and for attributed claims with no name. */
  source: string | null;
  claims: ClaimNode[];
}

export interface FigureNode {
  id: string;
  figure: FigureItem;
}

type Positioned = { range: ClaimItem['range'] };

function compareByPosition(a: Positioned, b: Positioned): number {
  return a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character;
}

/**
 * Gives each item an id built from its group and its text, plus a counter for repeated text. An
 * id that included the position would change on every keystroke above the item, and VS Code
 * would then collapse the groups and lose the selection.
 */
function stableIds<T>(items: T[], prefix: string, textOf: (item: T) => string): { id: string; item: T }[] {
  const seen = new Map<string, number>();
  return items.map((item) => {
    const text = textOf(item);
    const count = seen.get(text) ?? 0;
    seen.set(text, count + 1);
    return { id: `${prefix}:${text}#${count}`, item };
  });
}

/**
 * Groups claims by who they are attributed to. "Unattributed" comes first because it is what an
 * editor has to act on; the named sources follow in the order the article first quotes them, and
 * the claims inside each group keep article order.
 */
export function groupClaims(claims: readonly ClaimItem[], unattributedOnly: boolean): ClaimGroup[] {
  const unattributedKey = 'unattributed';
  const groups = new Map<string, ClaimGroup & { items: ClaimItem[] }>();
  const newGroup = (key: string, label: string, source: string | null, unattributed: boolean) => ({
    id: `group:${key}`,
    label,
    source,
    sourceKind: null,
    unattributed,
    claims: [],
    items: [],
  });
  groups.set(unattributedKey, newGroup(unattributedKey, UNATTRIBUTED_GROUP_LABEL, null, true));
  for (const claim of [...claims].sort(compareByPosition)) {
    if (unattributedOnly && claim.attributed) continue;
    const key = !claim.attributed ? unattributedKey : `source:${claim.source ?? ''}`;
    let group = groups.get(key);
    if (!group) {
      group = newGroup(key, claim.source ?? UNNAMED_SOURCE_LABEL, claim.source, false);
      groups.set(key, group);
    }
    if (!group.unattributed && group.sourceKind === null) group.sourceKind = claim.sourceKind ?? null;
    group.items.push(claim);
  }
  const result: ClaimGroup[] = [];
  for (const [key, { items, ...group }] of groups) {
    if (items.length === 0) continue;
    const nodes = stableIds(items, `claim:${key}`, (claim) => claim.text).map(({ id, item }) => ({ id, claim: item }));
    result.push({ ...group, claims: nodes });
  }
  return result;
}

/** Figures in article order; with the filter on, only those that rest on no source. */
export function listFigures(figures: readonly FigureItem[], unattributedOnly: boolean): FigureNode[] {
  const kept = [...figures].sort(compareByPosition).filter((figure) => !unattributedOnly || figure.source === null);
  return stableIds(kept, 'figure', (figure) => figure.text).map(({ id, item }) => ({ id, figure: item }));
}

export function countUnattributed(claims: readonly ClaimItem[]): number {
  return claims.filter((claim) => !claim.attributed).length;
}

/** The one-line description shown after a figure: value, unit, qualifier and source. */
export function describeFigure(figure: FigureItem): string {
  const parts: string[] = [];
  if (figure.value !== null) {
    const value = formatValue(figure.value, figure.valueHigh);
    if (figure.unit === null) parts.push(value);
    else parts.push(figure.unit === '%' ? `${value}%` : `${value} ${figure.unit}`);
  } else if (figure.unit !== null) {
    parts.push(figure.unit);
  }
  if (figure.qualifier !== null) parts.push(figure.qualifier);
  parts.push(figure.source ?? 'unattributed');
  return parts.join(' · ');
}

/** The description after a claim: its cue and kind, e.g. "said · figure". */
export function describeClaim(claim: ClaimItem): string {
  return claim.cue !== null ? `${claim.cue} · ${claim.kind}` : claim.kind;
}

/** A value as a reader writes it: "1,200", or a range "40–45" when the high end differs. */
export function formatValue(value: number, valueHigh: number | null): string {
  return valueHigh !== null && valueHigh !== value
    ? `${formatNumber(value)}–${formatNumber(valueHigh)}`
    : formatNumber(value);
}

function formatNumber(value: number): string {
  return value.toLocaleString('en-US', { maximumFractionDigits: 6 });
}

/**
 * A fingerprint of everything a view displays, including the ranges its click commands carry.
 * The views fire a refresh only when this changes, so an analysis that found the same things
 * (the usual case while typing inside a word) does not redraw the tree.
 */
export function claimsSignature(groups: readonly ClaimGroup[]): string {
  return JSON.stringify(groups.map((group) => [group.id, group.claims.map((node) => [node.id, node.claim])]));
}

export function figuresSignature(nodes: readonly FigureNode[]): string {
  return JSON.stringify(nodes.map((node) => [node.id, node.figure]));
}

/** The status bar text for the active article. */
export function statusText(unattributed: number): string {
  if (unattributed === 0) return '$(pass) All claims attributed';
  return `$(warning) ${unattributed} unattributed ${unattributed === 1 ? 'claim' : 'claims'}`;
}

/**
 * Reads the `newsClaims.languages` setting. A value of the wrong shape falls back to the default
 * and returns a problem that names the setting, so the extension can say what it ignored.
 */
export function parseLanguagesSetting(
  value: unknown,
  fallback: readonly string[],
): { languages: string[]; problem: string | null } {
  if (value === undefined || value === null) return { languages: [...fallback], problem: null };
  if (!Array.isArray(value) || !value.every((item): item is string => typeof item === 'string')) {
    return {
      languages: [...fallback],
      problem: `The setting newsClaims.languages must be a list of language ids; using ${fallback.join(', ')}.`,
    };
  }
  const languages = [...new Set(value.map((item) => item.trim()).filter((item) => item !== ''))];
  if (languages.length === 0) {
    return {
      languages: [],
      problem: 'The setting newsClaims.languages is empty, so News Claims analyses no documents.',
    };
  }
  return { languages, problem: null };
}

/**
 * The documents the language client hands to the server: each configured language in saved
 * files, untitled buffers and any extra scheme a virtual workspace uses. Other schemes (diff
 * views, output panes, git history) are left out so they are not analysed twice or at all.
 */
export function documentSelector(
  languages: readonly string[],
  extraSchemes: readonly string[],
): { language: string; scheme: string }[] {
  const schemes = [...new Set(['file', 'untitled', ...extraSchemes])];
  return languages.flatMap((language) => schemes.map((scheme) => ({ language, scheme })));
}

export function isArticleLanguage(languageId: string, languages: readonly string[]): boolean {
  return languages.includes(languageId);
}

/** The schemes of workspace folders that are not on the local disk, e.g. `vscode-vfs` for a repository opened virtually. */
export function virtualSchemesOf(folderSchemes: readonly string[]): string[] {
  return [...new Set(folderSchemes.filter((scheme) => scheme !== 'file'))];
}

/**
 * Whether the server may write `.newsclaims.json`: only when every workspace folder is on the
 * local disk and that disk is writable. In a virtual workspace the files live behind a provider
 * the server process cannot reach, so "Treat as common knowledge" must stay off there.
 */
export function canWriteConfigFor(folderSchemes: readonly string[], fileSystemWritable: boolean | undefined): boolean {
  return virtualSchemesOf(folderSchemes).length === 0 && fileSystemWritable !== false;
}
