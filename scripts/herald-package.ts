/**
 * Herald's own package, wherever it is installed: this repository when run from source, or
 * node_modules/herald in an organisation's repository. Its package.json is the one place the version
 * comes from; its templates/ folder holds the files Herald writes into projects.
 */
import { existsSync, globSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { Files, HeraldRelease } from '../src/lib/sync/generated.ts';

export interface HeraldManifest {
  name: string;
  version: string;
  engines: Record<string, string>;
  devDependencies: Record<string, string>;
  peerDependencies: Record<string, string>;
  overrides: Record<string, string>;
  allowScripts: Record<string, boolean>;
}

/** The nearest folder up from this file whose package.json is Herald's. */
function findRoot(): string {
  for (let dir = import.meta.dirname; ;) {
    const manifest = join(dir, 'package.json');
    if (existsSync(manifest) && (JSON.parse(readFileSync(manifest, 'utf8')) as { name?: string }).name === 'herald')
      return dir;
    const parent = dirname(dir);
    if (parent === dir) throw new Error(`Herald's package.json was not found above ${import.meta.dirname}.`);
    dir = parent;
  }
}

export const heraldRoot = findRoot();
export const heraldManifest = JSON.parse(readFileSync(join(heraldRoot, 'package.json'), 'utf8')) as HeraldManifest;
export const heraldVersion = heraldManifest.version;

/** Every file under templates/<folder>/, by its path there. */
export function readTemplates(folder: 'github' | 'init'): Files {
  const base = join(heraldRoot, 'templates', folder);
  const paths = globSync('**/*', { cwd: base, withFileTypes: true }).filter((entry) => entry.isFile());
  return Object.fromEntries(
    paths
      .map((entry) =>
        join(entry.parentPath, entry.name)
          .slice(base.length + 1)
          .split('\\')
          .join('/'),
      )
      .sort()
      .map((path) => [path, readFileSync(join(base, path), 'utf8')]),
  );
}

/** The installed release, as `herald sync` and `herald validate` compare a project against it. */
export function installedRelease(): HeraldRelease {
  return { version: heraldVersion, githubTemplates: readTemplates('github') };
}
