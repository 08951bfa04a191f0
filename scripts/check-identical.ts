// Checks that two builds of the analysis give exactly the same output: for every text, the
// SHA-256 of JSON.stringify(analyse(text)) from one bundle must equal the other's. A speed-up of
// the analysis is only accepted when this holds on every text. The texts are the project's
// fixtures and, when the shared corpus sits next to the repository, the PolNeAR train and dev
// texts and the seed articles (read here only; nothing from them is written anywhere). Each text
// is analysed twice: with no options, and with an article date, so that date resolution is
// compared too.
//
//   node --import tsx scripts/check-identical.ts <old bundle> <new bundle>
//   node --import tsx scripts/check-identical.ts --build <git ref or WORKTREE> <out bundle>
//
// `--build` bundles scripts/bench/analysis-entry.ts as it is at a commit (via `git archive`, so the
// working tree is not touched) or, with WORKTREE, as it is on disk, with the options
// scripts/bench/shipped.ts uses. Exits with status 1 on the first difference, naming the file.
import { createHash } from 'node:crypto';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join, relative, resolve } from 'node:path';
import { buildSync } from 'esbuild';
import { SHIPPED_BUILD_OPTIONS, type ShippedAnalysis } from './bench/shipped';

const REPO_ROOT = join(import.meta.dirname, '..');
const SHARED_CORPUS = join(REPO_ROOT, '..', 'shared', 'corpus');
const ARTICLE_DATE = '2016-10-16';

function buildBundle(ref: string, outfile: string): void {
  let sourceRoot = REPO_ROOT;
  let temporary: string | null = null;
  if (ref !== 'WORKTREE') {
    temporary = mkdtempSync(join(tmpdir(), 'news-claims-ref-'));
    const archive = execFileSync('git', ['archive', '--format=tar', ref, 'server', 'scripts'], {
      cwd: REPO_ROOT,
      maxBuffer: 256 * 1024 * 1024,
    });
    execFileSync('tar', ['-x', '-C', temporary], { input: archive });
    sourceRoot = temporary;
  }
  try {
    buildSync({
      ...SHIPPED_BUILD_OPTIONS,
      entryPoints: [join(sourceRoot, 'scripts', 'bench', 'analysis-entry.ts')],
      outfile: resolve(outfile),
      // A commit's sources in a temporary directory still take their packages from this checkout.
      nodePaths: [join(REPO_ROOT, 'node_modules')],
    });
  } finally {
    if (temporary !== null) rmSync(temporary, { recursive: true, force: true });
  }
  process.stdout.write(`Built ${outfile} from ${ref}.\n`);
}

function listFiles(directory: string, accept: (name: string) => boolean): string[] {
  if (!existsSync(directory)) return [];
  const files: string[] = [];
  for (const entry of readdirSync(directory).sort()) {
    const path = join(directory, entry);
    if (statSync(path).isDirectory()) files.push(...listFiles(path, accept));
    else if (accept(entry)) files.push(path);
  }
  return files;
}

/** Every text the check runs over, fixtures first; the shared corpus only when it is present. */
function inputFiles(): string[] {
  const isArticle = (name: string): boolean => /\.(?:txt|md|news|article)$/.test(name);
  const files = listFiles(join(REPO_ROOT, 'test', 'fixtures'), isArticle);
  for (const part of [join('polnear', 'train', 'text'), join('polnear', 'dev', 'text'), 'seeds']) {
    files.push(...listFiles(join(SHARED_CORPUS, part), isArticle));
  }
  return files;
}

function digest(bundle: ShippedAnalysis, text: string, articleDate: string | undefined): string {
  const analysis = articleDate === undefined ? bundle.analyse(text) : bundle.analyse(text, { articleDate });
  return createHash('sha256').update(JSON.stringify(analysis)).digest('hex');
}

function main(): void {
  const argumentsGiven = process.argv.slice(2);
  if (argumentsGiven[0] === '--build') {
    const [, ref, outfile] = argumentsGiven;
    if (ref === undefined || outfile === undefined) throw new Error('Usage: --build <git ref or WORKTREE> <out>');
    buildBundle(ref, outfile);
    return;
  }
  const [oldPath, newPath] = argumentsGiven;
  if (oldPath === undefined || newPath === undefined) {
    throw new Error('Usage: check-identical.ts <old bundle> <new bundle>');
  }
  const load = createRequire(import.meta.filename);
  const oldBundle = load(resolve(oldPath)) as ShippedAnalysis;
  const newBundle = load(resolve(newPath)) as ShippedAnalysis;
  const files = inputFiles();
  let compared = 0;
  for (const file of files) {
    // A BOM is the caller's to strip, as the language server and the CLI do.
    const text = readFileSync(file, 'utf8').replace(/^\uFEFF/, '');
    for (const articleDate of [undefined, ARTICLE_DATE]) {
      if (digest(oldBundle, text, articleDate) !== digest(newBundle, text, articleDate)) {
        const options = articleDate === undefined ? 'no options' : `articleDate ${articleDate}`;
        process.stderr.write(`DIFFERENT: ${relative(REPO_ROOT, file)} (${options})\n`);
        process.exitCode = 1;
        return;
      }
      compared++;
    }
  }
  process.stdout.write(`Identical: ${files.length} texts, ${compared} analyses.\n`);
}

main();
