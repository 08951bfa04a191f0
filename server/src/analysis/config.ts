// The user's configuration, as `.newsclaims.json` or `--config` supplies it. Parsing and
// validation live here, in the pure core, so that the CLI and the language server report the
// same errors for the same file.
import type { FindingCode, Severity } from './types';

export type SeveritySetting = Severity | 'off';

export interface NewsClaimsConfig {
  /** A severity per finding code, or `off`. Codes not listed keep their default. */
  severity: Partial<Record<FindingCode, SeveritySetting>>;
  /** Extra people the gazetteers do not know, as full names. */
  people: string[];
  /** Extra organisations the gazetteers do not know. */
  organizations: string[];
  /** Alias groups: canonical name to the other names it goes by. */
  aliases: Record<string, string[]>;
  /** Phrases that count as common knowledge and need no source. */
  commonKnowledge: string[];
  /** The article date, `YYYY-MM-DD`, used to resolve relative dates when the text has no dateline. */
  articleDate: string | null;
}

export const DEFAULT_CONFIG: NewsClaimsConfig = {
  severity: {},
  people: [],
  organizations: [],
  aliases: {},
  commonKnowledge: [],
  articleDate: null,
};
