// The cross-article index: people and organisations clustered across articles, figures grouped
// by what they count, and the findings that only show when articles are read side by side
// (`name-variant`, `figure-mismatch`). It consumes `analyse()` results and does no I/O, so the
// language server and `news-claims report` share it.
//
// Each article contributes small records (names, figure values, spans) filed under keys. An
// update replaces that article's records and forgets the cached findings of only the keys it
// touched before or after, so re-analysing one article never recomputes the whole workspace.
// Article texts are not kept: records hold offsets, names and values.
import type { Analysis, Entity, Finding, RelatedSpan, Span } from '../analysis/types';
import {
  type ContentWord,
  contentWords,
  isComparableUnit,
  isCompoundModifier,
  plausibleRivals,
  sameSubject,
  subjectWords,
  type TimeFrame,
  timeFrameFor,
  timeFramesInSentence,
  unitLemma,
  valueRange,
  valuesConsistent,
} from './figures';
import { type ClusterOverrides, clusterKeyFunction, nameKey, nameWords, spellingsAgree, wordKey } from './keys';

export type { ClusterOverrides } from './keys';

/** One mention of a person or organisation in one article. */
export interface NameMention extends Span {
  uri: string;
  kind: 'person' | 'organization';
  /** The name this mention resolves to inside its article. */
  canonical: string;
  /** The words as written. */
  text: string;
}

/** One figure in one article, with what it counts and over which period. */
export interface FigureRecord extends Span {
  uri: string;
  text: string;
  value: number;
  valueHigh?: number;
  unit: string;
  /** The counted noun in the singular, the basis of comparison. */
  lemma: string;
  qualifier?: string;
  /** The normalised time frame phrase of its sentence, or null when none is stated. */
  timeFrame: string | null;
  sentence: Span;
  /** Who the claim holding this figure is attributed to, or null. */
  source: string | null;
  /** Stemmed content words of its sentence: what the figure is about, approximately. */
  subject: string[];
  /** The start of its sentence as written (at most EXCERPT_LENGTH characters), for views and hovers. */
  excerpt: string;
}

/** A claim as the fact-check sheet lists it. */
export interface ClaimRecord extends Span {
  uri: string;
  kind: 'figure' | 'comparison' | 'statement';
  attributed: boolean;
  source: string | null;
  anonymous: boolean;
  /** The start of the claim as written (at most EXCERPT_LENGTH characters), for views. */
  excerpt: string;
}

/**
 * How much of a claim or a figure's sentence the index keeps. The index holds no article texts;
 * a short excerpt lets the workspace views show every claim without reading 10,000 files again,
 * at a bounded cost per record.
 */
export const EXCERPT_LENGTH = 160;

function excerptOf(text: string, span: Span): string {
  const end = Math.min(span.end, span.start + EXCERPT_LENGTH);
  return detached(text.slice(span.start, end).replace(/\s+/g, ' ') + (end < span.end ? '…' : ''));
}

/**
 * A copy of a string that does not point into the string it was cut from. V8 represents a slice
 * of 13 or more characters as a view of its parent, so one kept excerpt or subject word would keep
 * the whole article text alive; the index holds records of thousands of articles whose texts must
 * go. Measured on 2,000 generated articles: without this, the heap held every article text.
 */
function detached(text: string): string {
  return text.length < 13 ? text : Buffer.from(text, 'utf8').toString('utf8');
}

export interface EntityCluster {
  key: string;
  kind: 'person' | 'organization';
  /** The spelling most articles use. */
  canonical: string;
  /** Every distinct way the entity is written, the canonical first. */
  variants: string[];
  /** Articles that mention it, in the order they were added. */
  uris: string[];
  mentions: number;
}

export interface MeasureGroup {
  /** The counted noun in the singular. */
  unit: string;
  timeFrame: string | null;
  figures: FigureRecord[];
}

export interface SourceEntry {
  /** The cluster's canonical name, or the anonymous description as written. */
  name: string;
  anonymous: boolean;
  claims: ClaimRecord[];
}

interface Contribution {
  mentions: NameMention[];
  figures: FigureRecord[];
  claims: ClaimRecord[];
  nameKeys: Set<string>;
  measureKeys: Set<string>;
  valueKeys: Set<string>;
}

/** Figures below this value are too common to be the same figure by coincidence of value alone. */
export const SAME_VALUE_MINIMUM = 100;

type Bucket<T> = Map<string, Map<string, T[]>>;

export class WorkspaceIndex {
  private readonly contributions = new Map<string, Contribution>();
  private readonly nameBuckets: Bucket<NameMention> = new Map();
  private readonly measureBuckets: Bucket<FigureRecord> = new Map();
  private readonly valueBuckets: Bucket<FigureRecord> = new Map();
  private readonly nameFindings = new Map<string, Map<string, Finding[]>>();
  private readonly measureFindings = new Map<string, Map<string, Finding[]>>();
  private readonly valueFindings = new Map<string, Map<string, Finding[]>>();
  /**
   * Findings of single articles under a measure or value key, filled one article at a time:
   * `findingsFor` needs only its article's, which costs the size of the key's group, whereas all
   * of them cost its square (a group of 800 articles of one story took seconds).
   */
  private readonly measureFindingsOf = new Map<string, Map<string, Finding[]>>();
  private readonly valueFindingsOf = new Map<string, Map<string, Finding[]>>();
  private readonly clusterKey: (kind: string, name: string) => string;
  /** The last `clusters()` answer; any update or removal clears it. */
  private clusterCache: EntityCluster[] | null = null;
  /** For the cached clusters: every name key (surnames folded in included) to its cluster's key, and back. */
  private clusterOfKey = new Map<string, string>();
  private keysOfCluster = new Map<string, string[]>();
  private clusterByKey = new Map<string, EntityCluster>();
  /**
   * One copy of each subject word and time frame: figures of thousands of articles share a small
   * vocabulary, and a figure's two dozen subject words were most of an article's records.
   */
  private readonly interned = new Map<string, string>();

  constructor(overrides: ClusterOverrides = { merge: [], split: [] }) {
    this.clusterKey = clusterKeyFunction(overrides);
  }

  /** The articles indexed, in the order they were first added. */
  uris(): string[] {
    return [...this.contributions.keys()];
  }

  /** Adds or replaces one article. `text` is read for time frames and not kept. */
  update(uri: string, analysis: Analysis, text: string): void {
    this.remove(uri);
    const contribution = this.contribute(uri, analysis, text);
    this.contributions.set(uri, contribution);
    for (const mention of contribution.mentions) {
      const key = this.clusterKey(mention.kind, mention.canonical);
      contribution.nameKeys.add(key);
      addTo(this.nameBuckets, key, uri, mention);
    }
    for (const figure of contribution.figures) {
      const measure = measureKey(figure);
      contribution.measureKeys.add(measure);
      addTo(this.measureBuckets, measure, uri, figure);
      if (figure.value >= SAME_VALUE_MINIMUM) {
        const valueKey = sameValueKey(figure);
        contribution.valueKeys.add(valueKey);
        addTo(this.valueBuckets, valueKey, uri, figure);
      }
    }
    this.forget(contribution);
    this.clusterCache = null;
  }

  /** Drops one article and everything it contributed. */
  remove(uri: string): void {
    const contribution = this.contributions.get(uri);
    if (contribution === undefined) {
      return;
    }
    this.contributions.delete(uri);
    for (const key of contribution.nameKeys) removeFrom(this.nameBuckets, key, uri);
    for (const key of contribution.measureKeys) removeFrom(this.measureBuckets, key, uri);
    for (const key of contribution.valueKeys) removeFrom(this.valueBuckets, key, uri);
    this.forget(contribution);
    this.clusterCache = null;
  }

  /** The cross-article findings for one article, sorted by offset. */
  findingsFor(uri: string): Finding[] {
    const contribution = this.contributions.get(uri);
    if (contribution === undefined) {
      return [];
    }
    const findings: Finding[] = [];
    for (const key of contribution.nameKeys) {
      findings.push(...(cached(this.nameFindings, key, () => this.nameVariantFindings(key)).get(uri) ?? []));
    }
    for (const key of contribution.measureKeys) {
      findings.push(...cachedFor(this.measureFindingsOf, key, uri, () => this.mismatchFindings(key, uri).get(uri)));
    }
    for (const key of contribution.valueKeys) {
      findings.push(...cachedFor(this.valueFindingsOf, key, uri, () => this.sameValueFindings(key, uri).get(uri)));
    }
    return findings.sort((a, b) => a.start - b.start || a.end - b.end || a.message.localeCompare(b.message));
  }

  /** People and organisations across all articles, the most mentioned first. */
  clusters(): EntityCluster[] {
    this.clusterCache ??= this.computeClusters();
    // Copies, so that a caller changing its answer cannot change the cached one.
    return this.clusterCache.map((cluster) => ({
      ...cluster,
      variants: [...cluster.variants],
      uris: [...cluster.uris],
    }));
  }

  private computeClusters(): EntityCluster[] {
    const clusters = new Map<string, EntityCluster>();
    for (const [key, byUri] of this.nameBuckets) {
      const mentions = [...byUri.values()].flat();
      const first = mentions[0];
      if (first === undefined) continue;
      clusters.set(key, {
        key,
        kind: first.kind,
        canonical: preferredSpelling(byUri, key.startsWith('merge:')) ?? first.canonical,
        variants: [],
        uris: [...byUri.keys()],
        mentions: mentions.length,
      });
    }
    // A surname the article never expands ("Volkov") joins the one full-name cluster whose last
    // word matches; with two candidates it stays apart, because guessing would merge two people.
    const fullBySurname = new Map<string, string[]>();
    for (const cluster of clusters.values()) {
      const words = nameWords(cluster.canonical);
      if (cluster.kind === 'person' && words.length >= 2) {
        const surnameKey = wordKey(words[words.length - 1] ?? '');
        fullBySurname.set(surnameKey, [...(fullBySurname.get(surnameKey) ?? []), cluster.key]);
      }
    }
    const foldedInto = new Map<string, string>();
    for (const cluster of clusters.values()) {
      const words = nameWords(cluster.canonical);
      if (cluster.kind === 'person' && words.length === 1) {
        const targets = fullBySurname.get(wordKey(words[0] ?? ''));
        if (targets?.length === 1 && targets[0] !== undefined) {
          foldedInto.set(cluster.key, targets[0]);
        }
      }
    }
    for (const [from, to] of foldedInto) {
      const source = clusters.get(from);
      const target = clusters.get(to);
      if (source === undefined || target === undefined) continue;
      target.mentions += source.mentions;
      target.uris = [...new Set([...target.uris, ...source.uris])];
      clusters.delete(from);
    }
    const foldedFrom = new Map<string, string[]>();
    for (const [from, to] of foldedInto) foldedFrom.set(to, [...(foldedFrom.get(to) ?? []), from]);
    this.clusterOfKey = new Map();
    this.keysOfCluster = new Map();
    this.clusterByKey = clusters;
    for (const cluster of clusters.values()) {
      const keys = [cluster.key, ...(foldedFrom.get(cluster.key) ?? [])];
      this.keysOfCluster.set(cluster.key, keys);
      for (const key of keys) this.clusterOfKey.set(key, cluster.key);
      const written = new Set<string>([cluster.canonical]);
      for (const key of keys) {
        for (const mentions of this.nameBuckets.get(key)?.values() ?? []) {
          for (const mention of mentions) written.add(mention.text);
        }
      }
      cluster.variants = [...written];
    }
    return [...clusters.values()].sort(
      (a, b) => b.uris.length - a.uris.length || b.mentions - a.mentions || a.canonical.localeCompare(b.canonical),
    );
  }

  /**
   * The cluster a name belongs to, as `clusters()` reports it (a bare surname folded into its
   * full name's cluster is found under that cluster), or undefined when no article mentions it.
   */
  clusterOf(kind: 'person' | 'organization', name: string): EntityCluster | undefined {
    this.clusterCache ??= this.computeClusters();
    const clusterKey = this.clusterOfKey.get(this.clusterKey(kind, name));
    const cluster = clusterKey === undefined ? undefined : this.clusterByKey.get(clusterKey);
    return cluster === undefined ? undefined : { ...cluster, variants: [...cluster.variants], uris: [...cluster.uris] };
  }

  /**
   * How many articles write this name or a spelling of it (bare surnames not folded in): a
   * constant-time answer for hovers, which must not wait for the clusters to be recomputed.
   */
  articlesMentioning(kind: 'person' | 'organization', name: string): number {
    return this.nameBuckets.get(this.clusterKey(kind, name))?.size ?? 0;
  }

  /** Every mention of a cluster in every article, article by article in index order, each in text order. */
  mentionsOf(cluster: Pick<EntityCluster, 'key'>): NameMention[] {
    this.clusters();
    const keys = this.keysOfCluster.get(cluster.key) ?? [cluster.key];
    const byUri = new Map<string, NameMention[]>();
    for (const key of keys) {
      for (const [uri, mentions] of this.nameBuckets.get(key) ?? []) {
        byUri.set(uri, [...(byUri.get(uri) ?? []), ...mentions]);
      }
    }
    const order = new Map([...this.contributions.keys()].map((uri, position) => [uri, position]));
    return [...byUri.entries()]
      .sort(([a], [b]) => (order.get(a) ?? 0) - (order.get(b) ?? 0))
      .flatMap(([, mentions]) => mentions.map((mention) => ({ ...mention })).sort((a, b) => a.start - b.start));
  }

  /** The comparable figure of one article that covers `offset`, if the index kept one there. */
  figureAt(uri: string, offset: number): FigureRecord | undefined {
    const figure = this.contributions
      .get(uri)
      ?.figures.find((record) => record.start <= offset && offset <= record.end);
    return figure === undefined ? undefined : { ...figure, subject: [...figure.subject] };
  }

  /**
   * The figures of other articles that count the same thing over the same time frame as `figure`
   * (its measure), what a hover lists. Sources stay as each article resolved them: naming them by
   * cluster would need the clusters, which every edit invalidates, and a hover must stay fast.
   */
  sameMeasureElsewhere(figure: FigureRecord): FigureRecord[] {
    const byUri = this.measureBuckets.get(measureKey(figure));
    if (byUri === undefined) return [];
    const others: FigureRecord[] = [];
    for (const [uri, figures] of byUri) {
      if (uri === figure.uri) continue;
      for (const other of figures) others.push({ ...other, subject: [...other.subject] });
    }
    return others;
  }

  /**
   * Figures that carry a `figure-mismatch` finding against another article, as `uri` and start
   * offset joined by a NUL, so that a view can mark them without asking for findings file by file.
   */
  conflictingFigures(): Set<string> {
    const conflicts = new Set<string>();
    for (const [key, byUri] of this.measureBuckets) {
      if (byUri.size < 2) continue;
      for (const [uri, findings] of cached(this.measureFindings, key, () => this.mismatchFindings(key))) {
        for (const finding of findings) conflicts.add(figureKey(uri, finding.start));
      }
    }
    for (const [key, byUri] of this.valueBuckets) {
      if (byUri.size < 2) continue;
      for (const [uri, findings] of cached(this.valueFindings, key, () => this.sameValueFindings(key))) {
        for (const finding of findings) {
          if (finding.related?.some((related) => related.uri !== undefined && related.uri !== uri) === true) {
            conflicts.add(figureKey(uri, finding.start));
          }
        }
      }
    }
    return conflicts;
  }

  /** How many articles the index holds. */
  get size(): number {
    return this.contributions.size;
  }

  /** Figures grouped by measure (counted noun and time frame), the most reported first; sources use canonical names. */
  figuresByMeasure(): MeasureGroup[] {
    const canonicalName = this.sourceNamer();
    const groups: MeasureGroup[] = [];
    for (const byUri of this.measureBuckets.values()) {
      // Copies, with each source under its cluster's canonical name, so callers never see the
      // index's own records (and cannot change them).
      const figures = [...byUri.values()]
        .flat()
        .map((figure) => ({ ...figure, source: figure.source === null ? null : canonicalName(figure.source) }));
      const first = figures[0];
      if (first === undefined) continue;
      groups.push({ unit: first.lemma, timeFrame: first.timeFrame, figures });
    }
    return groups.sort(
      (a, b) =>
        b.figures.length - a.figures.length ||
        a.unit.localeCompare(b.unit) ||
        (a.timeFrame ?? '').localeCompare(b.timeFrame ?? ''),
    );
  }

  /** Every source with its attributed claims, named sources under their cluster's canonical name. */
  sources(): SourceEntry[] {
    const canonicalName = this.sourceNamer();
    const entries = new Map<string, SourceEntry>();
    for (const contribution of this.contributions.values()) {
      for (const claim of contribution.claims) {
        if (!claim.attributed || claim.source === null) continue;
        const name = claim.anonymous ? claim.source : canonicalName(claim.source);
        const key = `${claim.anonymous ? 'anonymous' : 'named'}:${name.toLowerCase()}`;
        const entry = entries.get(key) ?? { name, anonymous: claim.anonymous, claims: [] };
        entry.claims.push(claim);
        entries.set(key, entry);
      }
    }
    return [...entries.values()].sort(
      (a, b) =>
        Number(a.anonymous) - Number(b.anonymous) || b.claims.length - a.claims.length || a.name.localeCompare(b.name),
    );
  }

  /** Maps a source name as one article resolved it to its cluster's canonical spelling. */
  private sourceNamer(): (name: string) => string {
    const canonicalByKey = new Map(this.clusters().map((cluster) => [cluster.key, cluster.canonical]));
    return (name) =>
      canonicalByKey.get(this.clusterKey('person', name)) ??
      canonicalByKey.get(this.clusterKey('organization', name)) ??
      name;
  }

  /** Claims with no attribution, article by article. */
  unattributedClaims(): ClaimRecord[] {
    return [...this.contributions.values()].flatMap((contribution) =>
      contribution.claims.filter((claim) => !claim.attributed),
    );
  }

  private contribute(uri: string, analysis: Analysis, text: string): Contribution {
    const mentions: NameMention[] = [];
    const dates: Entity[] = [];
    for (const entity of analysis.entities) {
      if ((entity.kind === 'person' || entity.kind === 'organization') && entity.canonical !== undefined) {
        mentions.push({
          uri,
          kind: entity.kind,
          canonical: entity.canonical,
          text: entity.text,
          start: entity.start,
          end: entity.end,
        });
      } else if (entity.kind === 'date') {
        dates.push(entity);
      }
    }
    const sourceOfClaim = (claimIndex: number): { source: string | null; anonymous: boolean } => {
      const claim = analysis.claims[claimIndex];
      const attribution =
        claim?.attribution === null || claim === undefined ? undefined : analysis.attributions[claim.attribution];
      if (attribution === undefined) return { source: null, anonymous: false };
      return { source: attribution.sourceName ?? attribution.source?.text ?? null, anonymous: attribution.anonymous };
    };
    const claims: ClaimRecord[] = analysis.claims.map((claim, index) => ({
      uri,
      start: claim.start,
      end: claim.end,
      kind: claim.kind,
      attributed: claim.attributed,
      ...sourceOfClaim(index),
      excerpt: excerptOf(text, claim),
    }));
    const claimOfFigure = new Map<number, number>();
    analysis.claims.forEach((claim, claimIndex) => {
      for (const figure of claim.figures) claimOfFigure.set(figure, claimIndex);
    });

    // Entities and sentences are both sorted, so one forward walk finds each figure's sentence
    // and the dates inside it: linear in the article's length.
    const figures: FigureRecord[] = [];
    let sentenceIndex = 0;
    let dateIndex = 0;
    let cachedSentence = -1;
    let frames: TimeFrame[] = [];
    let numberStarts: number[] = [];
    let words: ContentWord[] = [];
    analysis.entities.forEach((entity, entityIndex) => {
      if (
        entity.kind !== 'figure' ||
        entity.value === undefined ||
        !isComparableUnit(entity.unit) ||
        isCompoundModifier(entity.text)
      ) {
        return;
      }
      while (
        sentenceIndex < analysis.sentences.length &&
        (analysis.sentences[sentenceIndex]?.end ?? 0) <= entity.start
      ) {
        sentenceIndex++;
      }
      const sentence = analysis.sentences[sentenceIndex];
      if (sentence === undefined) return;
      if (cachedSentence !== sentenceIndex) {
        // Everything about the sentence is worked out once, however many figures it holds.
        cachedSentence = sentenceIndex;
        while (dateIndex < dates.length && (dates[dateIndex]?.end ?? 0) <= sentence.start) dateIndex++;
        const sentenceDates: Entity[] = [];
        for (let index = dateIndex; index < dates.length && (dates[index]?.start ?? Infinity) < sentence.end; index++) {
          const date = dates[index];
          if (date !== undefined) sentenceDates.push(date);
        }
        const sentenceText = text.slice(sentence.start, sentence.end);
        frames = timeFramesInSentence(sentenceText, sentence.start, sentenceDates);
        numberStarts = figuresBySentence(analysis.entities, sentence, entityIndex).map((figure) => figure.start);
        words = contentWords(sentenceText, sentence.start);
      }
      const claimIndex = claimOfFigure.get(entityIndex);
      figures.push({
        uri,
        start: entity.start,
        end: entity.end,
        text: entity.text,
        value: entity.value,
        ...(entity.valueHigh === undefined ? {} : { valueHigh: entity.valueHigh }),
        unit: entity.unit,
        lemma: unitLemma(entity.unit),
        ...(entity.qualifier === undefined ? {} : { qualifier: entity.qualifier }),
        timeFrame: this.internOrNull(timeFrameFor(entity, frames, numberStarts)),
        sentence: { start: sentence.start, end: sentence.end },
        source: claimIndex === undefined ? null : sourceOfClaim(claimIndex).source,
        subject: subjectWords(words, entity).map((word) => this.intern(word)),
        excerpt: excerptOf(text, sentence),
      });
    });
    return { mentions, figures, claims, nameKeys: new Set(), measureKeys: new Set(), valueKeys: new Set() };
  }

  private intern(text: string): string {
    let copy = this.interned.get(text);
    if (copy === undefined) {
      copy = detached(text);
      this.interned.set(copy, copy);
    }
    return copy;
  }

  private internOrNull(text: string | null): string | null {
    return text === null ? null : this.intern(text);
  }

  private forget(contribution: Contribution): void {
    for (const key of contribution.nameKeys) this.nameFindings.delete(key);
    for (const key of contribution.measureKeys) {
      this.measureFindings.delete(key);
      this.measureFindingsOf.delete(key);
    }
    for (const key of contribution.valueKeys) {
      this.valueFindings.delete(key);
      this.valueFindingsOf.delete(key);
    }
  }

  /**
   * `name-variant`: a name one article spells differently from the spelling most articles use.
   * Only spellings that agree letter for letter up to transliteration count (or names the user
   * merged), so an alias or acronym ("ISIS" for "Islamic State") is never called a misspelling.
   */
  private nameVariantFindings(key: string): Map<string, Finding[]> {
    const result = new Map<string, Finding[]>();
    const byUri = this.nameBuckets.get(key);
    if (byUri === undefined || byUri.size < 2) return result;
    const merged = key.startsWith('merge:');
    const preferred = preferredSpelling(byUri, merged);
    if (preferred === null) return result;
    const preferredMentions: NameMention[] = [];
    for (const mentions of byUri.values()) {
      const first = mentions.find((mention) => mention.text === preferred);
      if (first !== undefined) preferredMentions.push(first);
    }
    for (const [uri, mentions] of byUri) {
      const findings: Finding[] = [];
      for (const mention of mentions) {
        if (!isSpelling(mention, merged) || mention.text === preferred) continue;
        if (!merged && !spellingsAgree(mention.text, preferred)) continue;
        if (isStyleVariant(mention.text, preferred)) continue;
        // One word leaves too little to tell a misspelling from another name (Hart/Hurt, Brad/Brady).
        if (!merged && nameWords(preferred).length < 2) continue;
        const related: RelatedSpan[] = preferredMentions
          .filter((other) => other.uri !== uri)
          .map((other) => ({
            start: other.start,
            end: other.end,
            uri: other.uri,
            message: `spelt "${preferred}" here`,
          }));
        if (related.length === 0) continue;
        findings.push({
          start: mention.start,
          end: mention.end,
          code: 'name-variant',
          severity: 'information',
          message: `"${mention.text}" is spelt "${preferred}" in ${related.length} other ${related.length === 1 ? 'article' : 'articles'}`,
          reason: merged ? 'cross.name-variant.merged' : 'cross.name-variant',
          data: { preferred },
          related,
        });
      }
      if (findings.length > 0) result.set(uri, findings);
    }
    return result;
  }

  /**
   * `figure-mismatch`: a figure no figure of the same measure in another article agrees with.
   * An article that itself gives inconsistent values for one measure is not compared, because
   * then the measure key is too coarse to tell its figures apart.
   */
  private mismatchFindings(key: string, onlyUri?: string): Map<string, Finding[]> {
    const result = new Map<string, Finding[]>();
    const byUri = this.measureBuckets.get(key);
    if (byUri === undefined || byUri.size < 2) return result;
    const selfConsistent = new Map<string, boolean>();
    for (const [uri, figures] of byUri) selfConsistent.set(uri, allConsistent(figures));
    for (const [uri, figures] of byUri) {
      if (selfConsistent.get(uri) !== true || (onlyUri !== undefined && uri !== onlyUri)) continue;
      const findings: Finding[] = [];
      for (const figure of figures) {
        const range = valueRange(figure.value, figure.valueHigh, figure.qualifier);
        for (const [otherUri, others] of byUri) {
          if (otherUri === uri || selfConsistent.get(otherUri) !== true) continue;
          // Only figures about the same thing are compared; if any of those agrees, all is well.
          const comparable = others.filter((other) => sameSubject(figure.subject, other.subject));
          const rivals = comparable.filter((other) => plausibleRivals(figure.value, other.value));
          if (
            rivals.length === 0 ||
            comparable.some((other) =>
              valuesConsistent(range, valueRange(other.value, other.valueHigh, other.qualifier)),
            )
          ) {
            continue;
          }
          const other = rivals[0];
          if (other === undefined) continue;
          findings.push({
            start: figure.start,
            end: figure.end,
            code: 'figure-mismatch',
            severity: 'information',
            message: `"${figure.text}" disagrees with "${other.text}" in ${otherUri}${figure.timeFrame === null ? '' : ` (${figure.timeFrame})`}`,
            reason: 'cross.figure-mismatch',
            related: rivals.map((entry) => ({
              start: entry.sentence.start,
              end: entry.sentence.end,
              uri: otherUri,
              message: `reports "${entry.text}"`,
            })),
          });
        }
      }
      if (findings.length > 0) result.set(uri, findings);
    }
    return result;
  }

  /**
   * `figure-mismatch` (same value, other noun): the same figure, qualifier and time frame
   * counting a different noun ("some 600 militants", "some 600 mercenaries"), in another
   * sentence of the same or another article. Not a contradiction but a change an editor should see.
   */
  private sameValueFindings(key: string, onlyUri?: string): Map<string, Finding[]> {
    const result = new Map<string, Finding[]>();
    const byUri = this.valueBuckets.get(key);
    if (byUri === undefined) return result;
    const all = [...byUri.values()].flat();
    for (const figure of all) {
      if (onlyUri !== undefined && figure.uri !== onlyUri) continue;
      const others = all.filter(
        (other) =>
          other.lemma !== figure.lemma &&
          !(other.uri === figure.uri && other.sentence.start === figure.sentence.start) &&
          sameSubject(figure.subject, other.subject),
      );
      if (others.length === 0) continue;
      const first = others[0];
      if (first === undefined) continue;
      const where = (uri: string): string => (uri === figure.uri ? 'elsewhere in this article' : `in ${uri}`);
      const finding: Finding = {
        start: figure.start,
        end: figure.end,
        code: 'figure-mismatch',
        severity: 'information',
        message: `Same figure, another noun: "${figure.text}" here, "${first.text}" ${where(first.uri)}`,
        reason: 'cross.same-value-other-noun',
        related: others.map((other) => ({
          start: other.sentence.start,
          end: other.sentence.end,
          ...(other.uri === figure.uri ? {} : { uri: other.uri }),
          message: `reports "${other.text}"`,
        })),
      };
      result.set(figure.uri, [...(result.get(figure.uri) ?? []), finding]);
    }
    return result;
  }
}

/**
 * The figures of one sentence, found by walking out from a figure known to be in it, so the cost
 * is the sentence's entities, not the article's.
 */
function figuresBySentence(entities: readonly Entity[], sentence: Span, inside: number): Entity[] {
  const found: Entity[] = [];
  for (let index = inside; index >= 0; index--) {
    const entity = entities[index];
    if (entity === undefined || entity.start < sentence.start) break;
    if (entity.kind === 'figure') found.push(entity);
  }
  for (let index = inside + 1; index < entities.length; index++) {
    const entity = entities[index];
    if (entity === undefined || entity.start >= sentence.end) break;
    if (entity.kind === 'figure') found.push(entity);
  }
  return found.sort((a, b) => a.start - b.start);
}

/** The key `conflictingFigures()` uses for one figure of one article. */
export function figureKey(uri: string, start: number): string {
  return `${uri}\u0000${start}`;
}

function measureKey(figure: Pick<FigureRecord, 'lemma' | 'timeFrame'>): string {
  return `${figure.lemma}|${figure.timeFrame ?? ''}`;
}

function sameValueKey(figure: FigureRecord): string {
  // The qualifier is left out: "600 militants" in a headline and "some 600 mercenaries" in the
  // quote below it are the same figure however each was hedged.
  return `${figure.value}|${figure.valueHigh ?? ''}|${figure.timeFrame ?? ''}`;
}

function allConsistent(figures: readonly FigureRecord[]): boolean {
  const ranges = figures.map((figure) => valueRange(figure.value, figure.valueHigh, figure.qualifier));
  return ranges.every((range, index) => ranges.slice(index + 1).every((other) => valuesConsistent(range, other)));
}

/**
 * True when two spellings differ in house style, not in spelling, so `name-variant` stays
 * silent: the same letters with other capitals, punctuation or spaces ("USA TODAY"/"USA Today",
 * "U.N."/"UN", "O’Malley"/"O'Malley", "al-Qaeda"/"Al Qaeda"), or an acronym on either side,
 * whose letters no transliteration changes ("WEEI"/"WWII" share a skeleton but are two names).
 * A capital slipped into a word ("HIllary") is a typo, not a style, and is still reported.
 */
export function isStyleVariant(a: string, b: string): boolean {
  const letters = (text: string): string => text.replace(/[^\p{L}\p{N}]/gu, '');
  const isAcronym = (text: string): boolean => !/\p{Ll}/u.test(text);
  if (isAcronym(a) || isAcronym(b)) return true;
  if (letters(a).toLowerCase() !== letters(b).toLowerCase()) return false;
  const strayCapital = /\p{Lu}{2}\p{Ll}/u;
  return !strayCapital.test(a) && !strayCapital.test(b);
}

/** A mention written out in full (not a surname or an acronym), so its spelling can be compared. */
function isSpelling(mention: NameMention, merged: boolean): boolean {
  if (nameWords(mention.text).length !== nameWords(mention.canonical).length) return false;
  return merged || mention.text === mention.canonical || nameKey(mention.text) === nameKey(mention.canonical);
}

/**
 * The spelling most articles use; ties go to the spelling with more mentions, then to the
 * alphabetically first, so the answer never depends on the order articles were opened.
 */
function preferredSpelling(byUri: Map<string, NameMention[]>, merged: boolean): string | null {
  const articles = new Map<string, Set<string>>();
  const counts = new Map<string, number>();
  for (const [uri, mentions] of byUri) {
    for (const mention of mentions) {
      if (!isSpelling(mention, merged)) continue;
      articles.set(mention.text, (articles.get(mention.text) ?? new Set()).add(uri));
      counts.set(mention.text, (counts.get(mention.text) ?? 0) + 1);
    }
  }
  let best: string | null = null;
  for (const spelling of articles.keys()) {
    if (best === null) {
      best = spelling;
      continue;
    }
    const difference =
      (articles.get(spelling)?.size ?? 0) - (articles.get(best)?.size ?? 0) ||
      (counts.get(spelling) ?? 0) - (counts.get(best) ?? 0) ||
      (spelling < best ? 1 : -1);
    if (difference > 0) best = spelling;
  }
  return best;
}

function addTo<T>(buckets: Bucket<T>, key: string, uri: string, value: T): void {
  let byUri = buckets.get(key);
  if (byUri === undefined) {
    byUri = new Map();
    buckets.set(key, byUri);
  }
  const list = byUri.get(uri);
  if (list === undefined) byUri.set(uri, [value]);
  else list.push(value);
}

function removeFrom<T>(buckets: Bucket<T>, key: string, uri: string): void {
  const byUri = buckets.get(key);
  if (byUri === undefined) return;
  byUri.delete(uri);
  if (byUri.size === 0) buckets.delete(key);
}

function cachedFor(
  cache: Map<string, Map<string, Finding[]>>,
  key: string,
  uri: string,
  compute: () => Finding[] | undefined,
): Finding[] {
  let byUri = cache.get(key);
  if (byUri === undefined) {
    byUri = new Map();
    cache.set(key, byUri);
  }
  let findings = byUri.get(uri);
  if (findings === undefined) {
    findings = compute() ?? [];
    byUri.set(uri, findings);
  }
  return findings;
}

function cached(
  cache: Map<string, Map<string, Finding[]>>,
  key: string,
  compute: () => Map<string, Finding[]>,
): Map<string, Finding[]> {
  let value = cache.get(key);
  if (value === undefined) {
    value = compute();
    cache.set(key, value);
  }
  return value;
}
