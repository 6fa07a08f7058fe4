import { execFile, execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { UsageError } from '../../scripts/cli.ts';
import { heraldVersion } from '../../scripts/herald-package.ts';
import { runProgram } from '../helpers/cli.ts';
import { approvals } from '../../scripts/commands/approvals.ts';
import { calendar } from '../../scripts/commands/calendar.ts';
import { newPost } from '../../scripts/commands/new.ts';
import { publish } from '../../scripts/commands/publish.ts';
import { validate } from '../../scripts/commands/validate.ts';

const herald = resolve('scripts/herald.ts');

/** Runs herald outside any project: --help must not need one. */
function run(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((done) => {
    execFile(process.execPath, [herald, ...args], { cwd: tmpdir() }, (error, stdout, stderr) =>
      done({ code: error ? Number(error.code) : 0, stdout, stderr }),
    );
  });
}

describe('herald <command> --help', () => {
  it.each(['validate', 'new', 'publish', 'approvals', 'calendar', 'ledger'])(
    'prints the usage of %s and exits 0, before looking for a project',
    async (command) => {
      for (const flag of ['--help', '-h']) {
        const { code, stdout, stderr } = await run([command, flag]);
        expect(code).toBe(0);
        expect(stdout).toMatch(new RegExp(`^Usage: herald ${command} `));
        expect(stdout).toContain('Exit code');
        expect(stderr).toBe('');
      }
    },
  );
});

describe('bin/herald.js', () => {
  const bin = resolve(import.meta.dirname, '../../bin/herald.js');
  // The Node of this machine outside npm, when it is older than Herald needs (a Node 20 in CI).
  const oldNode = ['/usr/bin/node', '/usr/local/bin/node'].find((path) => {
    const version = existsSync(path) ? execFileSync(path, ['--version'], { encoding: 'utf8' }) : '';
    return /^v(1\d|20|21)\./.test(version);
  });

  it('prints the installed version with --version', async () => {
    expect(await runProgram([bin, '--version'], tmpdir())).toEqual({
      code: 0,
      stdout: `${heraldVersion}\n`,
      stderr: '',
    });
  });

  it.skipIf(oldNode === undefined)('names the Node it needs on an older one, without a stack trace', async () => {
    const result = await new Promise<{ code: number; stderr: string }>((done) =>
      execFile(oldNode!, [bin, 'validate'], (error, _stdout, stderr) =>
        done({ code: error ? Number(error.code) : 0, stderr }),
      ),
    );
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(
      /^Herald needs Node 22\.18 or later; this is Node \d+\.\d+\.\d+ \(on Linux x64, `npm ci` brings Node 24: run it through npm, e.g\. npx herald validate\)\.\n$/,
    );
  });
});

describe('herald, called wrongly', () => {
  /** [arguments, the whole message after "herald <command>: "] */
  const mistakes: [string[], string][] = [
    [['calendar', '--frm', '2026-12-01'], 'Unknown option --frm. Did you mean --from?'],
    [['new', '--chanels', 'mastodon'], 'Unknown option --chanels. Did you mean --channels?'],
    [['validate', '--formt', 'json'], 'Unknown option --formt. Did you mean --format?'],
    [['approvals', '--al'], 'Unknown option --al. Did you mean --all?'],
    [['publish', '--dryrun'], 'Unknown option --dryrun. Did you mean --dry-run?'],
    [
      ['calendar', '--zzz'],
      'Unknown option --zzz. The options of herald calendar are --from, --to, --channel, --format, --ledger, --now, --help; herald calendar --help explains them.',
    ],
    [
      ['publish', '-x'],
      'Unknown option -x. The options of herald publish are --now, --dry-run, --only, --ledger, --help; herald publish --help explains them.',
    ],
    [['calendar', '--from'], '--from needs a value: write --from YYYY-MM-DD.'],
    [
      ['calendar', '--from', '--to', '2026-12-31'],
      '--from needs a value, but --to follows it: write --from YYYY-MM-DD.',
    ],
    [['new', '--at'], '--at needs a value: write --at "YYYY-MM-DD HH:MM".'],
    [['validate', '--format'], '--format needs a value: write --format human|json|github.'],
    [['new', '--yes=no'], '--yes is on or off and takes no value: write --yes alone, without "=no".'],
    [
      ['calendar', '2026-12-01'],
      '"2026-12-01" is not an option: herald calendar takes only options, each followed by its value, e.g. --from YYYY-MM-DD. herald calendar --help lists them.',
    ],
    [
      ['new', 'AGM live'],
      '"AGM live" is not an option: herald new takes only options, each followed by its value, e.g. --title TEXT. herald new --help lists them.',
    ],
    [
      ['publish', 'now'],
      '"now" is not an option: herald publish takes only options, each followed by its value, e.g. --now ISO. herald publish --help lists them.',
    ],
  ];

  const commands: Record<string, (args: string[]) => Promise<number>> = {
    approvals,
    calendar,
    new: newPost,
    publish,
    validate,
  };

  // In one process, as each command reads its options before anything else: spawning each is slow.
  it.each(mistakes)('herald %j says what to write instead', async ([command, ...args], message) => {
    await expect(commands[command!]!(args)).rejects.toThrow(new UsageError(message));
  });

  it("prints the message with the command's name, without a stack trace, and exits 2", async () => {
    const { code, stdout, stderr } = await run(['calendar', '--frm', '2026-12-01']);
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toBe('herald calendar: Unknown option --frm. Did you mean --from?\n');
  });

  it('names the command a misspelt one most likely means, with the list of commands', async () => {
    const { code, stderr } = await run(['valdate']);
    expect(code).toBe(2);
    expect(stderr).toMatch(
      /^herald: there is no command "valdate"\. Did you mean herald validate\?\n\nUsage: herald <command>/,
    );
  });

  it('takes paths where a command takes them', async () => {
    const { code, stderr } = await run(['validate', 'content/posts/nothing.mdx']);
    expect(code).toBe(2);
    expect(stderr).toContain('there is no content/ folder here or above');
  });

  it.each(['constructor', 'toString', '__proto__'])(
    'calls "%s" an unknown command, as JavaScript objects have such names, exit 2',
    async (name) => {
      const { code, stderr } = await run([name]);
      expect(code).toBe(2);
      expect(stderr).toMatch(new RegExp(`^herald: there is no command "${name}"\\.`));
    },
  );
});
