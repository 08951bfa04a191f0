// Placeholder until this pass is implemented; it adds nothing to the context.
import type { AnalysisContext } from '../context';

export function runEntities(_context: AnalysisContext): void {}
