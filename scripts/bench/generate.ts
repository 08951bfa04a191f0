// Deterministic variations of the fixture articles, for workspace-scale runs: the same news
// shapes with other names and other numbers, so that 10,000 articles are 10,000 different texts
// (no cache can make them cheap) while staying the kind of text the analysis is built for.
import { seededRandom } from './stats';

const SYLLABLES = ['ka', 'ro', 'vel', 'mi', 'dan', 'tor', 'el', 'sa', 'bri', 'on', 'ha', 'lin', 'gar', 'the', 'mon'];

/**
 * Words that stay as they are: months and weekdays carry dates, and titles and organisation
 * words ("Mayor", "Council") are what the entity rules key on, so changing them would turn the
 * generated articles into text unlike news.
 */
const KEPT_WORDS = new Set([
  ...['Mayor', 'President', 'Minister', 'Prime', 'Secretary', 'General', 'Colonel', 'Chief', 'Judge'],
  ...['Senator', 'Governor', 'Councillor', 'Prosecutor', 'Inspector', 'Professor', 'Doctor', 'Director'],
  ...['Council', 'City', 'Court', 'Crown', 'Department', 'Ministry', 'University', 'Bank', 'Police', 'Hospital'],
  ...['Agency', 'Union', 'Association', 'Company', 'Group', 'Party', 'Committee', 'Service', 'Trust', 'Staff'],
  ...['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August'],
  ...['September', 'October', 'November', 'December'],
  ...['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'],
]);

function inventName(random: () => number): string {
  const count = 2 + Math.floor(random() * 2);
  let name = '';
  for (let index = 0; index < count; index++) {
    name += SYLLABLES[Math.floor(random() * SYLLABLES.length)] ?? 'ka';
  }
  return name.charAt(0).toUpperCase() + name.slice(1);
}

/**
 * Capitalised words that appear inside a sentence (not after a full stop, a quote mark or a line
 * break), so names rather than sentence-initial words. The same word at a sentence start is then
 * replaced too, which keeps every mention of a name consistent.
 */
function namesIn(text: string): Set<string> {
  const names = new Set<string>();
  for (const match of text.matchAll(/(?<=[\p{Ll},] )\p{Lu}\p{Ll}{2,}/gu)) {
    if (!KEPT_WORDS.has(match[0])) {
      names.add(match[0]);
    }
  }
  return names;
}

/** The article with its names and numbers replaced, consistently within the article. */
export function varyArticle(text: string, seed: number): string {
  const random = seededRandom(seed);
  const replacements = new Map<string, string>();
  for (const name of namesIn(text)) {
    replacements.set(name, inventName(random));
  }
  const withNames =
    replacements.size === 0
      ? text
      : text.replace(
          new RegExp(`\\b(?:${[...replacements.keys()].join('|')})\\b`, 'gu'),
          (name) => replacements.get(name) ?? name,
        );
  // Each digit run keeps its length (and a leading digit that is not zero), so "2024" stays a year-like number.
  return withNames.replace(/\d+/g, (digits) => {
    let replaced = '';
    for (let index = 0; index < digits.length; index++) {
      const lowest = index === 0 && digits.length > 1 ? 1 : 0;
      replaced += String(lowest + Math.floor(random() * (10 - lowest)));
    }
    return replaced;
  });
}

/** `count` articles cycling through `templates`, each varied with its own seed. */
export function generateArticles(templates: readonly string[], count: number): string[] {
  if (templates.length === 0) {
    throw new Error('generateArticles needs at least one template article.');
  }
  const articles: string[] = [];
  for (let index = 0; index < count; index++) {
    articles.push(varyArticle(templates[index % templates.length] ?? '', index + 1));
  }
  return articles;
}
