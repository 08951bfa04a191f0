// Entry point of the `news-claims` command (bundled to dist/cli.js with a shebang). All the work
// happens in cli/run.ts, which returns the complete output; this file only writes it, once, so
// that a consumer reading stdout never sees a partial document.
import { version } from '../../package.json';
import { runReport } from './cli/report';
import { runCli } from './cli/run';

function main(): void {
  let result;
  try {
    const argv = process.argv.slice(2);
    // `report` has its own module (cli/report.ts); every other command goes through runCli.
    result = argv[0] === 'report' ? runReport(argv.slice(1)) : runCli(argv, version);
  } catch (error) {
    // Every expected failure is handled inside runCli; reaching here is a bug, reported plainly.
    process.stderr.write(
      `news-claims: internal error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
    );
    process.exitCode = 2;
    return;
  }
  if (result.stdout !== '') {
    process.stdout.write(result.stdout);
  }
  if (result.stderr !== '') {
    process.stderr.write(result.stderr);
  }
  // Setting exitCode instead of calling process.exit lets a large write to a pipe finish first.
  process.exitCode = result.exitCode;
}

main();
