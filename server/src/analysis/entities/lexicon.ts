// The lookup tables every entity rule shares, built once from the gazetteers in `../data` and,
// per configuration, from the user's extra people, organisations and aliases. Multi-word names
// are indexed by their first token so that matching at a position costs one hash lookup plus a
// comparison with the few names that start with that word.
import type { NewsClaimsConfig } from '../config';
import { firstNames } from '../data/first-names';
import { LEARNED_CAPITALISED, LEARNED_LOWERCASE, LEARNED_SURNAMES } from '../data/learned';
import { ORG_ALIAS_GROUPS, ORG_NAMES } from '../data/organizations';
import { placeEntries } from '../data/places';
import {
  CALENDAR_WORDS,
  DEMONYMS,
  DIRECTIONS,
  FUNCTION_WORDS,
  NON_ORG_ACRONYMS,
  ORG_HEADS,
  PLACE_PREFIX_HEADS,
  PLACE_SUFFIX_HEADS,
  TITLE_MODIFIERS,
  TITLES,
  WEAK_ORG_HEADS,
} from '../data/words';
import { tokenize, type Tokens } from './tokens';

export type NamedKind = 'person' | 'organization' | 'place';

export interface GazetteerEntry {
  /** The entry's tokens, lower case. */
  tokens: string[];
  /** For each token, whether the entry spells it with a capital (the text must too). */
  capitalised: boolean[];
  /** For each token, whether the entry spells it all in capitals ("ISIS"). */
  allCaps: boolean[];
  kind: NamedKind;
  canonical: string;
  reason: string;
}

export interface Lexicon {
  /** Gazetteer entries by their first token, longest first. */
  gazetteer: Map<string, GazetteerEntry[]>;
  /** Title phrases by their first token, as token lists, longest first. */
  titles: Map<string, string[][]>;
  titleModifiers: Set<string>;
  firstNames: Set<string>;
  learnedSurnames: Set<string>;
  /** Words written in lower case far more often than capitalised, mid-sentence. */
  commonWords: Set<string>;
  /** Words written capitalised far more often than in lower case, mid-sentence. */
  properWords: Set<string>;
  functionWords: Set<string>;
  orgHeads: Set<string>;
  weakOrgHeads: Set<string>;
  placeSuffixHeads: Set<string>;
  placePrefixHeads: Set<string>;
  directions: Set<string>;
  demonyms: Set<string>;
  /** Demonyms and their plurals ("russians", "democrats"), so one lookup answers both. */
  demonymsAndPlurals: Set<string>;
  calendarWords: Set<string>;
  nonOrgAcronyms: Set<string>;
  /** Config people by surname, for surname propagation before the full name appears. */
  configSurnames: Map<string, string>;
}

function entryFromName(name: string, kind: NamedKind, canonical: string, reason: string): GazetteerEntry | null {
  const tokens: Tokens = tokenize(name);
  if (tokens.count === 0) return null;
  const lower: string[] = [];
  const capitalised: boolean[] = [];
  const allCaps: boolean[] = [];
  for (let index = 0; index < tokens.count; index++) {
    const text = name.slice(tokens.starts[index], tokens.ends[index]);
    lower.push(text.toLowerCase());
    capitalised.push(text !== text.toLowerCase() && text.charAt(0) === text.charAt(0).toUpperCase());
    allCaps.push(text.length >= 2 && text === text.toUpperCase() && text !== text.toLowerCase());
  }
  return { tokens: lower, capitalised, allCaps, kind, canonical, reason };
}

function addEntry(gazetteer: Map<string, GazetteerEntry[]>, entry: GazetteerEntry | null): void {
  if (entry === null) return;
  const key = entry.tokens[0];
  if (key === undefined) return;
  const bucket = gazetteer.get(key);
  if (bucket === undefined) gazetteer.set(key, [entry]);
  else bucket.push(entry);
}

function lowerSet(words: Iterable<string>): Set<string> {
  const set = new Set<string>();
  for (const word of words) set.add(word.toLowerCase());
  return set;
}

function splitWords(packed: string): string[] {
  return packed.length === 0 ? [] : packed.split(' ');
}

/** The part of the lexicon that does not depend on configuration, built on first use. */
let baseLexicon: Lexicon | null = null;

function buildBase(): Lexicon {
  const gazetteer = new Map<string, GazetteerEntry[]>();
  for (const place of placeEntries()) {
    addEntry(gazetteer, entryFromName(place.name, 'place', place.canonical, place.reason));
  }
  for (const [canonical, aliases] of Object.entries(ORG_ALIAS_GROUPS)) {
    addEntry(gazetteer, entryFromName(canonical, 'organization', canonical, 'org.gazetteer'));
    for (const alias of aliases) addEntry(gazetteer, entryFromName(alias, 'organization', canonical, 'org.alias'));
  }
  for (const name of ORG_NAMES) addEntry(gazetteer, entryFromName(name, 'organization', name, 'org.gazetteer'));
  sortBuckets(gazetteer);

  const titles = new Map<string, string[][]>();
  for (const title of TITLES) {
    const tokens = tokenize(title);
    const words: string[] = [];
    for (let index = 0; index < tokens.count; index++) {
      const word = title.slice(tokens.starts[index], tokens.ends[index]);
      // Stops are matched separately ("Gen" "."), so the table holds the bare words.
      if (word !== '.') words.push(word);
    }
    const key = words[0];
    if (key === undefined) continue;
    const bucket = titles.get(key) ?? [];
    if (!bucket.some((existing) => existing.join(' ') === words.join(' '))) bucket.push(words);
    titles.set(key, bucket);
  }
  for (const bucket of titles.values()) bucket.sort((left, right) => right.length - left.length);

  const functionWords = lowerSet(FUNCTION_WORDS);
  const commonWords = lowerSet(splitWords(LEARNED_LOWERCASE));
  for (const word of functionWords) commonWords.add(word);
  return {
    gazetteer,
    titles,
    titleModifiers: lowerSet(TITLE_MODIFIERS),
    firstNames: lowerSet(firstNames()),
    learnedSurnames: lowerSet(splitWords(LEARNED_SURNAMES)),
    commonWords,
    properWords: lowerSet(splitWords(LEARNED_CAPITALISED)),
    functionWords,
    orgHeads: lowerSet(ORG_HEADS),
    weakOrgHeads: lowerSet(WEAK_ORG_HEADS),
    placeSuffixHeads: lowerSet(PLACE_SUFFIX_HEADS),
    placePrefixHeads: lowerSet(PLACE_PREFIX_HEADS),
    directions: lowerSet(DIRECTIONS),
    demonyms: lowerSet(DEMONYMS),
    demonymsAndPlurals: lowerSet([...DEMONYMS, ...DEMONYMS.map((word) => `${word}s`)]),
    calendarWords: lowerSet(CALENDAR_WORDS),
    nonOrgAcronyms: lowerSet(NON_ORG_ACRONYMS),
    configSurnames: new Map(),
  };
}

function sortBuckets(gazetteer: Map<string, GazetteerEntry[]>): void {
  for (const bucket of gazetteer.values()) bucket.sort((left, right) => right.tokens.length - left.tokens.length);
}

let cachedKey = '';
let cachedLexicon: Lexicon | null = null;

/**
 * The lexicon for a configuration. The configured people, organisations and aliases extend the
 * built-in gazetteers; the result is cached for the last configuration seen, since a session
 * analyses many texts with the same settings.
 */
export function lexiconFor(config: Pick<NewsClaimsConfig, 'people' | 'organizations' | 'aliases'>): Lexicon {
  baseLexicon ??= buildBase();
  const people = Array.isArray(config.people) ? config.people : [];
  const organizations = Array.isArray(config.organizations) ? config.organizations : [];
  const aliases = config.aliases !== null && typeof config.aliases === 'object' ? config.aliases : {};
  if (people.length === 0 && organizations.length === 0 && Object.keys(aliases).length === 0) return baseLexicon;
  const key = JSON.stringify([people, organizations, aliases]);
  if (cachedLexicon !== null && key === cachedKey) return cachedLexicon;

  const gazetteer = new Map<string, GazetteerEntry[]>();
  for (const [word, bucket] of baseLexicon.gazetteer) gazetteer.set(word, bucket.slice());
  const configSurnames = new Map<string, string>();
  const peopleSet = new Set<string>();
  for (const person of people) {
    if (typeof person !== 'string' || person.trim().length === 0) continue;
    const name = person.trim();
    peopleSet.add(name.toLowerCase());
    const entry = entryFromName(name, 'person', name, 'person.config');
    addEntry(gazetteer, entry);
    const surname = entry?.tokens[entry.tokens.length - 1];
    if (entry !== null && entry.tokens.length >= 2 && surname !== undefined) configSurnames.set(surname, name);
  }
  for (const organization of organizations) {
    if (typeof organization !== 'string' || organization.trim().length === 0) continue;
    const name = organization.trim();
    addEntry(gazetteer, entryFromName(name, 'organization', name, 'org.config'));
  }
  for (const [canonical, names] of Object.entries(aliases)) {
    if (!Array.isArray(names)) continue;
    // An alias group belongs to a person when the canonical name is a configured person or starts
    // with a known first name ("Vladimir Putin": ["Putin"]); otherwise to an organisation.
    const firstWord = canonical.trim().split(/\s+/)[0]?.toLowerCase() ?? '';
    const isPerson = peopleSet.has(canonical.toLowerCase()) || baseLexicon.firstNames.has(firstWord);
    const kind: NamedKind = isPerson ? 'person' : 'organization';
    const reason = kind === 'person' ? 'person.alias' : 'org.alias';
    addEntry(gazetteer, entryFromName(canonical, kind, canonical, kind === 'person' ? 'person.config' : 'org.config'));
    for (const alias of names) {
      if (typeof alias === 'string' && alias.trim().length > 0) {
        addEntry(gazetteer, entryFromName(alias.trim(), kind, canonical, reason));
      }
    }
  }
  sortBuckets(gazetteer);
  cachedLexicon = { ...baseLexicon, gazetteer, configSurnames };
  cachedKey = key;
  return cachedLexicon;
}
