// Markdown hovers over what the analysis found: figures, people, organisations, places and
// dates. Plain text gets no hover (null), so the editor shows nothing rather than an empty box.
import { MarkupKind, type Hover, type Position, type Range } from 'vscode-languageserver/node';
import type { Entity, Span } from '../analysis/types';
import type { FigureRecord, WorkspaceIndex } from '../workspace/index';
import type { CacheEntry } from './documents';
import {
  attributionOf,
  claimOfFigure,
  claimsBySource,
  entityAt,
  groupOf,
  sentenceContaining,
  sourceLabel,
} from './lookups';

/** Markdown that shows text literally: the article's words must not turn into formatting. */
export function escapeMarkdown(text: string): string {
  // Every line we build starts with our own prefix, so only the inline markers need escaping.
  return text.replace(/[\\`*_[\]<>~|]/g, (character) => `\\${character}`).replace(/\s+/g, ' ');
}

const MAX_QUOTED = 300;
/** Other articles' figures listed in a hover; the Figures view's workspace mode has the rest. */
const MAX_ELSEWHERE = 8;

/** What the hover needs from the cross-article index; absent when the feature is off. */
export interface CrossArticleHover {
  index: WorkspaceIndex;
  rangeIn: (uri: string, span: Span) => Range | undefined;
  /**
   * Where a span of `text` (the open document's version being shown) lies in the version of
   * `uri` the index holds, which lags while the writer types; null when it was edited since.
   */
  indexedSpan: (uri: string, text: string, span: Span) => Span | null;
}

/** The file name at the end of a URI, for a short label. */
function fileNameOf(uri: string): string {
  const name = uri.slice(uri.lastIndexOf('/') + 1);
  try {
    return decodeURIComponent(name);
  } catch {
    return name;
  }
}

/** "The same measure in other articles": each figure with where it is and who it is attributed to. */
function elsewhereLines(cross: CrossArticleHover, uri: string, text: string, entity: Entity): string[] {
  const indexed = cross.indexedSpan(uri, text, entity);
  const figure: FigureRecord | undefined = indexed === null ? undefined : cross.index.figureAt(uri, indexed.start);
  if (figure === undefined) {
    return [];
  }
  const others = cross.index.sameMeasureElsewhere(figure);
  if (others.length === 0) {
    return [];
  }
  const measure = `${escapeMarkdown(figure.lemma)}${figure.timeFrame === null ? '' : `, ${escapeMarkdown(figure.timeFrame)}`}`;
  const articles = new Set(others.map((other) => other.uri)).size;
  const lines = [
    '',
    `**Same measure in ${articles} other ${articles === 1 ? 'article' : 'articles'}** (${measure})`,
    '',
  ];
  for (const other of others.slice(0, MAX_ELSEWHERE)) {
    const line = (cross.rangeIn(other.uri, other)?.start.line ?? 0) + 1;
    const where = `[${escapeMarkdown(fileNameOf(other.uri))}:${line}](${other.uri}#L${line})`;
    const source = other.source === null ? '**no source**' : escapeMarkdown(other.source);
    lines.push(`- \`${escapeMarkdown(other.text)}\` in ${where}, attributed to ${source}`);
  }
  if (others.length > MAX_ELSEWHERE) {
    lines.push(`- …and ${others.length - MAX_ELSEWHERE} more`);
  }
  return lines;
}

function quoted(text: string): string {
  const trimmed = text.length > MAX_QUOTED ? `${text.slice(0, MAX_QUOTED)}…` : text;
  return `> ${escapeMarkdown(trimmed)}`;
}

function formatNumber(value: number | undefined): string {
  return value === undefined ? 'unknown' : value.toLocaleString('en-US', { maximumFractionDigits: 6 });
}

function figureHover(entry: CacheEntry, entity: Entity, index: number, cross: CrossArticleHover | undefined): string[] {
  const lines = [`**Figure** \`${escapeMarkdown(entity.text)}\``, ''];
  const value =
    entity.valueHigh !== undefined
      ? `${formatNumber(entity.value)} to ${formatNumber(entity.valueHigh)}`
      : formatNumber(entity.value);
  lines.push(`- Value: ${value}`);
  if (entity.unit !== undefined) {
    lines.push(`- Unit: ${escapeMarkdown(entity.unit)}`);
  }
  if (entity.qualifier !== undefined) {
    lines.push(`- Qualifier: ${escapeMarkdown(entity.qualifier)}`);
  }
  const claim = claimOfFigure(entry, index);
  const attribution = attributionOf(entry, claim);
  const source = sourceLabel(attribution);
  if (source !== null && attribution !== undefined) {
    lines.push(`- Attributed to: ${escapeMarkdown(source)} (${escapeMarkdown(attribution.cue.text)})`);
  } else {
    lines.push('- Attributed to: **no source**');
  }
  const context = claim ?? sentenceContaining(entry, entity);
  if (context !== undefined) {
    lines.push('', quoted(entry.text.slice(context.start, context.end)));
  }
  if (cross !== undefined) {
    lines.push(...elsewhereLines(cross, entry.uri, entry.text, entity));
  }
  return lines;
}

function nameHover(entry: CacheEntry, entity: Entity, cross: CrossArticleHover | undefined): string[] {
  const label = entity.kind === 'person' ? 'Person' : entity.kind === 'organization' ? 'Organisation' : 'Place';
  const group = groupOf(entry, entity);
  const canonical = group?.canonical ?? entity.canonical ?? entity.text;
  const lines = [`**${label}** ${escapeMarkdown(canonical)}`, ''];
  if (group !== undefined) {
    const aliases = [...new Set(group.mentions.map((mention) => mention.text))].filter((text) => text !== canonical);
    if (aliases.length > 0) {
      lines.push(`- Also written: ${aliases.map(escapeMarkdown).join(', ')}`);
    }
    if (group.titles.length > 0) {
      lines.push(`- Title or role: ${group.titles.map(escapeMarkdown).join(', ')}`);
    }
    lines.push(`- Mentions: ${group.mentions.length}`);
    if (cross !== undefined && entity.kind !== 'place') {
      const articles = cross.index.articlesMentioning(entity.kind === 'person' ? 'person' : 'organization', canonical);
      if (articles > 1) {
        lines.push(`- In the workspace: ${articles} articles`);
      }
    }
  } else if (entity.title !== undefined) {
    lines.push(`- Title or role: ${escapeMarkdown(entity.title)}`);
  }
  if (entity.kind !== 'place') {
    const claims = claimsBySource(entry).get(canonical) ?? [];
    if (claims.length === 0) {
      lines.push('- Claims attributed: none');
    } else {
      lines.push(`- Claims attributed: ${claims.length}`, '');
      for (const claim of claims.slice(0, 10)) {
        lines.push(`${quoted(claim.text)}`, '');
      }
      if (claims.length > 10) {
        lines.push(`…and ${claims.length - 10} more`);
      }
    }
  }
  return lines;
}

function dateHover(entity: Entity): string[] {
  const lines = [`**Date** \`${escapeMarkdown(entity.text)}\``, ''];
  lines.push(`- Resolves to: ${entity.canonical ?? 'an unresolved date'}`);
  if (entity.relative === true) {
    lines.push('- Worked out relative to the article date');
  }
  return lines;
}

export function hoverAt(entry: CacheEntry, position: Position, cross?: CrossArticleHover): Hover | null {
  if (entry.status !== 'ok') {
    return null;
  }
  const offset = entry.positions.offsetAt(position);
  const hit = entityAt(entry, offset);
  if (hit === undefined) {
    return null;
  }
  const { entity, index } = hit;
  const lines =
    entity.kind === 'figure'
      ? figureHover(entry, entity, index, cross)
      : entity.kind === 'date'
        ? dateHover(entity)
        : nameHover(entry, entity, cross);
  lines.push('', `_rule: ${escapeMarkdown(entity.reason)}_`);
  return {
    contents: { kind: MarkupKind.Markdown, value: lines.join('\n').trimEnd() },
    range: entry.positions.rangeOf(entity),
  };
}
