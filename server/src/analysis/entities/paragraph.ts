// Finds candidate people, organisations and places in one paragraph. The result depends only on
// the paragraph text, the sentence starts inside it and the lexicon, so a later cache can reuse
// it per paragraph. Document-level decisions (surname propagation, acronyms defined once and used
// later) are left to `stitch.ts`, which sees every paragraph's candidates in one pass.
import type { GazetteerEntry, Lexicon, NamedKind } from './lexicon';
import {
  ALL_CAPS,
  CAPITALISED,
  HAS_DIGIT,
  HEADLINE,
  SENTENCE_START,
  STOP,
  tokenize,
  WORD,
  type Tokens,
} from './tokens';

/** Weak evidence about an unclassified name, from the words around it. */
export type CandidateHint = 'place' | 'person' | 'organization' | null;

export interface Candidate {
  /** Offsets relative to the paragraph start. */
  start: number;
  end: number;
  /** `unknown`: a capitalised name no rule could classify; `stitch.ts` decides or drops it. */
  kind: NamedKind | 'unknown';
  reason: string;
  canonical?: string;
  title?: string;
  /** Lower-case name tokens, for people and unknown names (surname propagation). */
  nameTokens?: string[];
  hint?: CandidateHint;
  /** For an acronym in brackets right after a name ("Islamic State (IS)"): that name's canonical. */
  acronymOf?: string;
  /** For unknown names: the name opens a sentence, where capitals prove nothing. */
  sentenceInitial?: boolean;
}

/** Lower-case particles inside personal and place names ("von der Leyen", "Rio de Janeiro"). */
const NAME_PARTICLES = new Set([
  'de',
  'del',
  'della',
  'der',
  'den',
  'di',
  'da',
  'dos',
  'das',
  'du',
  'van',
  'von',
  'ten',
  'ter',
  'la',
  'le',
  'al',
  'el',
  'bin',
  'ibn',
  'ben',
  'abu',
  'zu',
  'st.',
  'al-',
]);

/** Words before a name that suggest a place ("in Kandahar", "near Palmyra"). */
const LOCATIVE_PREPOSITIONS = new Set([
  'in',
  'at',
  'near',
  'from',
  'outside',
  'inside',
  'across',
  'throughout',
  'towards',
  'toward',
  'around',
  'into',
]);

/** Nouns right before a name that make it an organisation ("club Atalanta", "Ontario-based Magna"). */
const ORG_LEADERS = new Set([
  'club',
  'team',
  'side',
  'company',
  'firm',
  'carmaker',
  'automaker',
  'airline',
  'carrier',
  'insurer',
  'retailer',
  'manufacturer',
  'maker',
  'conglomerate',
  'broadcaster',
  'newspaper',
  'daily',
  'weekly',
  'based',
  'rivals',
  'champions',
]);

/** Nouns before "of" that introduce an organisation ("shares of …", "a unit of …"). */
const ORG_NOUNS = new Set(['shares', 'stake', 'subsidiary', 'unit', 'shareholders', 'employees', 'staff']);

/** Nouns before "of" that introduce a place ("the town of …"). */
const PLACE_NOUNS = new Set([
  'town',
  'city',
  'village',
  'province',
  'region',
  'district',
  'capital',
  'port',
  'island',
  'county',
  'state',
  'suburb',
  'outskirts',
  'enclave',
  'municipality',
]);

/** Words after a name that suggest a person ("Kartapolov said"). */
const PERSON_FOLLOWERS = new Set(['said', 'says', 'told', 'added', 'asked', 'explained', 'who', 'wrote', 'tweeted']);

/** Words before a name that suggest a person ("said Kartapolov"). */
const PERSON_LEADERS = new Set(['said', 'says', 'told', 'asked', 'added', 'explained']);

/** Words after a name that suggest an organisation ("Gazprom shares", "Kremlin spokesman"). */
const ORG_FOLLOWERS = new Set([
  'stock',
  'captain',
  'manager',
  'coach',
  'chairman',
  'shareholders',
  'subsidiary',
  'boss',
  'spokesman',
  'spokeswoman',
  'spokesperson',
  'officials',
  'shares',
  'chief',
  'executives',
]);

/** Organisation heads that end a capitalised name even in lower case ("General staff"). */
const LOWER_CASE_HEADS = new Set(['staff', 'forces', 'flotilla', 'fleet', 'directorate', 'ministry']);

/** Company suffixes: "Acme Inc of Ohio" is Acme Inc, based in Ohio. */
const CORPORATE_SUFFIXES = new Set(['inc', 'corp', 'ltd', 'llc', 'plc', 'co', 'ag', 'sa', 'nv', 'gmbh', 'spa', 'bv']);

/** Heads that may be followed by "of" inside a name ("Gulf of Aden", "Republic of Korea"). */
const OF_HEADS = new Set([
  'republic',
  'kingdom',
  'gulf',
  'sea',
  'bay',
  'strait',
  'isle',
  'islands',
  'cape',
  'province',
]);

/** Surname endings common in transliterated and European names. */
const SURNAME_ENDINGS = [
  'ov',
  'ova',
  'ev',
  'eva',
  'enko',
  'sky',
  'ski',
  'skiy',
  'skaya',
  'vich',
  'ovic',
  'evic',
  'escu',
  'opoulos',
  'idis',
  'akis',
  'oglu',
  'shvili',
  'dze',
  'stein',
  'mann',
  'sson',
  'ssen',
  'ez',
  'ucci',
  'etti',
  'elli',
];

/** Roman numerals up to 39, as in "World War II" or "Louis XIV"; "VMC" and "CD" stay acronyms. */
const ROMAN_NUMERAL = /^X{0,3}(?:IX|IV|V?I{0,3})$/;

function hasSurnameEnding(word: string): boolean {
  if (word.length < 5) return false;
  for (const ending of SURNAME_ENDINGS) {
    if (word.endsWith(ending)) return true;
  }
  return false;
}

interface Match {
  entry: GazetteerEntry;
  end: number;
}

/**
 * A candidate with every field present, in one order. Candidates built with only the fields each
 * rule sets came in some ten hidden classes, which made every read of a candidate's fields in
 * the stitch and in `bracketedAfter` a megamorphic property access. An absent field and one set
 * to undefined read the same everywhere a candidate is read.
 */
function newCandidate(start: number, end: number, kind: NamedKind | 'unknown', reason: string): Candidate {
  return {
    start,
    end,
    kind,
    reason,
    canonical: undefined,
    title: undefined,
    nameTokens: undefined,
    hint: undefined,
    acronymOf: undefined,
    sentenceInitial: undefined,
  };
}

/**
 * Candidates in one paragraph, sorted by start and non-overlapping.
 * @param sentenceStarts offsets (relative to the paragraph) where sentences begin, ascending.
 */
export function findParagraphCandidates(
  text: string,
  sentenceStarts: readonly number[],
  lexicon: Lexicon,
): Candidate[] {
  const tokens = tokenize(text);
  markSentenceStarts(text, tokens, sentenceStarts, lexicon);
  markHeadlines(tokens);
  return new ParagraphScanner(text, tokens, lexicon).scan();
}

/** Flags the first word of each sentence, from pass 1's sentences and from punctuation. */
function markSentenceStarts(text: string, tokens: Tokens, sentenceStarts: readonly number[], lexicon: Lexicon): void {
  const { count, starts, ends, flags } = tokens;
  let nextSentence = 0;
  let atStart = true;
  for (let index = 0; index < count; index++) {
    const flag = flags[index] ?? 0;
    const start = starts[index] ?? 0;
    let fromPassOne = false;
    while (nextSentence < sentenceStarts.length && (sentenceStarts[nextSentence] ?? 0) <= start) {
      fromPassOne = true;
      nextSentence++;
    }
    if ((flag & WORD) === 0) {
      const char = text.charAt(start);
      if (char === '.' || char === '!' || char === '?') {
        // A stop after a title abbreviation or an initial ("Gen.", "J.") does not end the sentence.
        // The word before is sliced only for a full stop after a word, the one case that reads it.
        const before = index - 1;
        let abbreviation = false;
        if (char === '.' && before >= 0 && ((flags[before] ?? 0) & WORD) !== 0) {
          const beforeWord = text.slice(starts[before], ends[before]);
          abbreviation = beforeWord.length === 1 || lexicon.titles.has(beforeWord.toLowerCase()) || beforeWord === 'St';
        }
        if (!abbreviation) atStart = true;
      } else if (char === '"' || char === '“' || char === '«' || char === '‘' || char === '(' || char === '—') {
        atStart = true;
      }
      continue;
    }
    if (atStart || fromPassOne) flags[index] = flag | SENTENCE_START;
    atStart = false;
  }
}

/**
 * Flags the words of headline-like sentences: mostly all-caps ("LEICESTERSHIRE TAKE OVER AT
 * TOP") or title case ("Syria Desertions Become Massive"). Capitalisation carries no information
 * there, so only the gazetteers and the strongest rules apply.
 */
function markHeadlines(tokens: Tokens): void {
  const { count, starts, ends, flags } = tokens;
  let sentenceStart = 0;
  let letterWords = 0;
  let allCaps = 0;
  let contentWords = 0;
  let capitalisedContent = 0;
  let lastIsStop = false;
  for (let index = 0; index <= count; index++) {
    const flag = index < count ? (flags[index] ?? 0) : 0;
    if (index === count || (index > sentenceStart && (flag & SENTENCE_START) !== 0)) {
      const capsHeadline = letterWords >= 2 && allCaps >= 0.6 * letterWords;
      const titleCaseHeadline = contentWords >= 4 && capitalisedContent >= 0.8 * contentWords && !lastIsStop;
      if (capsHeadline || titleCaseHeadline) {
        for (let inner = sentenceStart; inner < index; inner++) flags[inner] = (flags[inner] ?? 0) | HEADLINE;
      }
      sentenceStart = index;
      letterWords = 0;
      allCaps = 0;
      contentWords = 0;
      capitalisedContent = 0;
    }
    if (index === count) break;
    if ((flag & WORD) === 0) {
      lastIsStop = (flag & STOP) !== 0;
      continue;
    }
    lastIsStop = false;
    if ((flag & HAS_DIGIT) !== 0) continue;
    letterWords++;
    if ((flag & ALL_CAPS) !== 0) allCaps++;
    // Title case leaves only short function words in lower case ("of", "the", "from"), so a
    // lower-case word of five letters or more shows ordinary prose. No word is sliced here.
    if ((flag & CAPITALISED) !== 0) {
      contentWords++;
      capitalisedContent++;
    } else if ((ends[index] ?? 0) - (starts[index] ?? 0) >= 5) {
      contentWords++;
    }
  }
}

class ParagraphScanner {
  private readonly lowerCache: Array<string | undefined>;
  private readonly matchCache: Array<Match | null | undefined>;
  private readonly candidates: Candidate[] = [];
  private readonly count: number;

  constructor(
    private readonly text: string,
    private readonly tokens: Tokens,
    private readonly lexicon: Lexicon,
  ) {
    this.count = tokens.count;
    this.lowerCache = new Array<string | undefined>(tokens.count);
    this.matchCache = new Array<Match | null | undefined>(tokens.count);
  }

  scan(): Candidate[] {
    let index = 0;
    while (index < this.count) {
      const flag = this.flag(index);
      if ((flag & WORD) === 0) {
        index++;
      } else if ((flag & HEADLINE) !== 0 && (flag & ALL_CAPS) !== 0) {
        index = this.scanCapsHeadlineWord(index);
      } else if ((flag & CAPITALISED) === 0) {
        index = this.scanLowerCaseWord(index);
      } else {
        index = this.scanCapitalisedWord(index);
      }
    }
    return this.candidates;
  }

  // --- token helpers -------------------------------------------------------------------------

  private flag(index: number): number {
    return this.tokens.flags[index] ?? 0;
  }

  private isCapitalisedWord(index: number): boolean {
    return index < this.count && (this.flag(index) & (WORD | CAPITALISED)) === (WORD | CAPITALISED);
  }

  private lower(index: number): string {
    let word = this.lowerCache[index];
    if (word === undefined) {
      word = this.text.slice(this.tokens.starts[index], this.tokens.ends[index]).toLowerCase();
      this.lowerCache[index] = word;
    }
    return word;
  }

  private startOf(index: number): number {
    return this.tokens.starts[index] ?? 0;
  }

  private endOf(index: number): number {
    return this.tokens.ends[index] ?? 0;
  }

  private slice(from: number, to: number): string {
    return this.text.slice(this.startOf(from), this.endOf(to - 1));
  }

  private isCalendarWord(index: number): boolean {
    return this.lexicon.calendarWords.has(this.lower(index));
  }

  // --- matching ------------------------------------------------------------------------------

  /**
   * The longest gazetteer entry starting at `index` and ending by `limit`. The rules ask the same
   * question about the same word several times, so the unlimited, case-sensitive answer is kept
   * per token and reused whenever it fits within `limit`.
   */
  private gazetteerAt(index: number, limit: number, ignoreCase: boolean): Match | null {
    if (ignoreCase) return this.findGazetteerMatch(index, limit, true);
    const cached = this.matchCache[index];
    if (cached !== undefined && (cached === null || cached.end <= limit)) return cached;
    const match = this.findGazetteerMatch(index, this.count, false);
    this.matchCache[index] = match;
    if (match === null || match.end <= limit) return match;
    return this.findGazetteerMatch(index, limit, false);
  }

  private findGazetteerMatch(index: number, limit: number, ignoreCase: boolean): Match | null {
    const bucket = this.lexicon.gazetteer.get(this.lower(index));
    if (bucket === undefined) return null;
    for (const entry of bucket) {
      const length = entry.tokens.length;
      if (index + length > limit) continue;
      let matches = true;
      for (let offset = 0; offset < length && matches; offset++) {
        const position = index + offset;
        if (this.lower(position) !== entry.tokens[offset]) matches = false;
        else if (!ignoreCase) {
          const flag = this.flag(position);
          if (entry.capitalised[offset] === true && (flag & CAPITALISED) === 0) matches = false;
          else if (entry.allCaps[offset] === true && (flag & ALL_CAPS) === 0) matches = false;
        }
      }
      if (matches) return { entry, end: index + length };
    }
    return null;
  }

  /** The token index just past a title starting at `index` (skipping abbreviation stops), or -1. */
  private titleAt(index: number): number {
    if (index >= this.count || (this.flag(index) & WORD) === 0) return -1;
    const bucket = this.lexicon.titles.get(this.lower(index));
    if (bucket === undefined) return -1;
    for (const words of bucket) {
      let position = index;
      let matches = true;
      for (const word of words) {
        if (position >= this.count || this.lower(position) !== word) {
          matches = false;
          break;
        }
        position++;
        if (
          position < this.count &&
          this.text.charAt(this.startOf(position)) === '.' &&
          this.endOf(position - 1) === this.startOf(position)
        ) {
          position++;
        }
      }
      if (matches) return position;
    }
    return -1;
  }

  /**
   * The end of a run of capitalised words from `index`: name particles ("von der"), "of" after an
   * organisation or place head ("Ministry of Defence", "Gulf of Aden") and "&" may join it.
   */
  private runEnd(index: number): number {
    let end = index + 1;
    while (end < this.count) {
      const flag = this.flag(end);
      if ((flag & WORD) !== 0 && (flag & CAPITALISED) !== 0 && (flag & SENTENCE_START) === 0) {
        if (this.isCalendarWord(end) && !this.lexicon.firstNames.has(this.lower(end - 1))) break;
        end++;
        continue;
      }
      if ((flag & WORD) !== 0) {
        const word = this.lower(end);
        if (NAME_PARTICLES.has(word)) {
          let after = end + 1;
          while (after < this.count && NAME_PARTICLES.has(this.lower(after))) after++;
          if (this.isCapitalisedWord(after)) {
            end = after + 1;
            continue;
          }
        }
        // Translated copy often leaves the head in lower case: "General staff", "Caspian flotilla".
        if (LOWER_CASE_HEADS.has(word) && this.hasNonDemonym(index, end)) {
          end++;
          break;
        }
        if (word === 'of') {
          const head = this.lower(end - 1);
          if ((this.lexicon.orgHeads.has(head) && !CORPORATE_SUFFIXES.has(head)) || OF_HEADS.has(head)) {
            const after = end + 1 < this.count && this.lower(end + 1) === 'the' ? end + 2 : end + 1;
            if (this.isCapitalisedWord(after) && (this.flag(after) & SENTENCE_START) === 0) {
              end = after + 1;
              continue;
            }
          }
        }
        break;
      }
      // A middle initial: "George W. Bush", "Edward D. Jones".
      if (
        (flag & STOP) !== 0 &&
        this.endOf(end - 1) - this.startOf(end - 1) === 1 &&
        this.startOf(end) === this.endOf(end - 1) &&
        this.isCapitalisedWord(end + 1)
      ) {
        end += 2;
        continue;
      }
      if (this.text.charAt(this.startOf(end)) === '&' && this.isCapitalisedWord(end + 1)) {
        end += 2;
        continue;
      }
      break;
    }
    return end;
  }

  private hasNonDemonym(from: number, to: number): boolean {
    for (let index = from; index < to; index++) {
      if ((this.flag(index) & CAPITALISED) !== 0 && !this.lexicon.demonyms.has(this.lower(index))) return true;
    }
    return false;
  }

  // --- emitting ------------------------------------------------------------------------------

  private emitMatch(from: number, match: Match): void {
    const { entry } = match;
    const candidate = newCandidate(this.startOf(from), this.endOf(match.end - 1), entry.kind, entry.reason);
    candidate.canonical = entry.canonical;
    if (entry.kind === 'person') candidate.nameTokens = entry.canonical.toLowerCase().split(/\s+/);
    this.candidates.push(candidate);
  }

  /**
   * Adds a candidate for the tokens `[from, to)` and returns it for the caller to fill in its
   * other fields. (An object of extra fields per call, in as many shapes as rules, made each of
   * its reads here megamorphic.) A caller computes any field that reads `this.candidates` before
   * it emits.
   */
  private emit(from: number, to: number, kind: NamedKind | 'unknown', reason: string): Candidate {
    const candidate = newCandidate(this.startOf(from), this.endOf(to - 1), kind, reason);
    this.candidates.push(candidate);
    return candidate;
  }

  /** Lower-case words of a name, leaving out particles' effect on surname lookup. */
  private nameTokens(from: number, to: number): string[] {
    const words: string[] = [];
    for (let index = from; index < to; index++) {
      if ((this.flag(index) & WORD) !== 0) words.push(this.lower(index));
    }
    return words;
  }

  // --- scanning ------------------------------------------------------------------------------

  private scanCapsHeadlineWord(index: number): number {
    // "ELLSWORTH FALLS, March 3 —" reads like an all-caps headline, but it is a dateline.
    const datelineEnd = this.datelinePlaceEnd(index);
    if (datelineEnd > index) {
      const canonical = titleCase(this.slice(index, datelineEnd));
      this.emit(index, datelineEnd, 'place', 'place.dateline').canonical = canonical;
      return datelineEnd;
    }
    const match = this.gazetteerAt(index, this.count, true);
    if (match !== null) {
      const single = match.end - index === 1;
      if (!(single && this.lexicon.functionWords.has(this.lower(index)))) {
        this.emitMatch(index, match);
        return match.end;
      }
    }
    return index + 1;
  }

  private scanLowerCaseWord(index: number): number {
    // Lower-case words matter only right before a capitalised one: "southern Syria", "president Putin".
    if (!this.isCapitalisedWord(index + 1) || (this.flag(index) & HEADLINE) !== 0) return index + 1;
    const word = this.lower(index);
    if (this.lexicon.directions.has(word)) {
      const place = this.gazetteerAt(index + 1, this.count, false);
      if (place !== null && place.entry.kind === 'place') {
        this.emit(index, place.end, 'place', 'place.direction').canonical = place.entry.canonical;
        return place.end;
      }
    }
    if (this.lexicon.titles.has(word)) {
      const titleEnd = this.titleAt(index);
      if (titleEnd > index && this.isCapitalisedWord(titleEnd)) {
        // "prime minister Helena Varga": the title may have begun a word or two earlier.
        let titleStart = index;
        for (let back = 2; back >= 1; back--) {
          if (
            index - back >= 0 &&
            this.lexicon.titles.has(this.lower(index - back)) &&
            this.titleAt(index - back) === titleEnd
          ) {
            titleStart = index - back;
            break;
          }
        }
        const consumed = this.tryTitledPerson(titleStart, titleStart, titleEnd);
        if (consumed > 0) return consumed;
      }
    }
    return index + 1;
  }

  /**
   * A person named after a title: `[titleFrom, titleStart)` is the title (with any modifier from
   * `from`), and the name starts at `titleStart` unless a further title follows there. Returns
   * the index after the name, or 0 when the words after the title are not a person's name.
   */
  private tryTitledPerson(from: number, titleFrom: number, titleStart: number): number {
    if (this.isCalendarWord(titleStart) || (this.flag(titleStart) & SENTENCE_START) !== 0) return 0;
    const nameEnd = this.runEnd(titleStart);
    // "Deputy Health Minister Rosa Valderrama": another title further on moves the name's start.
    let titleEnd = titleStart;
    for (let index = titleStart; index < nameEnd - 1; index++) {
      if (!this.lexicon.titles.has(this.lower(index))) continue;
      const innerEnd = this.titleAt(index);
      if (innerEnd > index && innerEnd < nameEnd && this.isCapitalisedWord(innerEnd)) {
        titleEnd = innerEnd;
        break;
      }
    }
    const last = this.lower(nameEnd - 1);
    // "General Staff", "President Administration": the capitalised words form an organisation.
    if (this.lexicon.orgHeads.has(last) || this.lexicon.placeSuffixHeads.has(last)) return 0;
    const match = this.gazetteerAt(titleEnd, nameEnd, false);
    if (match !== null && match.end === nameEnd && match.entry.kind !== 'person') return 0;
    if (from < titleFrom) {
      // A modifier that is a place ("US Senator") is still a place mention of its own.
      const modifierPlace = this.gazetteerAt(from, titleFrom, false);
      if (modifierPlace !== null && modifierPlace.entry.kind === 'place') this.emitMatch(from, modifierPlace);
    }
    const title = this.slice(from, titleEnd).replace(/\s+/g, ' ');
    const nameTokens = this.nameTokens(titleEnd, nameEnd);
    const person = this.emit(titleEnd, nameEnd, 'person', 'person.title+name');
    person.title = title;
    person.nameTokens = nameTokens;
    return nameEnd;
  }

  private scanCapitalisedWord(index: number): number {
    const flag = this.flag(index);
    const headline = (flag & HEADLINE) !== 0;
    const initialsEnd = this.initialsEnd(index);
    if (
      initialsEnd > index &&
      this.isCapitalisedWord(initialsEnd) &&
      this.gazetteerAt(initialsEnd, this.count, false) === null
    ) {
      // "A. Dale", "J.R. Smith": initials before a capitalised name.
      const nameEnd = this.runEnd(initialsEnd);
      if (!this.lexicon.orgHeads.has(this.lower(nameEnd - 1))) {
        const nameTokens = this.nameTokens(initialsEnd, nameEnd);
        this.emit(index, nameEnd, 'person', 'person.initials').nameTokens = nameTokens;
        return nameEnd;
      }
    }
    if ((flag & SENTENCE_START) !== 0 && this.isOrdinarySentenceStart(index)) return index + 1;

    if ((flag & ALL_CAPS) !== 0 && !headline) return this.scanAcronym(index);

    // A title, possibly after modifiers ("former", "US", "Russian"), then a name.
    const consumed = this.tryTitleSpan(index);
    if (consumed > 0) return consumed;

    // An abbreviation with its stop ("Conn.", "Fla.") reaches past the run of capitalised words.
    const abbreviation = this.gazetteerAt(index, this.count, false);
    if (abbreviation !== null && (this.flag(abbreviation.end - 1) & STOP) !== 0) {
      this.emitMatch(index, abbreviation);
      return abbreviation.end;
    }

    const end = this.runEnd(index);
    this.classifyRun(index, end, headline);
    return end;
  }

  /**
   * The index after initials starting at `index` ("A." or "J.R.", with their stops), or -1. The
   * stop must touch the letter, so that "Plan A. The" does not read as an initial.
   */
  private initialsEnd(index: number): number {
    const length = this.endOf(index) - this.startOf(index);
    if (
      length === 1 &&
      index + 1 < this.count &&
      (this.flag(index + 1) & STOP) !== 0 &&
      this.startOf(index + 1) === this.endOf(index)
    ) {
      return index + 2;
    }
    if (length < 4 || length > 6 || this.text.charCodeAt(this.startOf(index) + 1) !== 46) return -1;
    const raw = this.text.slice(this.startOf(index), this.endOf(index));
    if (/^(?:[A-Z]\.){2,3}$/.test(raw) && !this.lexicon.gazetteer.has(raw.toLowerCase())) {
      return index + 1;
    }
    return -1;
  }

  /** A titled person starting at `index` (see `titleSpan`); the index after the name, or 0. */
  private tryTitleSpan(index: number): number {
    const span = this.titleSpan(index);
    if (span === null || !this.isCapitalisedWord(span.titleEnd)) return 0;
    return this.tryTitledPerson(index, span.titleFrom, span.titleEnd);
  }

  /**
   * A title starting at `index` after at most two modifiers ("former", "US", "Russian",
   * "U.S. Assistant"), and continued by further titles ("General Director"): where the title
   * proper starts and where the name should start, or null.
   */
  private titleSpan(index: number): { titleFrom: number; titleEnd: number } | null {
    let position = index;
    for (let modifiers = 0; modifiers < 2 && this.titleAt(position) <= position; modifiers++) {
      const next = this.modifierEnd(position);
      if (next <= position) return null;
      position = next;
    }
    let end = this.titleAt(position);
    if (end <= position) return null;
    for (let next = this.titleAt(end); next > end; next = this.titleAt(end)) end = next;
    return { titleFrom: position, titleEnd: end };
  }

  /** The index after a title modifier at `index` (a word, a demonym or a place), or -1. */
  private modifierEnd(index: number): number {
    if (index >= this.count || (this.flag(index) & WORD) === 0) return -1;
    const word = this.lower(index);
    if (this.lexicon.titleModifiers.has(word) || this.lexicon.demonyms.has(word)) return index + 1;
    const place = this.gazetteerAt(index, this.count, false);
    return place !== null && place.entry.kind === 'place' ? place.end : -1;
  }

  /** True when a capitalised sentence-initial word is just an ordinary word ("The", "Desertions"). */
  private isOrdinarySentenceStart(index: number): boolean {
    // An acronym is never an ordinary word, even when it spells one ("US", "IS").
    if ((this.flag(index) & ALL_CAPS) !== 0 && (this.flag(index) & HEADLINE) === 0) return false;
    const word = this.lower(index);
    const common = this.lexicon.commonWords.has(word);
    const match = this.gazetteerAt(index, this.count, false);
    if (match !== null && !(common && match.end - index === 1)) return false;
    const nextIsCapitalised = this.isCapitalisedWord(index + 1) && (this.flag(index + 1) & SENTENCE_START) === 0;
    if (nextIsCapitalised && this.lexicon.firstNames.has(word) && !this.lexicon.functionWords.has(word)) return false;
    if (this.lexicon.titles.has(word)) {
      const titleEnd = this.titleAt(index);
      if (titleEnd > index && this.isCapitalisedWord(titleEnd)) return false;
    }
    if (this.lexicon.properWords.has(word)) return false;
    if (common || this.lexicon.demonyms.has(word) || this.lexicon.calendarWords.has(word)) return true;
    // A word the statistics have never seen in lower case is kept as a possible name; the
    // stitch step drops it unless the article or its context says what it is.
    return false;
  }

  private scanAcronym(index: number): number {
    const match = this.gazetteerAt(index, this.count, false);
    if (match !== null) {
      if (match.entry.kind === 'place') {
        // "U.S. Assistant Secretary of State John Kornblum": a place qualifying a title.
        const consumed = this.tryTitleSpan(index);
        if (consumed > 0) return consumed;
      }
      // "U.S. Treasury Department": the acronym starts a longer name; classify the whole run.
      const runEnd = this.runEnd(index);
      if (runEnd > match.end) {
        this.classifyRun(index, runEnd, false);
        return runEnd;
      }
      this.emitMatch(index, match);
      return match.end;
    }
    // "ALDERBURG, June 19 —": all-caps words opening a paragraph before a comma or dash are the
    // dateline's place.
    const datelineEnd = this.datelinePlaceEnd(index);
    if (datelineEnd > index) {
      const canonical = titleCase(this.slice(index, datelineEnd));
      this.emit(index, datelineEnd, 'place', 'place.dateline').canonical = canonical;
      return datelineEnd;
    }
    const raw = this.text.slice(this.startOf(index), this.endOf(index));
    const letters = raw.replace(/[^A-Za-z]/g, '');
    const word = this.lower(index);
    if (
      letters.length >= 2 &&
      letters.length <= 6 &&
      (this.flag(index) & HAS_DIGIT) === 0 &&
      !ROMAN_NUMERAL.test(raw) &&
      !this.lexicon.nonOrgAcronyms.has(word) &&
      !this.lexicon.nonOrgAcronyms.has(letters.toLowerCase()) &&
      !this.isWordInCapitals(word)
    ) {
      // "NSW Treasury Department": an acronym opening an organisation's name.
      const runEnd = this.runEnd(index);
      if (runEnd > index + 1 && this.lexicon.orgHeads.has(this.lower(runEnd - 1))) {
        this.classifyRun(index, runEnd, false);
        return runEnd;
      }
      // Before the emit: `bracketedAfter` reads the candidate emitted last.
      const definedBy = this.bracketedAfter(index);
      const acronym = this.emit(index, index + 1, 'organization', 'org.acronym');
      acronym.canonical = raw;
      if (definedBy !== undefined) acronym.acronymOf = definedBy;
      return index + 1;
    }
    // An all-caps word that is no acronym is read as a capitalised name.
    const end = this.runEnd(index);
    this.classifyRun(index, end, false);
    return end;
  }

  /** "PENCE" or "CLAIMS": an ordinary word or a name written in capitals, not an acronym. */
  private isWordInCapitals(word: string): boolean {
    if (word.length <= 3) return false;
    const lexicon = this.lexicon;
    // The capitalised-word statistics count acronyms as capitalised, so they cannot tell here.
    return lexicon.commonWords.has(word) || lexicon.firstNames.has(word) || lexicon.learnedSurnames.has(word);
  }

  /**
   * The end of an all-caps dateline place opening the paragraph at `index`, or -1: at most three
   * words, then a dash or bracket, or a comma before a date, a state or a country ("HEMPSTEAD,
   * N.Y. —", "TAVILDARA, Tajikistan").
   */
  private datelinePlaceEnd(index: number): number {
    if (index !== 0) return -1;
    let end = index;
    let hasCommonWord = false;
    while (end < this.count && end < index + 3 && (this.flag(end) & (WORD | ALL_CAPS)) === (WORD | ALL_CAPS)) {
      if (this.lexicon.functionWords.has(this.lower(end))) return -1;
      const word = this.lower(end);
      const isPlaceHead = this.lexicon.placeSuffixHeads.has(word) || this.lexicon.placePrefixHeads.has(word);
      if (this.lexicon.commonWords.has(word) && !isPlaceHead) hasCommonWord = true;
      end++;
    }
    if (end === index || end + 1 >= this.count) return -1;
    // "QUESTIONABLE MEDICAL CLAIMS —" is a kicker, not a place; "NEW YORK —" is in the gazetteer.
    if (hasCommonWord && this.gazetteerAt(index, end, true)?.end !== end) return -1;
    const next = this.text.charAt(this.startOf(end));
    if (next === '—' || next === '–' || next === '(') return end;
    if (next !== ',') return -1;
    const after = end + 1;
    const afterFlag = this.flag(after);
    const afterPlace = this.gazetteerAt(after, this.count, false);
    const isDateOrPlace =
      (afterFlag & (HAS_DIGIT | ALL_CAPS)) !== 0 ||
      this.lexicon.calendarWords.has(this.lower(after).replace(/\.$/, '')) ||
      (afterPlace !== null && afterPlace.entry.kind === 'place');
    return isDateOrPlace ? end : -1;
  }

  /** For "(IS)" right after a candidate: that candidate's canonical name. */
  private bracketedAfter(index: number): string | undefined {
    if (index < 2 || this.text.charAt(this.startOf(index - 1)) !== '(') return undefined;
    const previous = this.candidates[this.candidates.length - 1];
    if (previous === undefined || previous.end !== this.endOf(index - 2)) return undefined;
    if (previous.kind !== 'organization' && previous.kind !== 'unknown') return undefined;
    if (previous.kind === 'unknown') {
      previous.kind = 'organization';
      previous.reason = 'org.acronym-definition';
    }
    return previous.canonical ?? this.text.slice(previous.start, previous.end);
  }

  /** Classifies a run of capitalised words `[from, to)`, emitting zero or more candidates. */
  private classifyRun(runFrom: number, to: number, headline: boolean): void {
    const lexicon = this.lexicon;
    // "The Northern Reserve Bank" after a dateline dash: a leading "The" is not part of the name,
    // unless the gazetteer says so ("The Hague", "The Washington Post").
    let from = runFrom;
    // A month or weekday before a name ("the August National Association of …") is a date.
    while (
      from < to - 1 &&
      (lexicon.functionWords.has(this.lower(from)) || lexicon.calendarWords.has(this.lower(from))) &&
      this.gazetteerAt(from, to, false) === null
    ) {
      from++;
    }
    const whole = this.gazetteerAt(from, to, false);
    if (whole !== null && whole.end === to && !this.isFirstNameAmbiguity(from, whole)) {
      this.emitMatch(from, whole);
      return;
    }
    const length = to - from;
    const last = this.lower(to - 1);
    if (length >= 2) {
      if (this.indexOfWord(from, to, '&') > from) {
        const canonical = this.slice(from, to);
        this.emit(from, to, 'organization', 'org.ampersand').canonical = canonical;
        return;
      }
      const ofIndex = this.indexOfWord(from, to, 'of');
      if (ofIndex > from && lexicon.orgHeads.has(this.lower(ofIndex - 1))) {
        const canonical = this.canonicalOrg(from, to);
        this.emit(from, to, 'organization', 'org.of-name').canonical = canonical;
        return;
      }
      if (ofIndex > from && OF_HEADS.has(this.lower(ofIndex - 1))) {
        const canonical = this.slice(from, to);
        this.emit(from, to, 'place', 'place.of-name').canonical = canonical;
        return;
      }
      if (
        lexicon.orgHeads.has(last) &&
        (!lexicon.weakOrgHeads.has(last) || length >= 3 || !this.startsWithPlace(from, to))
      ) {
        const canonical = this.canonicalOrg(from, to);
        this.emit(from, to, 'organization', 'org.head-noun').canonical = canonical;
        return;
      }
      if (
        lexicon.placeSuffixHeads.has(last) ||
        lexicon.placePrefixHeads.has(this.lower(from)) ||
        OF_HEADS.has(this.lower(from))
      ) {
        const canonical = this.slice(from, to);
        this.emit(from, to, 'place', 'place.head-noun').canonical = canonical;
        return;
      }
    }
    if (this.splitAtInnerTitle(from, to, headline)) return;
    this.classifyPieces(from, to, headline);
  }

  /**
   * "Agriculture Secretary Dan Glickman": a title inside a capitalised run. The words before it
   * qualify the title and are classified on their own; the words after it are the person.
   */
  private splitAtInnerTitle(from: number, to: number, headline: boolean): boolean {
    for (let index = from + 1; index < to - 1; index++) {
      if (!this.lexicon.titles.has(this.lower(index)) || !this.isCapitalisedWord(index)) continue;
      const titleEnd = this.titleAt(index);
      if (titleEnd <= index || titleEnd >= to || !this.isCapitalisedWord(titleEnd)) continue;
      const match = this.gazetteerAt(titleEnd, to, false);
      if (match !== null && match.end === to && match.entry.kind !== 'person') continue;
      this.classifyRun(from, index, headline);
      const title = this.slice(from, titleEnd).replace(/\s+/g, ' ');
      const nameTokens = this.nameTokens(titleEnd, to);
      const person = this.emit(titleEnd, to, 'person', 'person.title+name');
      person.title = title;
      person.nameTokens = nameTokens;
      return true;
    }
    return false;
  }

  /**
   * Splits a run into gazetteer entries and name segments. A place joined to words no rule knows
   * ("Air France", "Dynamo Moscow", "Philadelphia Eagles") is the name of an organisation.
   */
  private classifyPieces(from: number, to: number, headline: boolean): void {
    const lexicon = this.lexicon;
    const pieces: Array<{ from: number; to: number; match: Match | null; direction: boolean }> = [];
    let position = from;
    while (position < to) {
      if (!this.isCapitalisedWord(position)) {
        position++;
        continue;
      }
      const word = this.lower(position);
      if (lexicon.directions.has(word) && position + 1 < to) {
        const place = this.gazetteerAt(position + 1, to, false);
        if (place !== null && place.entry.kind === 'place') {
          pieces.push({ from: position, to: place.end, match: place, direction: true });
          position = place.end;
          continue;
        }
      }
      const match = this.gazetteerAt(position, to, false);
      if (match !== null && !this.isFirstNameAmbiguity(position, match)) {
        pieces.push({ from: position, to: match.end, match, direction: false });
        position = match.end;
        continue;
      }
      const startsWithFirstName = lexicon.firstNames.has(word);
      // "Christian Blanc" is a name; "Christian" alone, like "Russian", is not.
      const firstNameBeforeName =
        startsWithFirstName &&
        position + 1 < to &&
        this.isCapitalisedWord(position + 1) &&
        !this.isDemonymOrPlural(this.lower(position + 1));
      if (
        (this.isDemonymOrPlural(word) && !firstNameBeforeName) ||
        lexicon.calendarWords.has(word) ||
        lexicon.functionWords.has(word)
      ) {
        position++;
        continue;
      }
      // A name segment: up to the next gazetteer entry, unless it starts with a first name.
      let segmentEnd = position + 1;
      while (segmentEnd < to) {
        const next = this.lower(segmentEnd);
        // A capitalised function word ("Was", "About" in a title-case line) ends a name.
        if (lexicon.functionWords.has(next) || this.isDemonymOrPlural(next)) break;
        // "Fullback Andre Joubert": a first name after other words starts the name afresh.
        if (
          !startsWithFirstName &&
          lexicon.firstNames.has(next) &&
          !lexicon.commonWords.has(next) &&
          this.isCapitalisedWord(segmentEnd + 1) &&
          segmentEnd + 1 < to
        ) {
          break;
        }
        if (
          !startsWithFirstName &&
          this.isCapitalisedWord(segmentEnd) &&
          this.gazetteerAt(segmentEnd, to, false) !== null
        ) {
          break;
        }
        segmentEnd++;
      }
      pieces.push({ from: position, to: segmentEnd, match: null, direction: false });
      position = segmentEnd;
    }
    const hasPlace = pieces.some(
      (piece) => piece.match !== null && piece.match.entry.kind === 'place' && !piece.direction,
    );
    const unknownPieces = pieces.filter((piece) => piece.match === null);
    if (
      !headline &&
      hasPlace &&
      unknownPieces.length > 0 &&
      pieces.length === unknownPieces.length + 1 &&
      unknownPieces.every((piece) => !lexicon.firstNames.has(this.lower(piece.from)))
    ) {
      const first = pieces[0];
      const lastPiece = pieces[pieces.length - 1];
      if (first !== undefined && lastPiece !== undefined) {
        const canonical = this.slice(first.from, lastPiece.to);
        this.emit(first.from, lastPiece.to, 'organization', 'org.place+name').canonical = canonical;
        return;
      }
    }
    for (const piece of pieces) {
      if (piece.match === null) {
        this.classifySegment(piece.from, piece.to, from, to, headline);
      } else if (piece.direction) {
        this.emit(piece.from, piece.to, 'place', 'place.direction').canonical = piece.match.entry.canonical;
      } else {
        this.emitMatch(piece.from, piece.match);
      }
    }
  }

  /** "Russian", "Americans", "Democrats": nationality and party words are not names. */
  private isDemonymOrPlural(word: string): boolean {
    return this.lexicon.demonymsAndPlurals.has(word);
  }

  /** "Jordan Smith", "Georgia Brown": a one-word place that is also a first name, before a surname. */
  private isFirstNameAmbiguity(index: number, match: Match): boolean {
    if (match.end - index !== 1 || !this.lexicon.firstNames.has(this.lower(index))) return false;
    const next = match.end;
    return (
      this.isCapitalisedWord(next) &&
      (this.flag(next) & SENTENCE_START) === 0 &&
      this.gazetteerAt(next, this.count, false) === null &&
      !this.lexicon.orgHeads.has(this.lower(next)) &&
      !this.lexicon.placePrefixHeads.has(this.lower(next)) &&
      !this.lexicon.calendarWords.has(this.lower(next))
    );
  }

  private startsWithPlace(from: number, to: number): boolean {
    const match = this.gazetteerAt(from, to, false);
    return match !== null && match.entry.kind === 'place';
  }

  private indexOfWord(from: number, to: number, word: string): number {
    for (let index = from; index < to; index++) {
      if (this.lower(index) === word) return index;
    }
    return -1;
  }

  /** An organisation's canonical name: its alias group when the name without a demonym has one. */
  private canonicalOrg(from: number, to: number): string {
    // "Defence ministry" in lower case still belongs to its alias group.
    const exact = this.gazetteerAt(from, to, true);
    if (exact !== null && exact.end === to && exact.entry.kind === 'organization') return exact.entry.canonical;
    if (to - from >= 2 && this.lexicon.demonyms.has(this.lower(from))) {
      const match = this.gazetteerAt(from + 1, to, false);
      if (match !== null && match.end === to && match.entry.kind === 'organization') {
        // "Russian Defense Ministry" → "Russian Defence Ministry": the demonym stays unless the
        // alias group's canonical name already says it.
        const demonym = this.slice(from, from + 1);
        const canonical = match.entry.canonical;
        return canonical.toLowerCase().includes(demonym.toLowerCase()) ? canonical : `${demonym} ${canonical}`;
      }
    }
    return this.slice(from, to);
  }

  private classifySegment(from: number, to: number, runFrom: number, runTo: number, headline: boolean): void {
    const lexicon = this.lexicon;
    const words = this.nameTokens(from, to);
    const first = words[0] ?? '';
    const last = words[words.length - 1] ?? '';
    if (words.length >= 2 && lexicon.firstNames.has(first) && !lexicon.commonWords.has(first)) {
      this.emit(from, to, 'person', 'person.first-name').nameTokens = words;
      return;
    }
    if (words.length >= 2 && lexicon.firstNames.has(first)) {
      // A first name that is also an ordinary word ("Will", "Rose") needs a name-like surname.
      if (lexicon.learnedSurnames.has(last) || !lexicon.commonWords.has(last)) {
        this.emit(from, to, 'person', 'person.first-name').nameTokens = words;
        return;
      }
    }
    // "World War II": a roman numeral ends a name only after a first name ("John Paul II").
    if (ROMAN_NUMERAL.test(this.slice(to - 1, to))) return;
    if (words.length >= 2 && (lexicon.learnedSurnames.has(last) || hasSurnameEnding(last))) {
      this.emit(from, to, 'person', 'person.surname-shape').nameTokens = words;
      return;
    }
    if (headline) return;
    if (
      words.length === 1 &&
      this.previousWord(from) === 'the' &&
      /[a-z]s$/.test(last) &&
      !last.endsWith('ss') &&
      !this.isDemonymOrPlural(last)
    ) {
      // "the Brewers", "the Beatles": a capitalised plural after "the" names a group.
      const canonical = this.slice(from, to);
      this.emit(from, to, 'organization', 'org.the-plural').canonical = canonical;
      return;
    }
    const hint = this.hintFor(from === runFrom ? from : -1, to === runTo ? to : -1);
    const unknown = this.emit(from, to, 'unknown', 'unknown');
    unknown.nameTokens = words;
    unknown.hint = hint;
    if ((this.flag(from) & SENTENCE_START) !== 0) unknown.sentenceInitial = true;
  }

  /** Weak evidence from the words around a name; -1 means the name is inside a longer run. */
  private hintFor(from: number, to: number): CandidateHint {
    const before = from > 0 ? this.previousWord(from) : '';
    const after = to >= 0 && to < this.count ? this.lower(to) : '';
    if (PERSON_FOLLOWERS.has(after) || PERSON_LEADERS.has(before)) return 'person';
    if (after === ',' && to + 1 < this.count) {
      // "Duran, who …" and "Duran, 45, …": a relative "who" or an age after a comma.
      const next = this.lower(to + 1);
      const isAge = /^\d{1,2}$/.test(next) && to + 2 < this.count && this.lower(to + 2) === ',';
      if (next === 'who' || isAge) return 'person';
    }
    if (ORG_FOLLOWERS.has(after) || ORG_LEADERS.has(before)) return 'organization';
    if (before === 'of' && from >= 2 && ORG_NOUNS.has(this.previousWord(from - 1))) return 'organization';
    if (LOCATIVE_PREPOSITIONS.has(before)) return 'place';
    // "Markham-based": the tokenizer splits the hyphen off, leaving "-" "based" after the name.
    if (after === '-' && to + 1 < this.count && this.lower(to + 1) === 'based') return 'place';
    // "the town of Bistra", "the province of Helmand".
    if (before === 'of' && from >= 2 && PLACE_NOUNS.has(this.previousWord(from - 1))) return 'place';
    return null;
  }

  private previousWord(index: number): string {
    const previous = index - 1;
    if (previous < 0 || (this.flag(previous) & WORD) === 0) return '';
    return this.lower(previous);
  }
}

/** "NEW YORK" → "New York", for a dateline place's canonical name. */
function titleCase(text: string): string {
  return text
    .toLowerCase()
    .replace(/(^|[\s-])(\p{L})/gu, (_match, before: string, letter: string) => before + letter.toUpperCase());
}
