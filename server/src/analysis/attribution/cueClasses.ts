// Hand-written classes of words that can report what someone said, believes, wants or found.
// PolNeAR counts all of these as attribution cues; a learned weight per class lets a word that
// is rare in the train split ("observed", "briefed") borrow the evidence of its class. The lists
// are written from general English, not taken from the corpus.

/** Verbs by class, in their base form; `verbForms()` adds the -s, -ed and -ing forms. */
const VERB_CLASSES: Record<string, string> = {
  speech:
    'say tell add note claim state write announce warn insist explain report declare stress emphasise emphasize argue assert admit concede allege confess confirm deny reply recall predict estimate acknowledge tweet post observe remark comment respond answer ask urge mention describe quip joke boast brag complain lament concede reiterate repeat recount caution contend maintain suggest propose hint imply signal indicate testify swear vow pledge promise threaten announce disclose reveal inform brief tell notify assure reassure remind advise recommend counter retort rebut dispute question challenge contest acknowledge declare proclaim publish print cite quote describe characterise characterize label dub call term brand praise criticise criticize condemn denounce blast slam attack accuse blame fault chide scold rebuke lambast mock ridicule applaud hail laud welcome thank congratulate apologise apologize defend justify concur agree disagree object protest demand request plead beg appeal pray exclaim shout yell scream whisper mutter add continue conclude summarise summarize speculate theorise theorize guess reckon estimate calculate project forecast',
  belief:
    'believe think feel know consider regard view see doubt suspect assume presume figure reckon imagine expect anticipate fear worry hope wish trust understand realise realize recognise recognize conclude decide judge deem find sense perceive acknowledge accept agree disagree question wonder remember forget insist',
  intention:
    'want plan intend aim seek try hope wish vow pledge promise threaten refuse decline offer agree vote choose prefer favour favor support back endorse oppose reject resist fight push press lobby campaign call demand urge',
  evidence: 'show find reveal indicate suggest demonstrate prove confirm document record estimate project put',
};

/** Irregular forms of the verbs above, which the regular rules in `verbForms()` would miss. */
const IRREGULAR_FORMS: Record<string, string> = {
  say: 'said',
  tell: 'told',
  write: 'wrote written',
  think: 'thought',
  feel: 'felt',
  know: 'knew known',
  see: 'saw seen',
  find: 'found',
  swear: 'swore sworn',
  understand: 'understood',
  forget: 'forgot forgotten',
  fight: 'fought',
  seek: 'sought',
  choose: 'chose chosen',
  show: 'shown',
  prove: 'proven',
  put: 'put',
  forecast: 'forecast',
};

/** Nouns that name a statement, a belief, a finding or a stance, singular and plural. */
const NOUN_CLASSES: Record<string, string> = {
  'speech-noun':
    'statement report interview allegation claim remark comment criticism tweet post letter speech testimony memo announcement assertion accusation charge argument suggestion warning promise pledge vow threat call demand request appeal plea complaint denial admission confession insistence explanation description prediction forecast estimate projection response reply answer question message remarks',
  'belief-noun': 'belief view opinion concern fear hope worry expectation assumption suspicion doubt conviction sense',
  'evidence-noun':
    'poll survey study analysis finding findings data record records document documents filing figures research review audit investigation',
  'stance-noun':
    'support opposition endorsement backing decision plan plans proposal intention desire refusal criticism praise',
};

/** The -s, -ed and -ing forms of a regular verb, plus its irregular forms. */
function verbForms(base: string): string[] {
  const forms = [base];
  const consonantY = base.endsWith('y') && !/[aeiou]y$/.test(base);
  if (consonantY) forms.push(`${base.slice(0, -1)}ies`, `${base.slice(0, -1)}ied`, `${base}ing`);
  else if (/(?:s|sh|ch|x|z)$/.test(base)) forms.push(`${base}es`, `${base}ed`, `${base}ing`);
  else if (base.endsWith('e')) forms.push(`${base}s`, `${base}d`, `${base.slice(0, -1)}ing`);
  else forms.push(`${base}s`, `${base}ed`, `${base}ing`);
  // Short verbs ending consonant-vowel-consonant double the consonant ("admit", "plan").
  if (/[^aeiou][aeiou][bdgklmnprt]$/.test(base) && base.length <= 6) {
    const last = base.charAt(base.length - 1);
    forms.push(`${base}${last}ed`, `${base}${last}ing`);
  }
  const irregular = IRREGULAR_FORMS[base];
  if (irregular !== undefined) forms.push(...irregular.split(' '));
  return forms;
}

function nounForms(noun: string): string[] {
  if (noun.endsWith('s')) return [noun];
  if (noun.endsWith('y') && !/[aeiou]y$/.test(noun)) return [noun, `${noun.slice(0, -1)}ies`];
  if (/(?:sh|ch|x)$/.test(noun)) return [noun, `${noun}es`];
  return [noun, `${noun}s`];
}

/**
 * Every word form in a class, to its class names (a form may be in several, like "claims", a
 * speech verb and a speech noun). Built once at load.
 */
export const CUE_CLASSES: ReadonlyMap<string, readonly string[]> = (() => {
  const classes = new Map<string, Set<string>>();
  const addForm = (form: string, name: string): void => {
    const names = classes.get(form) ?? new Set<string>();
    names.add(name);
    classes.set(form, names);
  };
  for (const [name, list] of Object.entries(VERB_CLASSES)) {
    for (const base of list.split(' ')) for (const form of verbForms(base)) addForm(form, name);
  }
  for (const [name, list] of Object.entries(NOUN_CLASSES)) {
    for (const noun of list.split(' ')) for (const form of nounForms(noun)) addForm(form, name);
  }
  const sorted = new Map<string, readonly string[]>();
  for (const [form, names] of classes) sorted.set(form, [...names].sort());
  return sorted;
})();

/**
 * Whether the word is a speech verb or noun ("said", "added", "statement"), which may report the
 * words before it when nothing follows ("… by the time he said that."). A belief or evidence word
 * that ends its clause reports nothing ("the largest exercise the region has ever seen.").
 */
export function isSpeechWord(word: string): boolean {
  return CUE_CLASSES.get(word)?.some((name) => name === 'speech' || name === 'speech-noun') ?? false;
}

/**
 * Whether the word is only a stance word ("supports", "backed", "opposes"): an intention verb or
 * stance noun and no speech, belief or evidence word. Followed by a figure ("supports about 300
 * children") such a word takes a quantity, not a claim, and its subject is no source for it.
 */
export function isStanceOnly(word: string): boolean {
  const classes = CUE_CLASSES.get(word);
  return classes !== undefined && classes.every((name) => name === 'intention' || name === 'stance-noun');
}
