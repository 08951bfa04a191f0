// Placeholder until this pass is implemented; it adds nothing to the context.
import type { AnalysisContext } from '../context';

export function runFigures(_context: AnalysisContext): void {}
