/**
 * Running the command line as a user would: in a project folder made for the test, with only the
 * environment the test gives (no GITHUB_* or HERALD_* from the machine running the tests).
 */
import { execFile } from 'node:child_process';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';

export const herald = resolve(import.meta.dirname, '../../scripts/herald.ts');

export interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

/**
 * What a test worker's environment has that a user's does not: vitest sets Vite's variables
 * (BASE_URL, MODE, ...) in it, and a site built with BASE_URL=/ in its environment links to the
 * wrong base.
 */
const testOnly = /^(GITHUB_|HERALD_|VITEST)|^(BASE_URL|MODE|DEV|PROD|SSR|NODE_ENV|TEST)$/;

/** The environment of a user's shell: the test worker's, without what only tests have. */
export function userEnvironment(): Record<string, string | undefined> {
  return Object.fromEntries(Object.entries(process.env).filter(([name]) => !testOnly.test(name)));
}

/** Runs a program to its end; `code` is its exit code. */
export function runProgram(args: string[], cwd: string, env: Record<string, string> = {}): Promise<Run> {
  return new Promise((done) => {
    execFile(
      process.execPath,
      args,
      { cwd, env: { ...userEnvironment(), ...env }, maxBuffer: 64 * 1024 * 1024 },
      (error, stdout, stderr) => done({ code: error ? Number(error.code) : 0, stdout, stderr }),
    );
  });
}

export function runHerald(cwd: string, args: string[], env: Record<string, string> = {}): Promise<Run> {
  return runProgram([herald, ...args], cwd, env);
}

/** Temporary project folders made of the files given (path → text); `clean()` removes them. */
export class TempProjects {
  private readonly dirs: string[] = [];

  async make(files: Record<string, string>): Promise<string> {
    const dir = await mkdtemp(join(tmpdir(), 'herald-test-'));
    this.dirs.push(dir);
    for (const [path, content] of Object.entries(files)) {
      await mkdir(dirname(join(dir, path)), { recursive: true });
      await writeFile(join(dir, path), content);
    }
    return dir;
  }

  async clean(): Promise<void> {
    await Promise.all(this.dirs.splice(0).map((dir) => rm(dir, { recursive: true, force: true })));
  }
}

/** What a newcomer must never see: a JavaScript stack trace or the name of a JavaScript error. */
export const jargon = /\n\s+at |RangeError|TypeError|SyntaxError|ZodError|YAMLParseError|undefined|\[object /;
