/**
 * Every command the README and docs/*.md show works as written. The commands are read from the
 * Markdown: each line of a fenced sh/bash/shell block, and each inline `npx herald …` or `npm …`
 * span in prose and tables. `expected` below lists every one of them with what it must do, so a
 * command added to the docs fails this test until it is listed, and none is skipped silently: each
 * one not run here says where it is checked instead.
 *
 * Each command runs with bash in a fresh copy of this repository's tracked files (the example
 * organisation), with node_modules linked in, and the clock fixed with HERALD_NOW.
 */
import { execFile, spawn } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { cp, mkdir, mkdtemp, rm, symlink } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import type { Code, InlineCode } from 'mdast';
import { fromMarkdown } from 'mdast-util-from-markdown';
import { visit } from 'unist-util-visit';
import { afterEach, describe, expect, it } from 'vitest';
import { fixedClock } from '../helpers/project.ts';

type Expectation =
  /** Run it: it must end with this exit code. */
  | { exit: number }
  /** A server: it must print the address it serves and answer there. */
  | { serves: true }
  /** Not run here, and why: where it is checked instead, or what keeps it from running. */
  | { notRun: string };

const expected: Record<string, Expectation> = {
  // README.md
  'npm -v': { exit: 0 },
  'npm ci': { notRun: 'installing from the lockfile is the first thing .ci/run does, on a fresh clone' },
  'npm start': { serves: true },
  'npm test': { notRun: 'this is npm test; .ci/run runs it' },
  'curl -X POST https://api.github.com/repos/your-org/social/actions/workflows/publish.yml/dispatches  -H "Authorization: Bearer $HERALD_DISPATCH_TOKEN" -H "Accept: application/vnd.github+json"  -d \'{"ref":"main","inputs":{"dry-run":"false","scheduler":"true"}}\'':
    {
      notRun:
        'starts a workflow on GitHub; tests/workflows/workflows.test.ts checks publish.yml accepts it and tests/lib/ledger/runs.test.ts how it is recorded',
    },
  'npx herald new --title "AGM: doors open" --at "2026-12-03 17:00" --channels mastodon,bluesky': { exit: 0 },
  'npx herald new --title "Leaf raking" --yes': { exit: 0 },
  'npx herald new': {
    notRun: 'asks its questions in a terminal; tests/scripts/new.test.ts answers them through a pseudo-terminal',
  },
  'npx herald validate <file>': { notRun: 'a pattern: <file> stands for a post' },
  'npx herald sync': { exit: 0 },
  'npx herald init': {
    notRun: 'asks its questions in a terminal; tests/scripts/init.test.ts gives the answers as options',
  },
  'npx herald <command>': { notRun: 'a pattern: <command> stands for a command' },
  'npm run herald -- <command>': { notRun: 'a pattern: <command> stands for a command' },
  'npm run dev': { notRun: 'a server that reloads: tests/site/dev.test.ts edits posts while it runs' },
  'npm run build': { notRun: 'the site tests build the example with astro build (tests/site/global-setup.ts)' },
  // Run on the example with no ledger: its posts before the fixed now were never sent, so both
  // report them as missed (exit 1); nothing is due, so nothing is sent.
  // A real run needs HERALD_LEDGER_KEY and a ledger started with herald ledger init: without them it stops (exit 2).
  'npx herald publish': { exit: 2 },
  'npx herald ledger settle agm-2026-live x published https://x.com/riverside/status/1860000000000000000': {
    notRun: 'settles a delivery in a real ledger; tests/publish/trust.test.ts runs herald ledger settle',
  },
  'npx herald ledger settle agm-2026-live x not-sent': {
    notRun: 'settles a delivery in a real ledger; tests/publish/trust.test.ts runs herald ledger settle',
  },
  'HERALD_LEDGER_KEY=the-key GITHUB_TOKEN="$(gh auth token)" GITHUB_REPOSITORY=your-org/social  npx herald ledger init --ledger github':
    {
      notRun:
        "needs the reader's repository on GitHub; tests/publish/ledger-stores.test.ts starts ledgers on a fake GitHub",
    },
  'npx herald publish --dry-run': { exit: 1 },
  'npm run bench': { notRun: 'the benchmarks take minutes on purpose; run by hand (docs/performance.md)' },
  'npm run bench -- on-time': { notRun: 'a benchmark, run by hand like npm run bench (docs/performance.md)' },
  'npm install -g npm@11': { notRun: 'installs npm for the whole machine' },
  // docs/
  'npx herald validate': { exit: 0 },
  'npm pack': { notRun: 'builds and packs Herald; tests/package/global-setup.ts runs it in a copy of the checkout' },
  'npx herald init social': {
    notRun: 'asks its questions in a terminal; the same command with every answer as an option is run below',
  },
  'npx herald init social --org "Harbour Rowing Club" --time-zone Europe/Warsaw --locale en-GB --repo harbour-rowing/social --channel mastodon:@news@social.example --channel bluesky:harbour.bsky.social':
    { exit: 0 },
  'cd social': { notRun: 'enters the folder the init command above writes' },
  'npm install': {
    notRun:
      "installs Herald from the registry; the package's end-to-end test installs a scaffold from the packed tarball",
  },
  'git init -b main && git add -A && git commit -m "Start Herald"': {
    notRun: "commits in the reader's new repository",
  },
  'git remote add origin https://github.com/YOUR-ORG/social.git && git push -u origin main': {
    notRun: "YOUR-ORG stands for the reader's own organisation",
  },
  // docs/upgrading.md
  'npm install herald@latest': {
    notRun: 'fetches Herald from the registry; tests/scripts/sync.test.ts covers what follows an upgrade',
  },
  'npx herald sync --check': { exit: 0 },
  'git pull': { notRun: "needs the reader's own repository on GitHub" },
  'GITHUB_REPOSITORY=your-org/social GITHUB_TOKEN="$(gh auth token)" npx herald approvals': {
    notRun:
      "needs the reader's repository on GitHub and the gh tool; tests/scripts/approvals.test.ts runs herald approvals against a fake GitHub",
  },
  'npm run docs': { exit: 0 },
  'npx herald calendar --format ics': { exit: 0 },
  'npx herald calendar --format ics --from 2026-12-01 --to 2027-02-28 > team-calendar.ics': { exit: 0 },
  'npm ci --ignore-scripts': { notRun: 'how the workflows install; tests/workflows checks them' },
  'npm run screenshots': { notRun: 'runs the whole site test project, with the browser tests' },
};

const root = join(import.meta.dirname, '..', '..');
const documents = [
  'README.md',
  ...readdirSync(join(root, 'docs'))
    .filter((name) => name.endsWith('.md'))
    .map((name) => `docs/${name}`),
];

/** The commands a Markdown file shows, in order. */
function commandsIn(markdown: string): string[] {
  const found: string[] = [];
  visit(fromMarkdown(markdown), (node) => {
    if (node.type === 'code' && ['sh', 'bash', 'shell'].includes((node as Code).lang ?? '')) {
      const lines = (node as Code).value.replace(/\\\n\s*/g, ' ').split('\n');
      for (const line of lines) {
        // A comment starts at a # after a space, outside the command's quotes (none of ours quote one).
        const command = line.replace(/(^|\s)#.*$/, '').trim();
        if (command) found.push(...command.split(/\s*&&\s*(?=npm )/));
      }
    }
    if (node.type === 'inlineCode' && /^(npx herald|npm) /.test((node as InlineCode).value))
      found.push((node as InlineCode).value.replaceAll('\\|', '|'));
  });
  return found;
}

const shown = [...new Set(documents.flatMap((document) => commandsIn(readFileSync(join(root, document), 'utf8'))))];

describe('the commands the docs show', () => {
  it('are all listed here, with what each must do', () => {
    expect(
      shown.filter((command) => !(command in expected)),
      'commands the docs show that this test does not list',
    ).toEqual([]);
    expect(
      Object.keys(expected).filter((command) => !shown.includes(command)),
      'commands listed here that the docs no longer show',
    ).toEqual([]);
  });
});

let scratch: string | undefined;
afterEach(async () => {
  if (scratch) await rm(scratch, { recursive: true, force: true });
  scratch = undefined;
});

/** A copy of the repository's tracked files, as a new team's clone has them, with node_modules linked in. */
async function exampleProject(): Promise<string> {
  scratch = await mkdtemp(join(tmpdir(), 'herald-docs-'));
  const tracked = await new Promise<string[]>((done, fail) =>
    execFile(
      'git',
      ['ls-files', '-z', '--cached', '--others', '--exclude-standard'],
      { cwd: root, maxBuffer: 16 * 1024 * 1024 },
      (error, stdout) => (error ? fail(error) : done(stdout.split('\0').filter(Boolean))),
    ),
  );
  for (const file of tracked) {
    await mkdir(dirname(join(scratch, file)), { recursive: true });
    // A file deleted in the working tree and not yet committed is left out, as the commit will leave it out.
    await cp(join(root, file), join(scratch, file)).catch(() => undefined);
  }
  await symlink(join(root, 'node_modules'), join(scratch, 'node_modules'));
  return scratch;
}

/** The environment a reader's shell has, plus the fixed clock; not this test's (vitest's) own. */
function shellEnvironment(dir: string): NodeJS.ProcessEnv {
  return {
    PATH: `${join(dir, 'node_modules/.bin')}:${process.env['PATH'] ?? ''}`,
    HOME: process.env['HOME'],
    ASTRO_TELEMETRY_DISABLED: '1',
    ...fixedClock,
  };
}

describe.each(Object.entries(expected).filter(([, what]) => !('notRun' in what)))('%s', (command, what) => {
  it('works as written', async () => {
    const dir = await exampleProject();
    if ('exit' in what) {
      const result = await new Promise<{ code: number; output: string }>((done) => {
        execFile(
          'bash',
          ['-c', command],
          { cwd: dir, env: shellEnvironment(dir), maxBuffer: 16 * 1024 * 1024 },
          (error, stdout, stderr) => done({ code: error ? Number(error.code) : 0, output: `${stdout}${stderr}` }),
        );
      });
      expect(result.code, result.output).toBe(what.exit);
    } else {
      const server = spawn('bash', ['-c', command], {
        cwd: dir,
        env: { ...shellEnvironment(dir), PORT: '0' },
        detached: true,
      });
      try {
        let output = '';
        const address = await new Promise<string>((found, fail) => {
          const read = (chunk: Buffer) => {
            output += chunk.toString();
            const printed = /running at (http:\/\/\S+)/.exec(output)?.[1];
            if (printed) found(printed);
          };
          server.stdout.on('data', read);
          server.stderr.on('data', read);
          server.on('exit', () => fail(new Error(`${command} stopped before serving:\n${output}`)));
        });
        const response = await fetch(address);
        expect(response.status, output).toBe(200);
        expect(await response.text()).toContain('<title>Riverside Residents&#39; Association</title>');
      } finally {
        if (server.pid) process.kill(-server.pid);
      }
    }
  }, 240_000);
});
