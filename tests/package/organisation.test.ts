import { existsSync } from 'node:fs';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { runProgram } from '../helpers/cli.ts';
import { heraldBin, install, organisation, testEnv } from './organisation.ts';

/**
 * What an organisation does with Herald installed from the packed tarball: validate its content,
 * build its site and see what publishing would send, with nothing of Herald in its repository but
 * three files of configuration.
 */
describe('an organisation that installed the package', () => {
  let dir: string;
  let herald: string;
  const env = testEnv() as Record<string, string>;
  beforeAll(async () => {
    dir = await organisation(inject('tarball'));
    herald = await heraldBin(dir);
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  it('validates its content with the package’s command', async () => {
    const { code, stdout } = await runProgram([herald, 'validate'], dir, env);
    expect(code).toBe(0);
    expect(stdout).toContain('0 errors');
  });

  it('builds its site through the integration: calendar, posts and handbook', { timeout: 180_000 }, async () => {
    const { code, stdout, stderr } = await runProgram(
      [join(dir, 'node_modules', 'astro', 'bin', 'astro.mjs'), 'build'],
      dir,
      env,
    );
    expect(code, `${stdout}\n${stderr}`).toBe(0);
    const page = (path: string) => readFile(join(dir, 'dist', path, 'index.html'), 'utf8');
    expect(await page('calendar/2026/12')).toContain('Welcome');
    expect(await page('posts/welcome')).toContain('Hello, neighbours: Harbour Street has a calendar now.');
    expect(await page('handbook/style-guide')).toContain('Write short sentences, and say who we are.');
    // Under the base path of herald.yaml's site, with the site's stylesheet and its search index.
    expect(await page('posts/welcome')).toMatch(/<link rel="stylesheet" href="\/social\/_astro\/[^"]+\.css">/);
    expect(existsSync(join(dir, 'dist', 'pagefind', 'pagefind.js'))).toBe(true);
    // The CMS the admin page imports at run time, copied from the package's dependency.
    expect(await page('admin')).toContain('herald-cms-config');
    expect(existsSync(join(dir, 'dist', 'admin', 'cms', 'index.js'))).toBe(true);
  });

  it('shows in a dry run what publishing would send', async () => {
    const { code, stdout } = await runProgram([herald, 'publish', '--dry-run'], dir, env);
    expect(code).toBe(0);
    expect(stdout).toContain('welcome → mastodon (mastodon), due 2026-12-03T17:30:00Z');
    expect(stdout).toContain('Hello, neighbours: Harbour Street has a calendar now.');
    expect(stdout).toContain('nothing was sent');
  });
});

/**
 * The one path a new organisation takes (docs/setup.md): `npx herald init` from the installed
 * package, then installing its dependencies. What init writes validates with no finding, builds,
 * and is what `herald sync` would write.
 */
describe('a repository made by herald init from the package', () => {
  let dir: string;
  let herald: string;
  const env = testEnv() as Record<string, string>;
  beforeAll(async () => {
    const installer = await mkdtemp(join(tmpdir(), 'herald-npx-'));
    dir = join(installer, 'social');
    await install(inject('tarball'), installer);
    const init = await runProgram(
      [
        await heraldBin(installer),
        'init',
        dir,
        '--org',
        'Harbour Rowing Club',
        '--time-zone',
        'Europe/Warsaw',
        '--locale',
        'en-GB',
        '--repo',
        'harbour-rowing/social',
        '--channel',
        'mastodon:@news@social.example',
        '--channel',
        'bluesky:harbour.bsky.social',
      ],
      installer,
      env,
    );
    expect(init.code, `${init.stdout}\n${init.stderr}`).toBe(0);
    await install(inject('tarball'), dir);
    herald = await heraldBin(dir);
  }, 120_000);
  afterAll(() => rm(join(dir, '..'), { recursive: true, force: true }));

  it('validates with no error and no warning', async () => {
    const { code, stdout } = await runProgram([herald, 'validate'], dir, env);
    expect(code, stdout).toBe(0);
    expect(stdout).toContain('0 errors');
    expect(stdout).toContain('0 warnings');
  });

  it(
    'builds its site: the calendar, the welcome post and every starter handbook page',
    { timeout: 180_000 },
    async () => {
      const { code, stdout, stderr } = await runProgram(
        [join(dir, 'node_modules', 'astro', 'bin', 'astro.mjs'), 'build'],
        dir,
        env,
      );
      expect(code, `${stdout}\n${stderr}`).toBe(0);
      const handbook = (await readdir(join(dir, 'content', 'handbook')))
        .filter((file) => file.endsWith('.mdx'))
        .map((file) => file.replace(/\.mdx$/, ''));
      expect(handbook.length).toBeGreaterThanOrEqual(8);
      for (const slug of handbook)
        expect(existsSync(join(dir, 'dist', 'handbook', slug, 'index.html')), slug).toBe(true);
      const home = await readFile(join(dir, 'dist', 'index.html'), 'utf8');
      expect(home).toContain('Harbour Rowing Club');
      expect(home).not.toContain('Riverside');
    },
  );

  it('is current: herald sync has nothing to change', async () => {
    const { code, stdout, stderr } = await runProgram([herald, 'sync', '--check'], dir, env);
    expect(code, `${stdout}\n${stderr}`).toBe(0);
  });
});
