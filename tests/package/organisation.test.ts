import { existsSync } from 'node:fs';
import { readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { runProgram } from '../helpers/cli.ts';
import { heraldBin, organisation, testEnv } from './organisation.ts';

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
    const { code, stdout, stderr } = await runProgram([join(dir, 'node_modules', 'astro', 'bin', 'astro.mjs'), 'build'], dir, env);
    expect(code, `${stdout}\n${stderr}`).toBe(0);
    const page = (path: string) => readFile(join(dir, 'dist', path, 'index.html'), 'utf8');
    expect(await page('calendar/2026/12')).toContain('Welcome');
    expect(await page('posts/welcome')).toContain('Hello, neighbours: Harbour Street has a calendar now.');
    expect(await page('handbook/style-guide')).toContain('Write short sentences, and say who we are.');
    // Under the base path of herald.yaml's site, with the site's stylesheet and its search index.
    expect(await page('posts/welcome')).toMatch(/<link rel="stylesheet" href="\/social\/_astro\/[^"]+\.css">/);
    expect(existsSync(join(dir, 'dist', 'pagefind', 'pagefind.js'))).toBe(true);
  });

  it('shows in a dry run what publishing would send', async () => {
    const { code, stdout } = await runProgram([herald, 'publish', '--dry-run'], dir, env);
    expect(code).toBe(0);
    expect(stdout).toContain('welcome → mastodon (mastodon), due 2026-12-03T17:30:00Z');
    expect(stdout).toContain('Hello, neighbours: Harbour Street has a calendar now.');
    expect(stdout).toContain('nothing was sent');
  });
});
