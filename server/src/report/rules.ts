// What each finding code means, for the SARIF rule list and `news-claims --help`. The analysis
// decides each finding's severity; this table is only the description a reader sees next to it.
import type { FindingCode, Severity } from '../analysis/types';

export interface RuleDescription {
  /** One line, shown as SARIF `shortDescription`. */
  summary: string;
  /** The severity a finding of this code has when the configuration does not change it. */
  defaultSeverity: Severity;
}

export const RULES: Record<FindingCode, RuleDescription> = {
  'unattributed-figure': { summary: 'A figure that no attribution covers.', defaultSeverity: 'warning' },
  'unattributed-claim': { summary: 'A checkable claim that no attribution covers.', defaultSeverity: 'information' },
  'quote-without-source': { summary: 'A quotation with no speaker named for it.', defaultSeverity: 'warning' },
  'unclosed-quote': { summary: 'A quotation mark that is never closed.', defaultSeverity: 'warning' },
  'anonymous-source': {
    summary: 'An attribution to an unnamed source ("a senior official said").',
    defaultSeverity: 'information',
  },
  'loaded-attribution-verb': {
    summary: 'A reporting verb that takes sides ("claimed", "admitted").',
    defaultSeverity: 'information',
  },
  'name-variant': { summary: 'A name spelled differently from its other mentions.', defaultSeverity: 'information' },
  'figure-mismatch': { summary: 'The same quantity given with different figures.', defaultSeverity: 'warning' },
};
