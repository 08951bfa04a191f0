// Compiler-style text output: one `file:line:col severity code message` line per finding, so that
// editors and CI logs can link each line back to the article.
import { LineIndex } from '../lineIndex';
import type { JsonFile } from './json';

export function formatTextFile(file: JsonFile, text: string): string {
  if (file.diagnostics.length === 0) {
    return '';
  }
  const lines = new LineIndex(text);
  return file.diagnostics
    .map((diagnostic) => {
      const { line, column } = lines.humanPositionAt(diagnostic.start);
      // A message never spans lines in the output, whatever the analysis put into it.
      const message = diagnostic.message.replace(/\s*[\r\n]+\s*/g, ' ');
      return `${file.path}:${line}:${column} ${diagnostic.severity} ${diagnostic.code} ${message}\n`;
    })
    .join('');
}
