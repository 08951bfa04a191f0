// The pure analysis core. `analyse()` runs the numbered passes in order over one text and
// returns plain data with UTF-16 offsets. Nothing here touches the file system, the network or
// an editor API; the CLI, the language server and the tests all call this one function.
import { type AnalysisContext, type AnalysisOptions, createAnalysisContext } from './context';
import { runSentences } from './passes/01-sentences';
import { runQuotations } from './passes/02-quotations';
import { runEntities } from './passes/03-entities';
import { runFigures } from './passes/04-figures';
import { runAttributions } from './passes/05-attributions';
import { runClaims } from './passes/06-claims';
import { runFindings } from './passes/07-findings';
import type { Analysis } from './types';

export type { AnalysisOptions } from './context';
export type { NewsClaimsConfig } from './config';
export * from './types';

/** The passes in run order. Each reads what the earlier ones wrote. */
const PASSES: ReadonlyArray<(context: AnalysisContext) => void> = [
  runSentences,
  runQuotations,
  runEntities,
  runFigures,
  runAttributions,
  runClaims,
  runFindings,
];

export function analyse(text: string, options: AnalysisOptions = {}): Analysis {
  const context = createAnalysisContext(text, options);
  for (const pass of PASSES) {
    pass(context);
  }
  return analysisOf(context);
}

/** The plain result of a context the passes have run over; the breakdown bench calls it after timing each pass. */
export function analysisOf(context: AnalysisContext): Analysis {
  return {
    length: context.text.length,
    articleDate: context.articleDate,
    paragraphs: context.paragraphs,
    sentences: context.sentences,
    quotes: context.quotes,
    entities: context.entities,
    attributions: context.attributions,
    claims: context.claims,
    findings: context.findings,
  };
}
