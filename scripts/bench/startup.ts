// Start-up and size: how long the bundled server takes to answer `initialize`, and how large
// the shipped files are.
import { execFileSync, spawn } from 'node:child_process';
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

/**
 * Milliseconds for a bare `node -e 0` to start and exit: the part of the server's start-up no
 * code of ours can remove, measured next to it so a loaded machine shows in both.
 */
export async function measureBareNode(starts: number): Promise<number[]> {
  const samples: number[] = [];
  for (let run = 0; run < starts; run++) {
    const start = performance.now();
    await new Promise<void>((resolve, reject) => {
      const child = spawn(process.execPath, ['-e', '0'], { stdio: 'ignore' });
      child.once('error', reject);
      child.once('exit', () => resolve());
    });
    samples.push(performance.now() - start);
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
 * The .vsix size. When it is missing or older than dist/server.js, `npm run package` builds it;
 * if packaging fails, the row says "not built" and why, rather than guessing.
 */
export function vsixSize(repoRoot: string): VsixSize {
  const vsix = join(repoRoot, 'dist', 'news-claims.vsix');
  let note = 'dist/news-claims.vsix (already built from the current bundles)';
  const bundle = join(repoRoot, 'dist', 'server.js');
  // A package older than the bundles it should contain would report a size nobody ships.
  const stale = existsSync(vsix) && existsSync(bundle) && statSync(vsix).mtimeMs < statSync(bundle).mtimeMs;
  if (!existsSync(vsix) || stale) {
    try {
      execFileSync('npm', ['run', '--silent', 'package'], {
        cwd: repoRoot,
        stdio: ['ignore', 'pipe', 'pipe'],
        timeout: 180_000,
        encoding: 'utf8',
      });
      note = `dist/news-claims.vsix (${stale ? 'rebuilt' : 'built'} by this run with npm run package)`;
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
