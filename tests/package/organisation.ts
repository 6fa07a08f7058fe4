/**
 * An organisation's repository as Herald's docs describe it (docs/api.md): package.json,
 * astro.config.mjs, a one-line src/content.config.ts and its content/. Herald is installed into it
 * from the packed tarball without the network: the tarball is unpacked to node_modules/herald, as
 * npm would, and every other package is linked from this checkout's node_modules, which `npm ci`
 * filled from the same lockfile.
 */
import { execFile } from 'node:child_process';
import { mkdir, mkdtemp, readdir, readFile, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { userEnvironment } from '../helpers/cli.ts';

const repoModules = resolve(import.meta.dirname, '../../node_modules');

/** The instant every command and build of these tests runs at: the welcome post is due a minute before. */
export const packageNow = '2026-12-03T17:31:00Z';

/** A user's environment with the tests' clock. */
export function testEnv(): Record<string, string | undefined> {
  return { ...userEnvironment(), HERALD_NOW: packageNow, ASTRO_TELEMETRY_DISABLED: '1' };
}

/**
 * Links every package of one node_modules folder into another, leaving those it already has. Not
 * the tools' caches (.astro, .vite...): a build in the other project writes its own.
 */
export async function linkModules(from: string, to: string): Promise<void> {
  await mkdir(to, { recursive: true });
  const present = new Set(await readdir(to));
  for (const name of await readdir(from)) {
    if (!present.has(name) && (name === '.bin' || !name.startsWith('.')))
      await symlink(join(from, name), join(to, name));
  }
}

export const organisationFiles: Record<string, string> = {
  'package.json': `${JSON.stringify({ name: 'harbour-social', private: true, type: 'module', dependencies: { herald: '^0.2.0', astro: '^7.3.5' } }, null, 2)}\n`,
  'astro.config.mjs': `import { defineConfig } from 'astro/config';
import herald from 'herald';

export default defineConfig({ integrations: [herald()] });
`,
  'src/content.config.ts': "export { collections } from 'herald/content';\n",
  'content/herald.yaml': `organization: Harbour Street Association
timezone: Europe/Warsaw
locale: en-GB
repository: harbour/social
site: https://harbour.github.io/social/
channels:
  - id: mastodon
    network: mastodon
    instance: https://mastodon.social
`,
  'content/handbook/style-guide.mdx': `---
title: Style guide
description: How the association writes on social media.
owner: Communications lead
lastReviewed: 2026-09-15
reviewEvery: P1Y
---

Write short sentences, and say who we are.
`,
  'content/posts/2026/12/welcome.mdx': `---
title: Welcome
publishAt: 2026-12-03 18:30
channels: [mastodon]
---
Hello, neighbours: Harbour Street has a calendar now.
`,
};

/** A new organisation's repository with Herald installed from `tarball`. */
export async function organisation(tarball: string): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'herald-org-'));
  for (const [path, content] of Object.entries(organisationFiles)) {
    await mkdir(dirname(join(dir, path)), { recursive: true });
    await writeFile(join(dir, path), content);
  }
  await install(tarball, dir);
  return dir;
}

/** Installs Herald from `tarball` into an existing repository `dir`, as `organisation` does. */
export async function install(tarball: string, dir: string): Promise<void> {
  const herald = join(dir, 'node_modules', 'herald');
  await mkdir(herald, { recursive: true });
  await promisify(execFile)('tar', ['-xzf', tarball, '-C', herald, '--strip-components=1']);
  await linkModules(repoModules, join(dir, 'node_modules'));
}

/** The installed package's `herald` command, as npm would link it into node_modules/.bin. */
export async function heraldBin(dir: string): Promise<string> {
  const manifest = JSON.parse(await readFile(join(dir, 'node_modules', 'herald', 'package.json'), 'utf8')) as {
    bin: { herald: string };
  };
  return join(dir, 'node_modules', 'herald', manifest.bin.herald);
}
