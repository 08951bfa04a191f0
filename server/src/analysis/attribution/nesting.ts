// PolNeAR, like most attribution schemes, annotates the article's own attributions: a reporting
// or belief word inside what someone is reported to say is part of that content, not a cue of its
// own ("The mayor said voters want a new bridge": "want" belongs to what the mayor said). In the
// train split no gold cue head lies inside another attribution's content. Pass 5 therefore keeps,
// of the cues it finds in one sentence, only those that no likelier cue's content contains.
import type { Attribution } from '../types';
import { logOdds } from './cueModel';

/**
 * A cue at least this likely stands on its own even inside another cue's content: the content
 * after a cue runs to the end of its sentence, which swallows a second speaker's "said" in
 * "Smith said the plan would fail and Jones said it would not". Chosen by 5-fold
 * cross-validation on train: cue F1 0.766 with no exemption, 0.764 at 0.8, 0.769 at 0.9 and at 0.97.
 */
const INDEPENDENT_CUE_PROBABILITY = 0.9;
const INDEPENDENT_CUE_SCORE = logOdds(INDEPENDENT_CUE_PROBABILITY);

/**
 * 1 when the attribution's content comes before its cue ("…, the minutes showed.", "…," said
 * Ochoa): such a frame reports the whole clause before it, so a cue in that clause is nested in
 * it, while the clause's own content, which runs on to the end of the sentence, wrongly takes the
 * frame in. 0 otherwise.
 */
/**
 * Whether a cue inside `outer`'s content is likely enough to stand on its own, with a source of
 * its own: a subject that runs back over the outer cue ("Halvorsen said the bank's staff now
 * expected …" gives "expected" the subject "Halvorsen said the bank's staff now") is no source.
 */
function standsAlone(attribution: Attribution, score: number, outer: Attribution): boolean {
  if (score < INDEPENDENT_CUE_SCORE) return false;
  const source = attribution.source;
  return source === null || !(source.start <= outer.cue.start && outer.cue.start < source.end);
}

/** A comma and a conjunction that sets a new clause against the one before it. */
const CONTRAST = /[,;]\s+(?:although|though|whereas|but|while|yet)\s/i;

/**
 * Whether a contrast separates the outer cue from the inner one ("Varnstad claimed that none had
 * objected, although officials in two capitals had asked for more notice"): the clause after it
 * is the article's own statement, not part of what the outer speaker said.
 */
function contrastBetween(text: string, outer: Attribution, inner: Attribution): boolean {
  return outer.cue.end < inner.cue.start && CONTRAST.test(text.slice(outer.cue.end, inner.cue.start));
}

/**
 * A coordinated verb ("… and warned", "… but has also pushed"), with auxiliaries and adverbs
 * between, at the end of the text before a cue.
 */
const COORDINATED = /\b(?:and|but)\s+(?:(?:has|have|had|also|then|later|once|again|\w+ly)\s+)*$/i;
/**
 * How far back from a cue `opensOwnClause` reads. A match holds at most 11 whitespace-separated
 * chunks in 40 characters, so pass 5's paragraph windows (`CUE_CONTEXT_CHUNKS`, 12 chunks) give
 * it the same answer as the whole text; reading further would break that.
 */
const COORDINATION_WINDOW = 40;

/**
 * Whether the cue opens a predicate of its own, which PolNeAR annotates as a separate attribution
 * even inside another cue's content: a coordinated verb ("Trump blamed Clinton … and cast her as
 * …") or a participle after a comma ("…, adding that …"). Cross-validated on train, cue F1 0.769 →
 * 0.771.
 */
function opensOwnClause(text: string, attribution: Attribution): boolean {
  const start = attribution.cue.start;
  if (attribution.cue.text.endsWith('ing')) {
    let position = start - 1;
    while (position > 0 && text.charCodeAt(position) === 32) position--;
    if (text.charCodeAt(position) === 44) return true;
  }
  return COORDINATED.test(text.slice(Math.max(0, start - COORDINATION_WINDOW), start));
}

/** Whether `outer`'s content holds the start of `inner`'s cue. */
function contains(outer: Attribution, inner: Attribution): boolean {
  return outer.content.start <= inner.cue.start && inner.cue.start < outer.content.end;
}

function framesBefore(attribution: Attribution | undefined): number {
  return attribution !== undefined && attribution.content.end <= attribution.cue.start ? 1 : 0;
}

/**
 * Removes from `found[from…]` (one sentence's attributions, with the log-odds of their cues in
 * `scores`) every attribution whose cue starts inside the content of a kept, likelier attribution,
 * unless its own cue is likely enough to stand alone. Attributions are taken likeliest first, so
 * of two cues inside each other's content ("Voters want change, the mayor said") the likelier one
 * stays. Works in place and keeps document order; a sentence holds a handful of cues, so the
 * quadratic check costs nothing next to the scan. `alongside` are more arrays parallel to
 * `found` (what pass 5 still has to resolve for each entry), compacted with it.
 */
export function dropNestedCues(
  text: string,
  found: Attribution[],
  scores: number[],
  from: number,
  alongside: ReadonlyArray<unknown[]> = [],
): void {
  const count = found.length - from;
  if (count < 2) return;
  const order = Array.from({ length: count }, (_, offset) => from + offset).sort(
    (left, right) => (scores[right] ?? 0) - (scores[left] ?? 0) || left - right,
  );
  // Of two cues inside each other's content, a frame that reports the clause before it wins.
  const yields = new Uint8Array(count);
  for (let first = from; first < found.length; first++) {
    for (let second = first + 1; second < found.length; second++) {
      const one = found[first];
      const other = found[second];
      if (one === undefined || other === undefined || !contains(one, other) || !contains(other, one)) continue;
      const oneFrames = framesBefore(one);
      const otherFrames = framesBefore(other);
      if (oneFrames > otherFrames) yields[second - from] = 1;
      else if (otherFrames > oneFrames) yields[first - from] = 1;
    }
  }
  const kept: Attribution[] = [];
  const keep = new Uint8Array(count);
  for (const index of order) {
    const attribution = found[index];
    if (attribution === undefined) continue;
    const nested =
      ((scores[index] ?? 0) < INDEPENDENT_CUE_SCORE && yields[index - from] === 1) ||
      kept.some(
        (outer) =>
          contains(outer, attribution) &&
          !standsAlone(attribution, scores[index] ?? 0, outer) &&
          !contrastBetween(text, outer, attribution) &&
          !opensOwnClause(text, attribution),
      );
    if (nested) continue;
    kept.push(attribution);
    keep[index - from] = 1;
  }
  let write = from;
  for (let read = from; read < found.length; read++) {
    const attribution = found[read];
    if (keep[read - from] !== 1 || attribution === undefined) continue;
    found[write] = attribution;
    scores[write] = scores[read] ?? 0;
    for (const parallel of alongside) parallel[write] = parallel[read];
    write++;
  }
  found.length = write;
  scores.length = write;
  for (const parallel of alongside) parallel.length = write;
}
