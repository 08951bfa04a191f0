// Start-up and size: how long the bundled server takes to answer `initialize`, and how large
// the shipped files are.
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { BenchLspClient } from './lsp';

/** Milliseconds from spawning `node dist/server.js --stdio` to its `initialize` reply, one sample per start. */
export async function measureStartup(serverPath: string, starts: number): Promise<number[]> {
  const samples: number[] = [];
  for (let run = 0; run < starts; run++) {
    const start = performance.now();
    const client = BenchLspClient.spawn(serverPath, {});
    try {
      await client.initialize(null, { pullDiagnostics: true });
      samples.push(performance.now() - start);
    } finally {
      await client.stop();
    }
  }
  return samples;
}

export interface BundleSize {
  file: string;
  bytes: number;
}

export function bundleSizes(repoRoot: string): BundleSize[] {
  const dist = join(repoRoot, 'dist');
  if (!existsSync(dist)) {
    return [];
  }
  return readdirSync(dist)
    .filter((file) => file.endsWith('.js'))
    .sort()
    .map((file) => ({ file: `dist/${file}`, bytes: statSync(join(dist, file)).size }));
}

export interface VsixSize {
  bytes: number | null;
  /** Why there is no size, when there is none. */
  note: string;
}

/**
 * The .vsix size. When it is missing, `npm run package` builds it once; if packaging fails, the
 * row says "not built" and why, rather than guessing.
 */
export function vsixSize(repoRoot: string): VsixSize {
  const vsix = join(repoRoot, 'dist', 'news-claims.vsix');
  let note = 'dist/news-claims.vsix (already built)';
  if (!existsSync(vsix)) {
    try {
      execFileSync('npm', ['run', '--silent', 'package'], {
        cwd: repoRoot,
        stdio: ['ignore', 'pipe', 'pipe'],
        timeout: 180_000,
        encoding: 'utf8',
      });
      note = 'dist/news-claims.vsix (built by this run with npm run package)';
    } catch (error) {
      const detail = error instanceof Error ? error.message.split('\n').slice(0, 3).join(' ') : String(error);
      return { bytes: null, note: `not built: npm run package failed (${detail.slice(0, 300)})` };
    }
  }
  if (!existsSync(vsix)) {
    return { bytes: null, note: 'not built: npm run package did not write dist/news-claims.vsix' };
  }
  return { bytes: statSync(vsix).size, note };
}
