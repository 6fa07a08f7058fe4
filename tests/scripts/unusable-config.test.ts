/**
 * One herald.yaml that cannot be used (a misspelt time zone) given to every command and to the site
 * build: validate reports it at its line with the zone it most likely means; every other command and
 * the build refuse with the same message, exit code 2 (the build: 1), and nothing crashes.
 */
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { jargon, runHerald, runProgram, TempProjects } from '../helpers/cli.ts';
import { goodFrontmatter, post, testConfig } from '../helpers/project.ts';

const now = '2026-11-23T12:00:00Z';
const projects = new TempProjects();
let dir: string;

beforeAll(async () => {
  const config = testConfig.replace('timezone: Europe/Warsaw', 'timezone: Europe/Warsw');
  expect(config).toContain('Europe/Warsw');
  dir = await projects.make({
    'content/herald.yaml': config,
    'content/posts/2026/12/a-post.mdx': post(goodFrontmatter),
  });
});
afterAll(() => projects.clean());

const where = 'content/herald.yaml:2:11';
const what = '"Europe/Warsw" is not a time zone. Did you mean Europe/Warsaw?';

describe('a herald.yaml with a misspelt time zone', () => {
  it('is an error of herald validate at its line, with the zone it most likely means', async () => {
    const { code, stdout, stderr } = await runHerald(dir, ['validate', '--now', now]);
    expect(stderr).toBe('');
    expect(stdout).toContain(`${where}  error    time/unknown-zone  ${what}\n`);
    expect(code).toBe(1);
  });

  it.each([
    [['calendar', '--now', now], 'the calendar cannot be shown'],
    [['new', '--title', 'Leaf raking', '--yes', '--now', now], 'no post can be created'],
    [['publish', '--dry-run', '--now', now], 'nothing is published'],
    [['approvals', '--now', now], 'no approval can be checked'],
  ])('stops herald %j with the problem and what it means, exit 2', async (args, consequence) => {
    // approvals needs GitHub configured to get as far as herald.yaml; it asks GitHub nothing here.
    const env = { GITHUB_TOKEN: 'not-used', GITHUB_REPOSITORY: 'example/test', GITHUB_API_URL: 'http://127.0.0.1:1' };
    const { code, stdout, stderr } = await runHerald(dir, args, env);
    expect(stderr).toBe(
      `herald ${args[0]}: content/herald.yaml has an error, so ${consequence}:\n  ${where}  ${what}\nFix it first; npx herald validate checks every file.\n`,
    );
    expect(stdout).toBe('');
    expect(code).toBe(2);
  });

  it('stops the site build before it starts, with the same message and no stack trace', async () => {
    const root = join(import.meta.dirname, '..', '..');
    const { code, stdout, stderr } = await runProgram(
      [join(root, 'node_modules/astro/bin/astro.mjs'), 'build', '--outDir', join(dir, 'dist')],
      root,
      {
        HERALD_PROJECT_DIR: dir,
        HERALD_NOW: now,
        ASTRO_TELEMETRY_DISABLED: '1',
      },
    );
    const output = stdout + stderr;
    expect(output).toContain(`content/herald.yaml has an error, so the site cannot be built:\n  ${where}  ${what}\n`);
    expect(output).not.toMatch(jargon);
    expect(output).not.toContain('Stack trace');
    expect(code).toBe(1);
  });
});
