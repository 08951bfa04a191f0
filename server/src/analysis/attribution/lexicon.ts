// Hand-written word lists for the attribution rules. They are small on purpose: the learned cue
// model (`cueModel.ts`, `../data/cues.ts`) decides which words are cues, while these lists carry the grammar
// (which words are loaded, which descriptions point back to a person or an organisation).

/** Reporting verbs in every form; a line opening with one is never a "Name: …" colon attribution. */
export const CORE_CUES: ReadonlySet<string> = new Set(
  [
    'say says said saying',
    'tell tells told telling',
    'add adds added adding',
    'note notes noted noting',
    'claim claims claimed claiming',
    'state states stated stating',
    'write writes wrote written writing',
    'announce announces announced announcing',
    'warn warns warned warning',
    'insist insists insisted insisting',
    'explain explains explained explaining',
    'report reports reported reporting',
    'declare declares declared declaring',
    'stress stresses stressed stressing',
    'emphasise emphasises emphasised emphasize emphasizes emphasized',
    'argue argues argued arguing',
    'assert asserts asserted asserting',
    'admit admits admitted admitting',
    'concede concedes conceded conceding',
    'allege alleges alleged alleging',
    'confess confesses confessed confessing',
    'confirm confirms confirmed confirming',
    'deny denies denied denying',
    'reply replies replied',
    'recall recalls recalled',
    'predict predicts predicted',
    'estimate estimates estimated',
    'acknowledge acknowledges acknowledged',
    'tweet tweets tweeted',
    'learn learns learned learnt',
    'believe believes believed',
    'accuse accuses accused',
    'suggest suggests suggested',
  ]
    .join(' ')
    .split(' '),
);

/** Loaded verbs and the neutral verb in the same form ("claimed" becomes "said"). */
export const LOADED_VERBS: ReadonlyMap<string, string> = new Map([
  ['claim', 'say'],
  ['claims', 'says'],
  ['claimed', 'said'],
  ['claiming', 'saying'],
  ['admit', 'say'],
  ['admits', 'says'],
  ['admitted', 'said'],
  ['admitting', 'saying'],
  ['concede', 'say'],
  ['concedes', 'says'],
  ['conceded', 'said'],
  ['conceding', 'saying'],
  ['insist', 'say'],
  ['insists', 'says'],
  ['insisted', 'said'],
  ['insisting', 'saying'],
  ['allege', 'say'],
  ['alleges', 'says'],
  ['alleged', 'said'],
  ['alleging', 'saying'],
  ['confess', 'say'],
  ['confesses', 'says'],
  ['confessed', 'said'],
  ['confessing', 'saying'],
]);

/** Verbs whose object (the person told) sits between the verb and the reported clause. */
export const VERBS_WITH_LISTENER: ReadonlySet<string> = new Set(
  'tell tells told telling warn warns warned warning assure assures assured inform informs informed remind reminds reminded'.split(
    ' ',
  ),
);

/** Words that, right before a verb form, show it is a noun ("the claims", "her reports"). */
export const DETERMINERS: ReadonlySet<string> = new Set(
  'the a an this these those that his her their its our my your such any no every each some many several new false earlier'.split(
    ' ',
  ),
);

/** Auxiliaries and adverbs that may stand between a subject and its reporting verb. */
export const SKIPPABLE_BEFORE_CUE: ReadonlySet<string> = new Set(
  'has have had also later earlier previously then repeatedly again will would could may might is was were are be been being reportedly recently publicly often never not did does do just already even still further once first privately separately quickly initially later subsequently has-been flatly angrily openly'.split(
    ' ',
  ),
);

/** Words that end a subject noun phrase when walking backwards from a cue. */
export const SUBJECT_BOUNDARIES: ReadonlySet<string> = new Set(
  'that and but or because while when whereas which who whom whose where if as after before since although though so than then to nor yet unless until whether what how why'.split(
    ' ',
  ),
);

/** Words after a cue that start an adjunct rather than the reported content ("said on Friday"). */
export const ADJUNCT_STARTS: ReadonlySet<string> = new Set(
  'at in on during with after before while when by from to through via over today yesterday tonight later earlier afterwards again also recently previously this last on'.split(
    ' ',
  ),
);

/** Third-person pronouns that point back to a person. */
export const PERSON_PRONOUNS: ReadonlySet<string> = new Set(['he', 'she', 'him', 'her']);
/** Pronouns that point back to an organisation. */
export const ORGANISATION_PRONOUNS: ReadonlySet<string> = new Set(['it']);

/** Nouns for people that a definite description ("the General", "the minister") uses. */
export const PERSON_NOUNS: ReadonlySet<string> = new Set(
  'general colonel major captain lieutenant admiral commander official minister president prime spokesman spokeswoman spokesperson secretary senator governor mayor ambassador chief director head chairman chairwoman chair leader premier chancellor judge prosecutor officer lawyer attorney councillor councilor candidate nominee king queen prince envoy diplomat adviser advisor aide representative congressman congresswoman sheriff commissioner manager executive founder economist analyst woman man businessman'.split(
    ' ',
  ),
);

/** Nouns for organisations that a definite description ("the ministry") uses. */
export const ORGANISATION_NOUNS: ReadonlySet<string> = new Set(
  'ministry department agency company firm government council committee commission campaign party bank office authority authorities army police military court union administration board group organisation organization association institute service force staff newspaper network station team club league university school hospital'.split(
    ' ',
  ),
);

/** Heads of unnamed descriptions ("a senior official", "sources", "people familiar with"). */
export const ANONYMOUS_NOUNS: ReadonlySet<string> = new Set(
  'official officials source sources person people aide aides diplomat diplomats insider insiders officer officers spokesman spokeswoman spokesperson employee employees staffer staffers member members resident residents witness witnesses analyst analysts expert experts observer observers critic critics'.split(
    ' ',
  ),
);

/** Words that open an unnamed description: an indefinite article or a vague quantifier. */
export const INDEFINITE_OPENERS: ReadonlySet<string> = new Set(
  'a an one two three four several some another other many few senior officials sources people'.split(' '),
);

/** Sentence openers to skip before "According to" ("But according to…"). */
export const LEADING_CONJUNCTIONS: ReadonlySet<string> = new Set('but and yet so however still'.split(' '));

/** Punctuation that closes a quote. Straight quotes both open and close. */
export const CLOSING_QUOTES = '"\u201d\u2019\u00bb\u203a`\'';
/** Punctuation that opens a quote. */
export const OPENING_QUOTES = '"\u201c\u2018\u00ab\u2039`\'\u201e';
