// The document-level step: one linear pass over every paragraph's candidates, in order, that
// resolves what a single paragraph cannot know. A surname alone is a person when the article names
// that person in full anywhere ("Kartapolov" after "Andrei Kartapolov"); every mention gets the
// fullest name as its canonical; an acronym defined once ("Islamic State (IS)") resolves later;
// an unclassified name takes the kind it has elsewhere in the article, or its contextual hint.
import type { Entity, EntityKind } from '../types';
import type { Lexicon } from './lexicon';
import type { Candidate } from './paragraph';

/** One paragraph's candidates, with offsets relative to `offset` (the paragraph start). */
export interface CandidateGroup {
  offset: number;
  candidates: readonly Candidate[];
  /**
   * Each candidate's text and its lower case, when the paragraph cache keeps them with the
   * candidates (pass 3): the same string objects run after run, so the maps below hash each once
   * instead of slicing and lower-casing every name of the article on every edit. Without them
   * (a one-off analysis) the stitch reads the names from `text`; the result is the same.
   */
  surfaces?: readonly string[];
  lowerSurfaces?: readonly string[];
}

interface FullName {
  name: string;
  tokens: string[];
}

function stripPossessive(word: string): string {
  return word.endsWith("'s") || word.endsWith('’s') ? word.slice(0, -2) : word;
}

function entity(start: number, end: number, text: string, kind: EntityKind, reason: string, canonical: string): Entity {
  return { start, end, text, kind, reason, canonical };
}

export function stitchCandidates(text: string, groups: readonly CandidateGroup[], lexicon: Lexicon): Entity[] {
  // First sweep: the fullest name for each surname, the kind each classified name has, and the
  // acronyms defined in brackets.
  const fullNames = new Map<string, FullName>();
  for (const [surname, name] of lexicon.configSurnames) {
    fullNames.set(surname, { name, tokens: name.toLowerCase().split(/\s+/) });
  }
  const knownKinds = new Map<string, EntityKind>();
  const acronyms = new Map<string, string>();
  for (const { offset, candidates, surfaces, lowerSurfaces } of groups) {
    for (let index = 0; index < candidates.length; index++) {
      const candidate = candidates[index] as Candidate;
      if (candidate.kind === 'unknown') continue;
      const surface = surfaces?.[index] ?? text.slice(offset + candidate.start, offset + candidate.end);
      const tokens = candidate.nameTokens;
      if (candidate.kind === 'person' && tokens !== undefined && tokens.length >= 2) {
        const surname = stripPossessive(tokens[tokens.length - 1] ?? '');
        const known = fullNames.get(surname);
        if (known === undefined || tokens.length > known.tokens.length) {
          fullNames.set(surname, { name: candidate.canonical ?? surface, tokens });
        }
      }
      knownKinds.set(lowerSurfaces?.[index] ?? surface.toLowerCase(), candidate.kind);
      if (candidate.acronymOf !== undefined) acronyms.set(surface, candidate.acronymOf);
      if (candidate.kind === 'organization' && candidate.reason !== 'org.acronym') {
        // "Northern Reserve Bank" … "the NRB": an acronym made of a named organisation's initials.
        const initials = initialsOf(candidate.canonical ?? surface);
        if (initials.length >= 2 && !acronyms.has(initials)) acronyms.set(initials, candidate.canonical ?? surface);
      }
    }
  }

  // Second sweep: a full name the paragraph could not classify ("The city engineer, Liselotte
  // Varnstad, said") becomes a person only here, from its shape or its neighbours; its surname
  // must reach the later "Varnstad added" (and a headline's "Varnstad:") as well as a classified
  // name's does. Only names of two or more words are asked, which are few.
  for (const { offset, candidates, surfaces, lowerSurfaces } of groups) {
    for (let index = 0; index < candidates.length; index++) {
      const candidate = candidates[index] as Candidate;
      const tokens = candidate.nameTokens;
      if (candidate.kind !== 'unknown' || tokens === undefined || tokens.length < 2) continue;
      const surname = stripPossessive(tokens[tokens.length - 1] ?? '');
      const known = fullNames.get(surname);
      if (known !== undefined && tokens.length <= known.tokens.length) continue;
      const start = offset + candidate.start;
      const end = offset + candidate.end;
      const surface = surfaces?.[index] ?? text.slice(start, end);
      const lower = lowerSurfaces?.[index];
      const resolved = resolveUnknown(candidate, start, end, surface, lower, fullNames, knownKinds, lexicon);
      if (resolved?.kind === 'person') fullNames.set(surname, { name: surface, tokens });
    }
  }

  const entities: Entity[] = [];
  for (const { offset, candidates, surfaces, lowerSurfaces } of groups) {
    for (let index = 0; index < candidates.length; index++) {
      const candidate = candidates[index] as Candidate;
      const start = offset + candidate.start;
      const end = offset + candidate.end;
      const surface = surfaces?.[index] ?? text.slice(start, end);
      const lower = lowerSurfaces?.[index];
      const resolved = resolve(candidate, start, end, surface, lower, fullNames, knownKinds, acronyms, lexicon);
      if (resolved !== null) entities.push(resolved);
    }
  }
  return entities;
}

/** The capital initials of a name's words, leaving out "of", "the", "and" and "for". */
function initialsOf(name: string): string {
  let initials = '';
  for (const word of name.split(/[\s-]+/)) {
    const first = word.charAt(0);
    if (first >= 'A' && first <= 'Z') initials += first;
  }
  return initials;
}

function personCanonical(tokens: readonly string[], surface: string, fullNames: Map<string, FullName>): string {
  const surname = stripPossessive(tokens[tokens.length - 1] ?? '');
  const full = fullNames.get(surname);
  if (full === undefined) return surface;
  // "Andrei Kartapolov" and "Kartapolov" resolve to the full name; "Sergei Kartapolov" does not.
  for (const token of tokens) {
    if (!full.tokens.includes(stripPossessive(token))) return surface;
  }
  return full.name;
}

function resolve(
  candidate: Candidate,
  start: number,
  end: number,
  surface: string,
  /** `surface.toLowerCase()` when the caller has it already. */
  lower: string | undefined,
  fullNames: Map<string, FullName>,
  knownKinds: Map<string, EntityKind>,
  acronyms: Map<string, string>,
  lexicon: Lexicon,
): Entity | null {
  switch (candidate.kind) {
    case 'person': {
      const tokens = candidate.nameTokens ?? surface.toLowerCase().split(/\s+/);
      const canonical = candidate.canonical ?? personCanonical(tokens, surface, fullNames);
      const person = entity(start, end, surface, 'person', candidate.reason, canonical);
      if (candidate.title !== undefined) person.title = candidate.title;
      return person;
    }
    case 'organization': {
      // "the Clintons" after "Hillary Clinton": a family, not a group.
      if (candidate.reason === 'org.the-plural' && fullNames.has(surface.toLowerCase().slice(0, -1))) {
        return entity(start, end, surface, 'person', 'person.family', surface);
      }
      const defined = candidate.acronymOf ?? acronyms.get(surface);
      if (candidate.reason === 'org.acronym' && defined !== undefined) {
        return entity(start, end, surface, 'organization', 'org.alias', defined);
      }
      return entity(start, end, surface, 'organization', candidate.reason, candidate.canonical ?? surface);
    }
    case 'place':
      return entity(start, end, surface, 'place', candidate.reason, candidate.canonical ?? surface);
    case 'unknown':
      return resolveUnknown(candidate, start, end, surface, lower, fullNames, knownKinds, lexicon);
  }
}

function resolveUnknown(
  candidate: Candidate,
  start: number,
  end: number,
  surface: string,
  lower: string | undefined,
  fullNames: Map<string, FullName>,
  knownKinds: Map<string, EntityKind>,
  lexicon: Lexicon,
): Entity | null {
  const tokens = candidate.nameTokens ?? [];
  const surname = stripPossessive(tokens[tokens.length - 1] ?? '');
  if (tokens.length === 1 && fullNames.has(surname)) {
    const canonical = personCanonical(tokens, surface, fullNames);
    return entity(start, end, surface, 'person', 'person.surname-propagation', canonical);
  }
  const known = knownKinds.get(lower ?? surface.toLowerCase());
  if (known === 'person' || known === 'organization' || known === 'place') {
    const reason = `${known === 'organization' ? 'org' : known}.same-name`;
    return entity(start, end, surface, known, reason, surface);
  }
  // At a sentence start the capital proves nothing, so only the article or a telling neighbour
  // ("House prices have fallen" has neither) makes the word a name.
  if (candidate.sentenceInitial === true && tokens.length === 1 && candidate.hint !== 'person') return null;
  switch (candidate.hint) {
    case 'person':
      return entity(start, end, surface, 'person', 'person.context', surface);
    case 'organization':
      return entity(start, end, surface, 'organization', 'org.context', surface);
    case 'place':
      return entity(start, end, surface, 'place', 'place.context', surface);
    default:
      break;
  }
  if (tokens.length >= 2) {
    // "Gold Fields", "Electric Power": a name ending in an everyday word is an organisation's;
    // two words that are never written in lower case are a person's.
    if (lexicon.commonWords.has(surname)) return entity(start, end, surface, 'organization', 'org.name-shape', surface);
    return entity(start, end, surface, 'person', 'person.name-shape', surface);
  }
  if (lexicon.learnedSurnames.has(surname))
    return entity(start, end, surface, 'person', 'person.learned-surname', surface);
  return null;
}
