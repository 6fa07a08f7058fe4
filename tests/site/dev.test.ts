/**
 * `npm run dev` (astro dev) follows the content as it is edited, as the README promises: a post
 * retitled or added under content/ shows on the next page load, without a restart; and it starts
 * without printing an error. Run on a copy of
 * the example, in its own process group so that stopping it stops Vite's workers too.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { cp, mkdtemp, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort } from '../helpers/ports.ts';
import { root, siteNow } from './site.ts';

let dir: string;
let server: ChildProcess | undefined;
let base: string;
/** What the dev server printed. */
let log = '';

/** The page at `path`, once the server answers. */
async function page(path: string): Promise<string> {
  for (let tries = 0; ; tries++) {
    try {
      const response = await fetch(new URL(path, base));
      if (response.ok) return await response.text();
    } catch (error) {
      if (tries > 240) throw error;
    }
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
}

/** Loads `path` until its text passes `check`, for as long as a change may take to arrive (a busy machine parses slowly). */
async function pageUntil(path: string, check: (html: string) => boolean): Promise<string> {
  const deadline = performance.now() + 100_000;
  let html = await page(path);
  while (!check(html) && performance.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 500));
    html = await page(path);
  }
  return html;
}

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'herald-dev-'));
  await cp(join(root, 'content'), join(dir, 'content'), { recursive: true });
  const port = await freePort();
  base = `http://127.0.0.1:${port}/riverside-social/`;
  server = spawn(
    process.execPath,
    [join(root, 'node_modules/astro/bin/astro.mjs'), 'dev', '--host', '127.0.0.1', '--port', String(port)],
    {
      cwd: root,
      // Not the test worker's environment (VITEST and the like): with it, the dev server answered 404.
      env: {
        PATH: process.env['PATH'],
        HOME: process.env['HOME'],
        HERALD_PROJECT_DIR: dir,
        HERALD_NOW: siteNow,
        ASTRO_TELEMETRY_DISABLED: '1',
      },
      detached: true,
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  server.stdout!.on('data', (chunk: Buffer) => (log += chunk.toString()));
  server.stderr!.on('data', (chunk: Buffer) => (log += chunk.toString()));
  await page('calendar/2026/12/');
}, 180_000);

afterAll(async () => {
  if (server?.pid) process.kill(-server.pid);
  if (dir) await rm(dir, { recursive: true, force: true });
});

/**
 * Writes a file whole, as an editor that saves atomically does: the watcher may otherwise read it
 * half-written and (rightly) report a broken post for a moment, which the last test would see.
 */
async function save(file: string, text: string): Promise<void> {
  await writeFile(join(dir, 'saving.tmp'), text);
  await rename(join(dir, 'saving.tmp'), file);
}

describe('npm run dev', () => {
  it('shows a retitled post and a new one without a restart', async () => {
    const file = join(dir, 'content/posts/2026/12/agm-2026-live.mdx');
    await save(file, (await readFile(file, 'utf8')).replace(/^title: .*$/m, 'title: The AGM, retitled while dev runs'));
    await save(
      join(dir, 'content/posts/2026/12/added-while-dev-runs.mdx'),
      '---\ntitle: Added while dev runs\npublishAt: 2026-12-15 10:00\nchannels: [mastodon]\n---\nA post written while the dev server runs.\n',
    );
    const month = await pageUntil('calendar/2026/12/', (html) => html.includes('Added while dev runs'));
    expect(month).toContain('Added while dev runs');
    expect(month).toContain('The AGM, retitled while dev runs');
    expect(await page('posts/added-while-dev-runs/')).toContain('A post written while the dev server runs.');
  }, 120_000);

  it('serves the CMS at /admin from its package, with the modules its page imports', async () => {
    expect(await page('admin/')).toContain('herald-cms-config');
    const entry = await fetch(new URL('admin/cms/index.js', base));
    expect(entry.headers.get('content-type')).toBe('text/javascript');
    const code = await entry.text();
    // The entry imports its chunks by relative paths: each must be there too.
    const chunks = [...code.matchAll(/from"\.\/(chunks\/[^"]+)"/g)].map((match) => match[1]!);
    expect(chunks.length).toBeGreaterThan(0);
    for (const chunk of chunks) expect((await fetch(new URL(`admin/cms/${chunk}`, base))).status).toBe(200);
    // An escaped "../" reaches the middleware as written (fetch keeps %2F): the package's own files stay out.
    const outside = await fetch(new URL('admin/cms/..%2Fpackage.json', base));
    expect(await outside.text()).not.toContain('"name": "@sveltia/cms"');
  });

  it('starts without an error in its output', () => {
    expect(log).toContain('watching for file changes');
    expect(log.split('\n').filter((line) => /error/i.test(line))).toEqual([]);
  });
});
