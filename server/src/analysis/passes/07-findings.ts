// Placeholder until this pass is implemented; it adds nothing to the context.
import type { AnalysisContext } from '../context';

export function runFindings(_context: AnalysisContext): void {}
