/**
 * Packs Herald once for every test in tests/package, as `npm pack` makes it for the registry. The
 * checkout is copied to a temporary folder first, so that `prepack` (astro sync, tsc) writes its
 * build/ and content types there and never into the checkout; node_modules is linked, not copied.
 */
import { execFile } from 'node:child_process';
import { cp, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, join, resolve } from 'node:path';
import { promisify } from 'node:util';
import type { TestProject } from 'vitest/node';
import { linkModules, testEnv } from './organisation.ts';

const repo = resolve(import.meta.dirname, '../..');
/** What the checkout has that a fresh clone does not: installed modules, outputs, caches. */
const notCopied = new Set(['.git', 'node_modules', 'build', 'dist', 'tmp', 'coverage']);

export default async function setup(project: TestProject) {
  const work = await mkdtemp(join(tmpdir(), 'herald-pack-'));
  const copy = join(work, 'herald');
  await cp(repo, copy, {
    recursive: true,
    filter: (path) => path === repo || !notCopied.has(basename(path)) || resolve(path, '..') !== repo,
  });
  await linkModules(join(repo, 'node_modules'), join(copy, 'node_modules'));
  const { stdout } = await promisify(execFile)('npm', ['pack', '--json', '--pack-destination', work], {
    cwd: copy,
    env: testEnv(),
    maxBuffer: 16 * 1024 * 1024,
  });
  const [packed] = JSON.parse(stdout) as {
    filename: string;
    size: number;
    entryCount: number;
    files: { path: string }[];
  }[];
  if (!packed) throw new Error(`npm pack printed no package: ${stdout}`);
  project.provide('tarball', join(work, packed.filename));
  project.provide(
    'packedFiles',
    packed.files.map((file) => file.path),
  );
  project.provide('tarballSize', packed.size);
  return () => rm(work, { recursive: true, force: true });
}

declare module 'vitest' {
  export interface ProvidedContext {
    /** The packed herald-<version>.tgz, in a temporary folder. */
    tarball: string;
    /** Every path in the tarball, relative to the package's root. */
    packedFiles: string[];
    /** The tarball's size in bytes. */
    tarballSize: number;
  }
}
