import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** The built `wx-audit` command; the CLI tests skip (with a placeholder that says why) when it is not built. */
export const cli = fileURLToPath(new URL('../../dist/cli.js', import.meta.url));
export const built = existsSync(cli);

/** Runs the built command as a user would, with a bound: its exit code and both streams. */
export function run(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, [cli, ...args], { timeout: 15_000 }, (error, stdout, stderr) => {
      resolve({ code: error ? Number((error as { code?: number }).code ?? 1) : 0, stdout, stderr });
    });
  });
}
