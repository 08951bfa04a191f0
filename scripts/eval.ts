// `npm run eval [-- --conll FILE] [--polnear DIR] [--write]`
// Scores the analysis against the shared corpora: CoNLL-2003 for people, organisations and
// places, PolNeAR for attributions. With neither flag, both default to /work/shared/corpus.
// A path that does not exist is reported and skipped, so either part runs on its own. With
// --write, the tables and the exact command go into the Evaluation section of docs/QUALITY.md,
// between the `<!-- eval:start -->` and `<!-- eval:end -->` markers.
import { existsSync } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { evaluateConll } from './eval/conll';

const DEFAULT_CONLL = '/work/shared/corpus/conll2003/valid.txt';
const DEFAULT_POLNEAR = '/work/shared/corpus/polnear/dev';
const QUALITY_FILE = join(import.meta.dirname, '../docs/QUALITY.md');
const START_MARKER = '<!-- eval:start -->';
const END_MARKER = '<!-- eval:end -->';

interface Options {
  conll: string | null;
  polnear: string | null;
  write: boolean;
}

function parseArguments(argv: readonly string[]): Options {
  let conll: string | null = null;
  let polnear: string | null = null;
  let write = false;
  for (let index = 0; index < argv.length; index++) {
    const argument = argv[index];
    if (argument === '--write') write = true;
    else if (argument === '--conll' || argument === '--polnear') {
      const value = argv[index + 1];
      if (value === undefined || value.startsWith('--')) {
        throw new Error(`eval: ${argument} needs a path`);
      }
      if (argument === '--conll') conll = value;
      else polnear = value;
      index++;
    } else {
      throw new Error(`eval: unknown argument ${argument ?? ''} (expected --conll FILE, --polnear DIR, --write)`);
    }
  }
  if (conll === null && polnear === null) {
    conll = DEFAULT_CONLL;
    polnear = DEFAULT_POLNEAR;
  }
  return { conll, polnear, write };
}

async function main(): Promise<void> {
  const options = parseArguments(process.argv.slice(2));
  const sections: string[] = [];
  if (options.conll !== null) {
    if (!existsSync(options.conll)) {
      console.log(`eval: CoNLL file ${options.conll} does not exist; skipping the CoNLL evaluation.`);
    } else {
      const result = await evaluateConll(options.conll);
      const section = `### Entities (CoNLL-2003, \`${options.conll}\`)\n\n${result.table}`;
      console.log(section + '\n');
      sections.push(section);
    }
  }
  if (options.polnear !== null) {
    if (!existsSync(options.polnear)) {
      console.log(`eval: PolNeAR directory ${options.polnear} does not exist; skipping the PolNeAR evaluation.`);
    } else {
      // Imported lazily so that the CoNLL part runs even while the attribution evaluation is absent.
      const { evaluatePolnear } = await import('./eval/polnear');
      const result = await evaluatePolnear(options.polnear);
      const section = `### Attributions (PolNeAR, \`${options.polnear}\`)\n\n${result.table}`;
      console.log(section + '\n');
      sections.push(section);
    }
  }
  if (options.write) {
    if (sections.length === 0) {
      console.log(`eval: nothing was evaluated, so ${QUALITY_FILE} is left unchanged.`);
      return;
    }
    const command = ['npm run eval --', ...process.argv.slice(2)].join(' ');
    await writeEvaluation(sections, command);
    console.log(`eval: wrote the tables into ${QUALITY_FILE}.`);
  }
}

async function writeEvaluation(sections: readonly string[], command: string): Promise<void> {
  const block = [
    START_MARKER,
    '',
    `Produced by \`${command}\`.`,
    '',
    ...sections.flatMap((section) => [section, '']),
    END_MARKER,
  ].join('\n');
  let content = existsSync(QUALITY_FILE) ? await readFile(QUALITY_FILE, 'utf8') : '# Quality\n';
  const start = content.indexOf(START_MARKER);
  const end = content.indexOf(END_MARKER);
  if (start >= 0 && end > start) {
    content = content.slice(0, start) + block + content.slice(end + END_MARKER.length);
  } else {
    content = `${content.trimEnd()}\n\n## Evaluation\n\n${block}\n`;
  }
  // Format the tables the way `npm run lint` expects, so that a fresh --write passes prettier --check.
  const prettier = await import('prettier');
  const options = (await prettier.resolveConfig(QUALITY_FILE)) ?? {};
  await writeFile(QUALITY_FILE, await prettier.format(content, { ...options, filepath: QUALITY_FILE }));
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : String(error));
  process.exitCode = 1;
});
