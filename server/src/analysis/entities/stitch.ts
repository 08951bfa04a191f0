// The document-level step: one linear pass over every paragraph's candidates, in order, that
// resolves what a single paragraph cannot know. A surname alone is a person when the article names
// that person in full anywhere ("Kartapolov" after "Andrei Kartapolov"); every mention gets the
// fullest name as its canonical; an acronym defined once ("Islamic State (IS)") resolves later;
// an unclassified name takes the kind it has elsewhere in the article, or its contextual hint.
import type { Entity } from '../types';
import type { Lexicon } from './lexicon';
import type { Candidate } from './paragraph';

/** A candidate with offsets already shifted to the document. */
export type DocumentCandidate = Candidate;

interface FullName {
  name: string;
  tokens: string[];
}

function stripPossessive(word: string): string {
  return word.replace(/['’]s$/, '');
}

export function stitchCandidates(text: string, candidates: readonly DocumentCandidate[], lexicon: Lexicon): Entity[] {
  // First sweep: the fullest name for each surname, and the kind each capitalised name has.
  const fullNames = new Map<string, FullName>();
  for (const [surname, name] of lexicon.configSurnames) {
    fullNames.set(surname, { name, tokens: name.toLowerCase().split(/\s+/) });
  }
  const knownKinds = new Map<string, Entity['kind']>();
  const acronyms = new Map<string, string>();
  for (const candidate of candidates) {
    const surface = text.slice(candidate.start, candidate.end);
    if (candidate.kind === 'person' && candidate.nameTokens !== undefined && candidate.nameTokens.length >= 2) {
      const surname = stripPossessive(candidate.nameTokens[candidate.nameTokens.length - 1] ?? '');
      const known = fullNames.get(surname);
      if (known === undefined || candidate.nameTokens.length > known.tokens.length) {
        fullNames.set(surname, { name: candidate.canonical ?? surface, tokens: candidate.nameTokens });
      }
    }
    if (candidate.kind !== 'unknown') knownKinds.set(surface.toLowerCase(), candidate.kind);
    if (candidate.acronymOf !== undefined) acronyms.set(surface, candidate.acronymOf);
  }

  const entities: Entity[] = [];
  for (const candidate of candidates) {
    const surface = text.slice(candidate.start, candidate.end);
    const entity = resolve(candidate, surface, fullNames, knownKinds, acronyms, lexicon);
    if (entity !== null) entities.push(entity);
  }
  return entities;
}

function personCanonical(tokens: readonly string[], surface: string, fullNames: Map<string, FullName>): string {
  const surname = stripPossessive(tokens[tokens.length - 1] ?? '');
  const full = fullNames.get(surname);
  if (full === undefined) return surface;
  // "Andrei Kartapolov" and "Kartapolov" resolve to the full name; "Sergei Kartapolov" does not.
  const fullTokens = new Set(full.tokens);
  return tokens.every((token) => fullTokens.has(stripPossessive(token))) ? full.name : surface;
}

function resolve(
  candidate: DocumentCandidate,
  surface: string,
  fullNames: Map<string, FullName>,
  knownKinds: Map<string, Entity['kind']>,
  acronyms: Map<string, string>,
  lexicon: Lexicon,
): Entity | null {
  const base = { start: candidate.start, end: candidate.end, text: surface };
  switch (candidate.kind) {
    case 'person': {
      const tokens = candidate.nameTokens ?? surface.toLowerCase().split(/\s+/);
      const entity: Entity = {
        ...base,
        kind: 'person',
        reason: candidate.reason,
        canonical: candidate.canonical ?? personCanonical(tokens, surface, fullNames),
      };
      if (candidate.title !== undefined) entity.title = candidate.title;
      return entity;
    }
    case 'organization': {
      const defined = candidate.acronymOf ?? acronyms.get(surface);
      if (candidate.reason === 'org.acronym' && defined !== undefined) {
        return { ...base, kind: 'organization', reason: 'org.alias', canonical: defined };
      }
      return { ...base, kind: 'organization', reason: candidate.reason, canonical: candidate.canonical ?? surface };
    }
    case 'place':
      return { ...base, kind: 'place', reason: candidate.reason, canonical: candidate.canonical ?? surface };
    case 'unknown':
      return resolveUnknown(candidate, base, fullNames, knownKinds, lexicon);
  }
}

function resolveUnknown(
  candidate: DocumentCandidate,
  base: { start: number; end: number; text: string },
  fullNames: Map<string, FullName>,
  knownKinds: Map<string, Entity['kind']>,
  lexicon: Lexicon,
): Entity | null {
  const tokens = candidate.nameTokens ?? [];
  const surname = stripPossessive(tokens[tokens.length - 1] ?? '');
  if (tokens.length === 1 && fullNames.has(surname)) {
    return {
      ...base,
      kind: 'person',
      reason: 'person.surname-propagation',
      canonical: personCanonical(tokens, base.text, fullNames),
    };
  }
  const known = knownKinds.get(base.text.toLowerCase());
  if (known === 'person' || known === 'organization' || known === 'place') {
    return {
      ...base,
      kind: known,
      reason: `${known === 'organization' ? 'org' : known}.same-name`,
      canonical: base.text,
    };
  }
  switch (candidate.hint) {
    case 'person':
      return { ...base, kind: 'person', reason: 'person.context', canonical: base.text };
    case 'organization':
      return { ...base, kind: 'organization', reason: 'org.context', canonical: base.text };
    case 'place':
      return { ...base, kind: 'place', reason: 'place.context', canonical: base.text };
    default:
      break;
  }
  if (tokens.length >= 2) {
    // "Gold Fields", "Electric Power": a name ending in an everyday word is an organisation's;
    // two words that are never written in lower case are a person's.
    if (lexicon.commonWords.has(surname)) {
      return { ...base, kind: 'organization', reason: 'org.name-shape', canonical: base.text };
    }
    return { ...base, kind: 'person', reason: 'person.name-shape', canonical: base.text };
  }
  if (lexicon.learnedSurnames.has(surname)) {
    return { ...base, kind: 'person', reason: 'person.learned-surname', canonical: base.text };
  }
  return null;
}
