// The dateline that opens a news story: "MOSCOW, October 16.", "WASHINGTON (Reuters) -",
// "LONDON, Oct. 3, 2015 —". Pass 1 uses it to set the article date, and the date finder uses it
// to label the dateline's own date. Both call `findDateline` on the same paragraph text, so the
// rule lives in one place.

export interface Dateline {
  /** Offsets relative to the paragraph text given to `findDateline`. */
  start: number;
  /** End of the dateline, after its separator ("." or a dash). */
  end: number;
  /** The place, as written ("MOSCOW"). */
  place: string;
  /** The date inside the dateline, relative offsets, when it has one. */
  dateStart: number | null;
  dateEnd: number | null;
  month: number | null;
  day: number | null;
  year: number | null;
}

/** How many paragraphs from the top may hold the dateline (menus and a headline come first). */
export const DATELINE_PARAGRAPH_LIMIT = 5;

/** The months in order, lower case. The one month table the passes and the gazetteers share. */
export const MONTH_NAMES: readonly string[] = [
  'january',
  'february',
  'march',
  'april',
  'may',
  'june',
  'july',
  'august',
  'september',
  'october',
  'november',
  'december',
];

/** Month abbreviations written with a stop ("Oct.", "Sept."); each is the start of its month's name. */
export const MONTH_ABBREVIATIONS: readonly string[] = [
  'jan',
  'feb',
  'mar',
  'apr',
  'jun',
  'jul',
  'aug',
  'sep',
  'sept',
  'oct',
  'nov',
  'dec',
];

const MONTH_NUMBERS: ReadonlyMap<string, number> = new Map([
  ...MONTH_NAMES.map((name, index): [string, number] => [name, index + 1]),
  ...MONTH_ABBREVIATIONS.map((short): [string, number] => [
    short,
    MONTH_NAMES.findIndex((name) => name.startsWith(short)) + 1,
  ]),
]);

export function monthNumber(name: string): number | null {
  return MONTH_NUMBERS.get(name.toLowerCase().replace(/\.$/, '')) ?? null;
}

const MONTH_PATTERN =
  'January|February|March|April|May|June|July|August|September|October|November|December|' +
  'Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec';

// The place is at least two capitals ("MOSCOW", "ST. LOUIS", "ELLSWORTH FALLS"); an optional
// region or country in ordinary case may follow ("PARIS, Texas"), then an optional agency in
// brackets, then an optional date, then the separator. The separator is required: without it an
// all-capitals opening word is more likely emphasis than a dateline.
const DATELINE = new RegExp(
  "^([A-Z][A-Z\\.'’\\- ]*[A-Z]\\.?)" +
    '(?:,\\s+[A-Z][A-Za-z\\.]+(?:\\s[A-Z][A-Za-z\\.]+)?)??' +
    '(?:\\s*\\([^()\\n]{1,40}\\))?' +
    `(?:,?\\s+((${MONTH_PATTERN})\\.?\\s+(\\d{1,2})(?:,?\\s+(\\d{4}))?))?` +
    '\\s*(\\.|:|—|–|--?)(?=\\s|$)',
  'u',
);

/** Finds a dateline at the very start of one paragraph's text, or returns null. */
export function findDateline(paragraphText: string): Dateline | null {
  const match = DATELINE.exec(paragraphText.slice(0, 160));
  if (match === null) {
    return null;
  }
  const place = match[1] ?? '';
  // A lone capital or an initialism ("US:") is not a place name in a dateline.
  if (place.replace(/[^A-Z]/g, '').length < 3) {
    return null;
  }
  const dateText = match[2];
  const separator = match[6] ?? '';
  // "MOSCOW." alone is a sentence, not a dateline: a full stop separates only a dated dateline.
  if (separator === '.' && dateText === undefined) {
    return null;
  }
  let dateStart: number | null = null;
  let dateEnd: number | null = null;
  let month: number | null = null;
  let day: number | null = null;
  let year: number | null = null;
  if (dateText !== undefined) {
    dateStart = match[0].indexOf(dateText, place.length);
    dateEnd = dateStart + dateText.length;
    month = monthNumber(match[3] ?? '');
    day = Number(match[4]);
    year = match[5] === undefined ? null : Number(match[5]);
    if (month === null || day < 1 || day > 31) {
      return null;
    }
  }
  return { start: 0, end: match[0].length, place, dateStart, dateEnd, month, day, year };
}

/** Formats a calendar date as `YYYY-MM-DD`, or returns null when the date does not exist. */
export function formatIsoDate(year: number, month: number, day: number): string | null {
  if (!Number.isInteger(year) || year < 1 || year > 9999 || month < 1 || month > 12 || day < 1) {
    return null;
  }
  const daysInMonth = new Date(Date.UTC(year, month, 0)).getUTCDate();
  if (day > daysInMonth) {
    return null;
  }
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}
