// The worker's answer after an edit, as a delta against the answer before it. Sending the whole
// Analysis back with postMessage (a structured clone) took as long as the analysis itself at
// 2 MB (scripts/bench/edit-breakdown.ts), although an edit changes the results of a few
// paragraphs: everything before the edit is the same, and everything after it is the same with
// its offsets moved by the length of the edit.
//
// So each list of results (entities, claims, findings …) is sent as the items that changed, plus
// how many leading items are unchanged and how many trailing items are unchanged once their
// offsets and indexes are moved. The rule that moves an old item (`moveItem`) is only a guess:
// `diffAnalysis` counts an item as reusable only after checking that moving the old item gives
// exactly the new one, and sends every other item in full. Both sides run the same rule, so the
// receiver rebuilds exactly the Analysis the worker computed, whatever fields the passes add; an
// unknown field that moves with the text just makes the delta larger. A unit property test holds
// applyDelta(previous, diffAnalysis(previous, next)) equal to next over random edits.
//
// Pure data in and out: the worker (analysisHost.ts) and the main thread (analysisWorker.ts) both
// import it, and it imports no analysis code, so the main thread's bundle stays small.
import type { Analysis } from '../analysis/types';

/**
 * Keys whose numbers are offsets into the text; they move with an edit before them. A switch on
 * the key, not a Set: the property names are internalised strings, so V8 compares them by
 * identity, and this runs for every number in the results (about a third of the diff's time
 * went to Set and Map lookups here).
 */
function isOffsetKey(key: string): boolean {
  switch (key) {
    case 'start':
    case 'end':
    case 'contentStart':
    case 'contentEnd':
    case 'insertAt':
    case 'nearestMention':
      return true;
    default:
      return false;
  }
}

/** The list that numbers (or arrays of numbers) under `key` index into, if any. */
function indexedList(key: string): string | undefined {
  switch (key) {
    case 'index':
    case 'paragraph':
      return 'paragraphs';
    case 'chainStart':
      return 'quotes';
    case 'sourceEntity':
    case 'figures':
      return 'entities';
    case 'attribution':
      return 'attributions';
    default:
      return undefined;
  }
}

/** The one edit between two texts: `[start, oldEnd)` of the old text became `[start, start + oldEnd - start + shift)`. */
export interface TextEdit {
  start: number;
  oldEnd: number;
  /** New length minus old length. */
  shift: number;
}

/** One list of the Analysis: `prefix` leading items unchanged, `suffix` trailing items moved, `middle` sent. */
export interface ListDelta {
  prefix: number;
  suffix: number;
  /** The list's old length, to check the receiver has the same base. */
  oldLength: number;
  middle: unknown[];
}

export interface AnalysisDelta {
  edit: TextEdit;
  lists: Record<string, ListDelta>;
  /** Fields that are not lists (`length`, `articleDate`, …), sent as they are. */
  values: Record<string, unknown>;
}

/**
 * Characters compared at once while looking for the first difference. Comparing two slices is
 * one native comparison (a slice of a flat string is a view, not a copy); reading the texts one
 * character at a time in JavaScript took 13 ms per edit at 2 MB.
 */
const COMPARE_BLOCK = 4096;

/** Length of the longest common prefix of `a` and `b`. */
function commonPrefixLength(a: string, b: string): number {
  const shortest = Math.min(a.length, b.length);
  let start = 0;
  while (
    start + COMPARE_BLOCK <= shortest &&
    a.slice(start, start + COMPARE_BLOCK) === b.slice(start, start + COMPARE_BLOCK)
  ) {
    start += COMPARE_BLOCK;
  }
  while (start < shortest && a.charCodeAt(start) === b.charCodeAt(start)) {
    start++;
  }
  return start;
}

/** Length of the longest common suffix of `a` and `b` that leaves the first `prefix` characters of both alone. */
function commonSuffixLength(a: string, b: string, prefix: number): number {
  const room = Math.min(a.length, b.length) - prefix;
  let common = 0;
  while (
    common + COMPARE_BLOCK <= room &&
    a.slice(a.length - common - COMPARE_BLOCK, a.length - common) ===
      b.slice(b.length - common - COMPARE_BLOCK, b.length - common)
  ) {
    common += COMPARE_BLOCK;
  }
  while (common < room && a.charCodeAt(a.length - 1 - common) === b.charCodeAt(b.length - 1 - common)) {
    common++;
  }
  return common;
}

/** The common prefix and suffix of two texts, as one edit. Linear in the length of the texts. */
export function findEdit(previousText: string, nextText: string): TextEdit {
  const start = commonPrefixLength(previousText, nextText);
  const common = commonSuffixLength(previousText, nextText, start);
  return { start, oldEnd: previousText.length - common, shift: nextText.length - previousText.length };
}

/** How old indexes into each list map to new ones: unchanged in the prefix, moved by the change in length after it. */
interface IndexMoves {
  prefix: Map<string, number>;
  lengthChange: Map<string, number>;
}

class Mover {
  constructor(
    private readonly edit: TextEdit,
    private readonly indexes: IndexMoves,
  ) {}

  /** The new value of number `value` under `key`, or NaN when the rule cannot tell. */
  number(key: string, value: number): number {
    if (isOffsetKey(key)) {
      if (value < this.edit.start) return value;
      if (value >= this.edit.oldEnd) return value + this.edit.shift;
      return Number.NaN;
    }
    const list = indexedList(key);
    if (list !== undefined) {
      const prefix = this.indexes.prefix.get(list);
      const change = this.indexes.lengthChange.get(list);
      if (prefix === undefined || change === undefined) return value;
      return value < prefix ? value : value + change;
    }
    return value;
  }

  /** True when moving `old` (found under `key`) gives exactly `next`. Allocates nothing. */
  equalsMoved(key: string, old: unknown, next: unknown): boolean {
    return equalsAfter(this, key, old, next);
  }

  /** A copy of `old` (found under `key`) with its offsets and indexes moved. */
  move(key: string, old: unknown): unknown {
    if (typeof old === 'number') return this.number(key, old);
    if (old === null || typeof old !== 'object') return old;
    if (Array.isArray(old)) return old.map((item: unknown) => this.move(key, item));
    // A spread copies the object with its hidden class in one step; only the fields that move
    // are written again, which keeps the copy's shape (and its key order) that of the original.
    const record = old as Record<string, unknown>;
    const copy: Record<string, unknown> = { ...record };
    for (const field in record) {
      const value = record[field];
      if (typeof value === 'number') {
        const moved = this.number(field, value);
        if (!Object.is(moved, value)) copy[field] = moved;
      } else if (value !== null && typeof value === 'object') {
        copy[field] = this.move(field, value);
      }
    }
    return copy;
  }
}

/**
 * Whether `next` has its own `field` holding undefined, as `old` does. The comparisons below read
 * a field of `next` once and ask Object.hasOwn only when that read gives undefined (a field `next`
 * lacks, or holds undefined): a defined value that `next` only inherits (`constructor`) is a
 * function, which never equals plain data, and equal field counts rule out extra fields. Asking
 * Object.hasOwn for every field was about a third of the reads of the comparison.
 */
function isOwnUndefined(old: unknown, next: Record<string, unknown>, field: string): boolean {
  return old === undefined && Object.hasOwn(next, field);
}

/**
 * Exact equality of plain data (what the analysis returns: objects, arrays, strings, numbers,
 * booleans, null), numbers compared with Object.is. The same walk as `equalsAfter()` without a
 * call per number: the unchanged prefix of every list is compared with it on every edit, and the
 * call made that comparison about a fifth slower.
 */
function equalsExactly(old: unknown, next: unknown): boolean {
  if (old === next) {
    // The same object, string or boolean; for numbers Object.is tells 0 from -0 (and NaN equals NaN).
    return typeof old !== 'number' || Object.is(old, next);
  }
  if (typeof old === 'number') {
    return typeof next === 'number' && Object.is(old, next);
  }
  if (old === null || typeof old !== 'object' || next === null || typeof next !== 'object') {
    return false;
  }
  if (Array.isArray(old)) {
    if (!Array.isArray(next) || old.length !== next.length) return false;
    for (let index = 0; index < old.length; index++) {
      if (!equalsExactly(old[index], next[index])) return false;
    }
    return true;
  }
  if (Array.isArray(next)) return false;
  const oldRecord = old as Record<string, unknown>;
  const nextRecord = next as Record<string, unknown>;
  let oldKeys = 0;
  for (const field in oldRecord) {
    // One read of `next` per field; Object.hasOwn only when it reads undefined (see `isOwnUndefined`).
    const nextValue = nextRecord[field];
    if (
      nextValue === undefined
        ? !isOwnUndefined(oldRecord[field], nextRecord, field)
        : !equalsExactly(oldRecord[field], nextValue)
    ) {
      return false;
    }
    oldKeys++;
  }
  let nextKeys = 0;
  for (const _field in nextRecord) nextKeys++;
  return oldKeys === nextKeys;
}

/**
 * True when `old` (found under `key`), with every number moved by `mover`, equals `next`
 * exactly: the same fields, array lengths and values, numbers compared with Object.is. The
 * comparison of the moved suffix; `equalsExactly()` is the same walk for the unchanged prefix.
 * Allocates nothing.
 */
function equalsAfter(mover: Mover, key: string, old: unknown, next: unknown): boolean {
  if (typeof old === 'number') {
    return typeof next === 'number' && Object.is(mover.number(key, old), next);
  }
  if (old === null || typeof old !== 'object') {
    return old === next;
  }
  if (next === null || typeof next !== 'object') {
    return false;
  }
  if (Array.isArray(old)) {
    if (!Array.isArray(next) || old.length !== next.length) return false;
    for (let index = 0; index < old.length; index++) {
      if (!equalsAfter(mover, key, old[index], next[index])) return false;
    }
    return true;
  }
  if (Array.isArray(next)) return false;
  const oldRecord = old as Record<string, unknown>;
  const nextRecord = next as Record<string, unknown>;
  let oldKeys = 0;
  for (const field in oldRecord) {
    const nextValue = nextRecord[field];
    if (
      nextValue === undefined
        ? !isOwnUndefined(oldRecord[field], nextRecord, field)
        : !equalsAfter(mover, field, oldRecord[field], nextValue)
    ) {
      return false;
    }
    oldKeys++;
  }
  let nextKeys = 0;
  for (const _field in nextRecord) nextKeys++;
  return oldKeys === nextKeys;
}

function listsOf(analysis: Analysis): Map<string, unknown[]> {
  const lists = new Map<string, unknown[]>();
  for (const [key, value] of Object.entries(analysis)) {
    if (Array.isArray(value)) lists.set(key, value as unknown[]);
  }
  return lists;
}

/**
 * The delta that turns `previous` (the analysis of `previousText`) into `next` (of `nextText`).
 * Linear in the size of both: one exact comparison from the front of each list, one comparison
 * under the move rule from the back.
 */
export function diffAnalysis(
  previousText: string,
  previous: Analysis,
  nextText: string,
  next: Analysis,
): AnalysisDelta {
  const edit = findEdit(previousText, nextText);
  const oldLists = listsOf(previous);
  const newLists = listsOf(next);
  const indexes: IndexMoves = { prefix: new Map(), lengthChange: new Map() };
  // Prefixes first: the move rule for indexes into a list needs that list's prefix.
  for (const [key, items] of newLists) {
    const old = oldLists.get(key) ?? [];
    const shortest = Math.min(old.length, items.length);
    let prefix = 0;
    while (prefix < shortest && equalsExactly(old[prefix], items[prefix])) prefix++;
    indexes.prefix.set(key, prefix);
    indexes.lengthChange.set(key, items.length - old.length);
  }
  const mover = new Mover(edit, indexes);
  const lists: Record<string, ListDelta> = {};
  for (const [key, items] of newLists) {
    const old = oldLists.get(key) ?? [];
    const prefix = indexes.prefix.get(key) ?? 0;
    const room = Math.min(old.length, items.length) - prefix;
    let suffix = 0;
    while (suffix < room && mover.equalsMoved(key, old[old.length - 1 - suffix], items[items.length - 1 - suffix])) {
      suffix++;
    }
    lists[key] = { prefix, suffix, oldLength: old.length, middle: items.slice(prefix, items.length - suffix) };
  }
  const values: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(next)) {
    if (!Array.isArray(value)) values[key] = value;
  }
  return { edit, lists, values };
}

/** The old lists of `previous` and the mover of a delta, after checking that `previous` is its base. */
function prepareApply(previous: Analysis, delta: AnalysisDelta): { oldLists: Map<string, unknown[]>; mover: Mover } {
  const oldLists = listsOf(previous);
  const indexes: IndexMoves = { prefix: new Map(), lengthChange: new Map() };
  for (const [key, list] of Object.entries(delta.lists)) {
    const old = oldLists.get(key) ?? [];
    if (old.length !== list.oldLength) {
      throw new Error(`the analysis delta for "${key}" expects ${list.oldLength} items, not ${old.length}`);
    }
    indexes.prefix.set(key, list.prefix);
    indexes.lengthChange.set(key, list.prefix + list.middle.length + list.suffix - old.length);
  }
  return { oldLists, mover: new Mover(delta.edit, indexes) };
}

/** One list of the next Analysis: the old unchanged items, the sent ones, the old moved ones. */
function rebuildList(key: string, old: readonly unknown[], list: ListDelta, mover: Mover): unknown[] {
  const items = old.slice(0, list.prefix);
  for (const item of list.middle) items.push(item);
  for (let index = old.length - list.suffix; index < old.length; index++) {
    items.push(mover.move(key, old[index]));
  }
  return items;
}

/**
 * Rebuilds the next Analysis from the previous one and a delta made against it. Unchanged leading
 * items are shared with `previous` (results are never modified once made); moved trailing items
 * are fresh copies. Throws when `previous` is not the analysis the delta was made against.
 */
export function applyDelta(previous: Analysis, delta: AnalysisDelta): Analysis {
  const { oldLists, mover } = prepareApply(previous, delta);
  const result: Record<string, unknown> = { ...delta.values };
  for (const [key, list] of Object.entries(delta.lists)) {
    result[key] = rebuildList(key, oldLists.get(key) ?? [], list, mover);
  }
  return result as unknown as Analysis;
}

/**
 * `applyDelta()` with only the lists named in `now` rebuilt at once; each other list is rebuilt
 * when it is first read, or by `settle()`, whichever comes first. The main thread publishes an
 * edit's diagnostics from the findings alone, so it rebuilds those, answers, and settles the rest
 * on its next turn, while the worker is busy anyway: rebuilding every list took about a
 * millisecond per edit at 100 KB, 0.3 ms of it the findings. The result reads exactly like
 * `applyDelta()`'s: a list is a plain data property again once rebuilt, and a read before that
 * (a hover arriving first, a structured clone, JSON) rebuilds it on the spot. Checking that
 * `previous` is the delta's base is not deferred: it throws here, as `applyDelta()` does.
 */
export function applyDeltaDeferred(
  previous: Analysis,
  delta: AnalysisDelta,
  now: readonly string[],
): { analysis: Analysis; settle: () => void } {
  const { oldLists, mover } = prepareApply(previous, delta);
  const result: Record<string, unknown> = { ...delta.values };
  const deferred: string[] = [];
  for (const [key, list] of Object.entries(delta.lists)) {
    const old = oldLists.get(key) ?? [];
    if (now.includes(key)) {
      result[key] = rebuildList(key, old, list, mover);
      continue;
    }
    deferred.push(key);
    Object.defineProperty(result, key, {
      enumerable: true,
      configurable: true,
      get(): unknown[] {
        const items = rebuildList(key, old, list, mover);
        Object.defineProperty(result, key, { value: items, enumerable: true, configurable: true, writable: true });
        return items;
      },
    });
  }
  const settle = (): void => {
    // Reading a deferred list rebuilds it (once; a list already read is a data property by now).
    for (const key of deferred) void result[key];
  };
  return { analysis: result as unknown as Analysis, settle };
}

/**
 * `next` with the unchanged leading items of each list taken from `previous`, the analysis the
 * delta was made against. The worker keeps this copy for its next delta: the fresh objects of
 * the unchanged items then die young, instead of surviving the next scavenge and being copied
 * (and later promoted), which made the worker's garbage collections longer. The two are equal
 * item for item, which is what `prefix` means.
 */
export function withUnchangedItemsOf(previous: Analysis, next: Analysis, delta: AnalysisDelta): Analysis {
  const oldLists = listsOf(previous);
  const result: Record<string, unknown> = { ...next };
  for (const [key, list] of Object.entries(delta.lists)) {
    const old = oldLists.get(key);
    const items = result[key];
    if (list.prefix === 0 || old === undefined || !Array.isArray(items)) continue;
    const merged = old.slice(0, list.prefix);
    for (let index = list.prefix; index < items.length; index++) merged.push(items[index]);
    result[key] = merged;
  }
  return result as unknown as Analysis;
}
