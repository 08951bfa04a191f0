// Workspace scale: many generated articles analysed in a child process, so that the peak RSS it
// reports belongs to that work alone and not to the benchmark's own corpora and peers.
import { execFileSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { buildSync } from 'esbuild';
import type { WorkspaceMeasurement } from './workspace-child';

/**
 * The child is bundled like dist/cli.js (minified, plain node, no tsx loader), so its memory and
 * speed are those of the shipped code rather than of a TypeScript loader.
 */
function bundleChild(repoRoot: string): string {
  const outdir = join(repoRoot, '.tmp', 'bench');
  mkdirSync(outdir, { recursive: true });
  const outfile = join(outdir, 'workspace-child.js');
  buildSync({
    entryPoints: [join(repoRoot, 'scripts', 'bench', 'workspace-child.ts')],
    outfile,
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'cjs',
    minify: true,
    logLevel: 'error',
  });
  return outfile;
}

export function measureWorkspace(repoRoot: string, articleCount: number): WorkspaceMeasurement {
  const child = bundleChild(repoRoot);
  const output = execFileSync(process.execPath, [child, repoRoot, String(articleCount)], {
    encoding: 'utf8',
    maxBuffer: 1024 * 1024,
    timeout: 10 * 60 * 1000,
  });
  const line = output.trim().split('\n').pop() ?? '';
  try {
    return JSON.parse(line) as WorkspaceMeasurement;
  } catch {
    throw new Error(`The workspace child printed no measurement; its output was: ${output.slice(0, 500)}`);
  }
}
