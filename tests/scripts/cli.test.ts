import { execFile } from 'node:child_process';
import { tmpdir } from 'node:os';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const herald = resolve('scripts/herald.ts');

/** Runs herald outside any project: --help must not need one. */
function run(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((done) => {
    execFile(process.execPath, [herald, ...args], { cwd: tmpdir() }, (error, stdout, stderr) => done({ code: error ? Number(error.code) : 0, stdout, stderr }));
  });
}

describe('herald <command> --help', () => {
  it.each(['validate', 'new', 'publish', 'approvals', 'calendar'])('prints the usage of %s and exits 0, before looking for a project', async (command) => {
    for (const flag of ['--help', '-h']) {
      const { code, stdout, stderr } = await run([command, flag]);
      expect(code).toBe(0);
      expect(stdout).toMatch(new RegExp(`^Usage: herald ${command} `));
      expect(stdout).toContain('Exit code');
      expect(stderr).toBe('');
    }
  });

  it('still refuses an unknown option with the usage, exit 2', async () => {
    const { code, stderr } = await run(['calendar', '--help-me']);
    expect(code).toBe(2);
    expect(stderr).toMatch(/^herald calendar: Unknown option '--help-me'.*\n\nUsage: herald calendar /s);
  });
});
