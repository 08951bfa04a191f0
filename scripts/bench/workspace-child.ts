// Runs in its own process so that its peak RSS is the workspace run's alone. It generates the
// articles first (not timed), then analyses every one, keeping every result as the CLI's JSON
// output and a workspace index both do, and prints one JSON line for the parent.
//
//   node workspace-child.js <repo root> <article count>
import { analyse, type Analysis } from '../../server/src/analysis/index';
import { loadFixtureCorpus } from './corpus';
import { generateArticles } from './generate';

export interface WorkspaceMeasurement {
  articles: number;
  bytes: number;
  analyseMs: number;
  /** Peak resident set size of this process over its whole life, in bytes. */
  peakRssBytes: number;
  entities: number;
  findings: number;
}

function main(): void {
  const [repoRoot, countArgument] = process.argv.slice(2);
  const count = Number(countArgument);
  if (!repoRoot || !Number.isInteger(count) || count <= 0) {
    throw new Error('usage: workspace-child <repo root> <article count>');
  }
  const templates = loadFixtureCorpus(repoRoot).documents.map((document) => document.text);
  const articles = generateArticles(templates, count);
  const results: Analysis[] = [];
  const start = performance.now();
  for (const article of articles) {
    results.push(analyse(article));
  }
  const analyseMs = performance.now() - start;
  const measurement: WorkspaceMeasurement = {
    articles: articles.length,
    bytes: articles.reduce((sum, article) => sum + Buffer.byteLength(article), 0),
    analyseMs,
    // resourceUsage() reports maxRSS in kilobytes.
    peakRssBytes: process.resourceUsage().maxRSS * 1024,
    entities: results.reduce((sum, result) => sum + result.entities.length, 0),
    findings: results.reduce((sum, result) => sum + result.findings.length, 0),
  };
  process.stdout.write(`${JSON.stringify(measurement)}\n`);
}

main();
