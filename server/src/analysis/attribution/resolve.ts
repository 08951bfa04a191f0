// Resolves the span that names a speaker ("Kartapolov", "he", "the General", "a senior
// official") to a named person or organisation. The resolver keeps a running record of the
// last person, the last organisation and the last person with each title word while it moves
// forward through the entities, so each attribution costs a binary search and a few map
// look-ups, never a rescan of the document.
import { LEARNED_LOWERCASE } from '../data/learned';
import type { Entity, TextSpan } from '../types';
import {
  ANONYMOUS_NOUNS,
  INDEFINITE_OPENERS,
  ORGANISATION_NOUNS,
  ORGANISATION_PRONOUNS,
  PERSON_NOUNS,
  PERSON_PRONOUNS,
} from './lexicon';

export interface Resolution {
  sourceName: string | null;
  sourceEntity: number | null;
  anonymous: boolean;
  /** Which rule resolved the source, appended to the attribution's reason. */
  rule: string;
}

/** Words that end the head of a description: "a senior official | with the General Staff". */
const POST_MODIFIER_STARTS: ReadonlySet<string> = new Set(
  'of with at in from for familiar close who speaking on inside within'.split(' '),
);

/**
 * Splits a lower-cased source into words at spaces and punctuation, keeping inner apostrophes,
 * hyphens and full stops ("al-assad", "u.s"). A hand loop: this runs once per attribution.
 */
function splitWords(text: string): string[] {
  const words: string[] = [];
  let start = -1;
  for (let position = 0; position <= text.length; position++) {
    const code = position < text.length ? text.charCodeAt(position) : 32;
    const isWordCharacter =
      (code >= 97 && code <= 122) ||
      (code >= 48 && code <= 57) ||
      (code > 127 && code !== 0x2019 && code !== 0x201c && code !== 0x201d && code !== 0xa0 && code !== 0x2014);
    const isJoiner = code === 39 || code === 0x2019 || code === 45 || code === 46;
    if (isWordCharacter) {
      if (start < 0) start = position;
    } else if (start >= 0 && !(isJoiner && position + 1 < text.length && text.charCodeAt(position + 1) > 47)) {
      words.push(text.slice(start, position));
      start = -1;
    }
  }
  return words;
}

function isNamed(entity: Entity): boolean {
  return entity.kind === 'person' || entity.kind === 'organization' || entity.kind === 'place';
}

function nameOf(entity: Entity): string {
  return entity.canonical ?? entity.text;
}

export class SourceResolver {
  private nextEntity = 0;
  private lastPerson: number | null = null;
  private lastOrganisation: number | null = null;
  private readonly lastWithTitleWord = new Map<string, number>();

  constructor(private readonly entities: readonly Entity[]) {}

  /** Moves the running state forward so that it covers every entity starting before `offset`. */
  private advanceTo(offset: number): void {
    while (this.nextEntity < this.entities.length) {
      const entity = this.entities[this.nextEntity];
      if (entity === undefined || entity.start >= offset) break;
      this.remember(this.nextEntity);
      this.nextEntity++;
    }
  }

  /** Records a mention as the most recent of its kind, including its title words. */
  private remember(index: number): void {
    const entity = this.entities[index];
    if (entity === undefined) return;
    if (entity.kind === 'person') {
      this.lastPerson = index;
      // Only the title words matter; names without a title skip the word split entirely.
      if (entity.title !== undefined) {
        for (const word of titleWords(entity.title)) this.lastWithTitleWord.set(word, index);
      }
    } else if (entity.kind === 'organization') {
      this.lastOrganisation = index;
    }
  }

  /** The first entity index whose start is at or after `offset`. */
  private firstEntityAtOrAfter(offset: number): number {
    let low = 0;
    let high = this.entities.length;
    while (low < high) {
      const middle = (low + high) >> 1;
      if ((this.entities[middle]?.start ?? 0) < offset) low = middle + 1;
      else high = middle;
    }
    return low;
  }

  /** The named entity inside the span: a person first, then an organisation, then a place; the last of each kind wins. */
  private namedInside(span: TextSpan): number | null {
    let person: number | null = null;
    let organisation: number | null = null;
    let place: number | null = null;
    for (let index = this.firstEntityAtOrAfter(span.start); index < this.entities.length; index++) {
      const entity = this.entities[index];
      if (entity === undefined || entity.start >= span.end) break;
      if (entity.end > span.end || !isNamed(entity)) continue;
      if (entity.kind === 'person') person = index;
      else if (entity.kind === 'organization') organisation = index;
      else place = index;
    }
    return person ?? organisation ?? place;
  }

  private named(index: number, rule: string): Resolution {
    const entity = this.entities[index];
    this.remember(index);
    return {
      sourceName: entity === undefined ? null : nameOf(entity),
      sourceEntity: index,
      anonymous: false,
      rule,
    };
  }

  /**
   * What `resolve(source)` would give now, leaving the running state as it is: pass 5 asks
   * whether a source resolves before it knows whether its attribution stays. It works on a copy
   * of the state, which costs the title-word map's size; pass 5 asks only for a participle after
   * a learned cue ("The bill passed the Senate, saying …"), a few times per article.
   */
  peek(source: TextSpan): Resolution {
    const copy = new SourceResolver(this.entities);
    copy.nextEntity = this.nextEntity;
    copy.lastPerson = this.lastPerson;
    copy.lastOrganisation = this.lastOrganisation;
    for (const [word, index] of this.lastWithTitleWord) copy.lastWithTitleWord.set(word, index);
    return copy.resolve(source);
  }

  resolve(source: TextSpan): Resolution {
    this.advanceTo(source.start);
    const words = splitWords(source.text.toLowerCase());
    const first = words[0] ?? '';
    let headEnd = words.findIndex((word, position) => position > 0 && POST_MODIFIER_STARTS.has(word));
    if (headEnd < 0) headEnd = words.length;
    const head = words[headEnd - 1] ?? '';
    const definite = first === 'the' || first === 'this' || first === 'that';

    // An unnamed description ("a senior official with the General Staff", "sources") stays
    // anonymous even when it mentions an organisation after its head noun.
    const indefinite = INDEFINITE_OPENERS.has(first) || (words.length <= 3 && head.endsWith('s') && !definite);
    if (ANONYMOUS_NOUNS.has(head) && (indefinite || (definite && !PERSON_NOUNS.has(head)))) {
      return { sourceName: null, sourceEntity: null, anonymous: true, rule: 'anonymous' };
    }

    const inside = this.namedInside(source);
    // A bare title the entity pass took for a name ("the General") is a description, not a name.
    const insideText = inside === null ? '' : (this.entities[inside]?.text ?? '').toLowerCase();
    if (inside !== null && !PERSON_NOUNS.has(insideText)) {
      // "Kartapolov, a senior General Staff official": the description's nouns become titles,
      // so that a later "the Russian official" finds him.
      if (this.entities[inside]?.kind === 'person') {
        for (const word of words) if (PERSON_NOUNS.has(word)) this.lastWithTitleWord.set(word, inside);
      }
      return this.named(inside, 'name');
    }

    if (words.length === 1 && PERSON_PRONOUNS.has(first)) {
      return this.lastPerson === null ? unresolved('pronoun') : this.named(this.lastPerson, 'pronoun');
    }
    if (words.length === 1 && ORGANISATION_PRONOUNS.has(first)) {
      return this.lastOrganisation === null ? unresolved('pronoun') : this.named(this.lastOrganisation, 'pronoun');
    }
    if (definite && PERSON_NOUNS.has(head)) {
      const titled = words.map((word) => this.lastWithTitleWord.get(word)).find((index) => index !== undefined);
      if (titled !== undefined) return this.named(titled, 'title');
      if (this.lastPerson !== null) return this.named(this.lastPerson, 'description');
      return ANONYMOUS_NOUNS.has(head)
        ? { sourceName: null, sourceEntity: null, anonymous: true, rule: 'anonymous' }
        : unresolved('description');
    }
    if (definite && ORGANISATION_NOUNS.has(head)) {
      return this.lastOrganisation === null
        ? unresolved('description')
        : this.named(this.lastOrganisation, 'description');
    }
    // A role at the start of a sentence ("Prosecutors said", "Former mayor admits") is capitalised
    // but is not a name: it may point back to a person with that title, or to nobody.
    const singular = head.endsWith('s') ? head.slice(0, -1) : head;
    if (words.length <= 3 && (PERSON_NOUNS.has(head) || PERSON_NOUNS.has(singular) || ANONYMOUS_NOUNS.has(head))) {
      const titled = this.lastWithTitleWord.get(singular);
      return titled === undefined ? unresolved('role') : this.named(titled, 'title');
    }
    // A capitalised name the entity pass did not know is still a name ("Varnstad claimed").
    const firstCharacter = source.text.charAt(0);
    // "Farmers in the valley" opens a sentence with an ordinary word: only a capital further on
    // ("Farmers' Union") would make it a name.
    const laterCapital = /\s\p{Lu}/u.test(source.text);
    const capitalised = definite
      ? laterCapital
      : firstCharacter !== firstCharacter.toLowerCase() &&
        !INDEFINITE_OPENERS.has(first) &&
        (laterCapital || !ORDINARY_WORDS.has(first));
    if (capitalised) {
      return { sourceName: source.text, sourceEntity: null, anonymous: false, rule: 'capitalised' };
    }
    return unresolved('unresolved');
  }
}

/** Words usually written in lower case (learned by the entity pass from PolNeAR train). */
const ORDINARY_WORDS: ReadonlySet<string> = new Set(LEARNED_LOWERCASE.split(' '));

/** Titles repeat ("Senator", "Colonel General"), so their person nouns are worked out once each. */
const TITLE_WORDS_CACHE = new Map<string, string[]>();
function titleWords(title: string): string[] {
  let words = TITLE_WORDS_CACHE.get(title);
  if (words === undefined) {
    words = title
      .toLowerCase()
      .split(/[\s.]+/)
      .filter((word) => PERSON_NOUNS.has(word));
    // The cache only bounds repeated work; a text with endless distinct titles just stops adding.
    if (TITLE_WORDS_CACHE.size < 10_000) TITLE_WORDS_CACHE.set(title, words);
  }
  return words;
}

function unresolved(rule: string): Resolution {
  return { sourceName: null, sourceEntity: null, anonymous: false, rule };
}
