// Normalising keys that decide which names across articles are the same entity. Two spellings
// share a key when they differ only in the ways transliteration and house style make names
// differ (Andrey/Andrei, Aleksandr/Alexander, Mohammed/Muhammad, Defense/Defence,
// -ization/-isation). The key is deliberately coarse per word, so it is only trusted when every
// word of the name matches and the spellings stay close (see `spellingsAgree`).

/** Folds one word to a transliteration-insensitive skeleton. */
export function wordKey(word: string): string {
  let folded = word
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z]/g, '');
  if (folded === '') {
    return '';
  }
  // Spelling rules first, while the vowels that condition them are still there.
  folded = folded
    .replace(/ks/g, 'x')
    .replace(/kh/g, 'h')
    .replace(/ph/g, 'f')
    .replace(/ck/g, 'k')
    .replace(/z/g, 's')
    .replace(/c(?=[eiy])/g, 's')
    .replace(/j/g, 'y');
  // Then the skeleton: the first letter kept as it is, later vowels (and y, which stands for a
  // vowel in -ey, -iy, -yy endings) dropped, doubled letters collapsed.
  const first = folded.charAt(0);
  const rest = folded.slice(1).replace(/[aeiouy]/g, '');
  // A final -a or -o is kept: it marks gender in many names (Kartsev/Kartsova, Maria/Mario),
  // where transliteration never changes it, unlike the -ey/-ei/-y endings dropped above.
  const ending = folded.length > 2 && /[ao]$/.test(folded) ? folded.charAt(folded.length - 1) : '';
  return (first + rest).replace(/(.)\1+/g, '$1') + ending;
}

/** The words of a name, without punctuation, for keys and comparisons. */
export function nameWords(name: string): string[] {
  return name
    .split(/[\s\u00a0\-‐–]+/)
    .map((word) => word.replace(/^[^\p{L}\p{N}]+|[^\p{L}\p{N}]+$/gu, ''))
    .filter((word) => word !== '');
}

/** The key of a whole name: the skeletons of its words, in order. */
export function nameKey(name: string): string {
  return nameWords(name).map(wordKey).join(' ');
}

/**
 * True when two spellings of a name with the same key are close enough to be one name spelt
 * two ways. The skeleton alone would let "Putin" and "Peyton" meet; an edit distance of at most
 * two per word after the spelling rules (ks→x, z→s) keeps such pairs apart while letting
 * Mohammed/Muhammad (two vowels) and Aleksandr/Alexander (one inserted e) through.
 */
export function spellingsAgree(a: string, b: string): boolean {
  const wordsA = nameWords(a);
  const wordsB = nameWords(b);
  if (wordsA.length !== wordsB.length) {
    return false;
  }
  const close = wordsA.every((word, index) => {
    const other = wordsB[index] ?? '';
    if (wordKey(word) !== wordKey(other)) {
      return false;
    }
    return editDistance(spellingForm(word), spellingForm(other)) <= 2;
  });
  if (!close) {
    return false;
  }
  // A misspelling usually touches one word. When several words differ, each difference must be
  // one transliteration makes (Sergey Shoygu/Sergei Shoigu); otherwise the names are taken to
  // belong to two people whose names happen to look alike (Dean Baker/Dan Backer).
  const differing = wordsA.filter((word, index) => spellingForm(word) !== spellingForm(wordsB[index] ?? ''));
  return (
    differing.length <= 1 ||
    wordsA.every((word, index) => transliterationForm(word) === transliterationForm(wordsB[index] ?? ''))
  );
}

/**
 * A word with the differences transliteration makes folded away: y and i (Sergey/Sergei,
 * Shoygu/Shoigu), j and y, kh and h, ph and f, doubled letters. Vowels other than y and i stay,
 * so Dean and Dan remain two names.
 */
function transliterationForm(word: string): string {
  return spellingForm(word)
    .replace(/kh/g, 'h')
    .replace(/ph/g, 'f')
    .replace(/[jy]/g, 'i')
    .replace(/(.)\1+/g, '$1');
}

function spellingForm(word: string): string {
  return word
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/ks/g, 'x')
    .replace(/z/g, 's');
}

function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, index) => index);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      current[j] = Math.min((previous[j] ?? 0) + 1, (current[j - 1] ?? 0) + 1, (previous[j - 1] ?? 0) + cost);
    }
    previous = current;
  }
  return previous[b.length] ?? 0;
}

/** The user's cluster overrides from `.newsclaims.json` (`clusters.merge`, `clusters.split`). */
export interface ClusterOverrides {
  /** Groups of names that are one entity whatever their spelling. */
  merge: readonly (readonly string[])[];
  /** Names that stand alone, never joined to a look-alike. */
  split: readonly string[];
}

/**
 * Builds the function that gives each canonical name its cluster key, honouring the overrides:
 * a split name keys to itself exactly, a merged name to its group, anything else to `nameKey`.
 * Merge wins over split when a name is in both, because merging is the more specific request.
 */
export function clusterKeyFunction(overrides: ClusterOverrides): (kind: string, name: string) => string {
  const merged = new Map<string, string>();
  overrides.merge.forEach((group, index) => {
    for (const name of group) {
      merged.set(name.trim().toLowerCase(), `merge:${index}`);
    }
  });
  const split = new Set(overrides.split.map((name) => name.trim().toLowerCase()));
  return (kind, name) => {
    const lower = name.trim().toLowerCase();
    const group = merged.get(lower);
    if (group !== undefined) {
      return group;
    }
    if (split.has(lower)) {
      return `${kind}:exact:${lower}`;
    }
    return `${kind}:${nameKey(name)}`;
  };
}
