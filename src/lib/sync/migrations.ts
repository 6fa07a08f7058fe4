import semver from 'semver';
import type { Files } from './generated.ts';

/**
 * Format migrations: when a Herald version changes a file format in a way older files no longer
 * fit (a setting renamed in herald.yaml, a front matter key moved), it adds an entry here, keyed by
 * that version. `herald sync` applies, in order, every migration newer than the version the
 * project's generated files were stamped with, up to the installed one. Each is a pure function from
 * the project's files (content/ and the generated ones, by path) to the files it changes. None yet:
 * no release has broken a format.
 */
export interface Migration {
  /** The version that introduced the change. */
  version: string;
  /** What it does, in a line `herald sync` prints. */
  description: string;
  migrate(files: Files): Files;
}

export const migrations: readonly Migration[] = [];

/** The migrations to run for a project stamped `from` (undefined: never synced) when `to` is installed. */
export function pendingMigrations(
  from: string | undefined,
  to: string,
  registry: readonly Migration[] = migrations,
): Migration[] {
  if (from === undefined) return [];
  return registry
    .filter((m) => semver.gt(m.version, from) && semver.lte(m.version, to))
    .sort((a, b) => semver.compare(a.version, b.version));
}

/** The files after every pending migration, and which ones ran; only changed files are returned. */
export function migrate(
  files: Files,
  from: string | undefined,
  to: string,
  registry: readonly Migration[] = migrations,
): { changed: Files; applied: Migration[] } {
  const applied = pendingMigrations(from, to, registry);
  let current: Files = files;
  for (const migration of applied) current = { ...current, ...migration.migrate(current) };
  const changed = Object.fromEntries(Object.entries(current).filter(([path, text]) => files[path] !== text));
  return { changed, applied };
}

/** The oldest Herald version among stamps: what the project was last synced with. */
export function oldestVersion(versions: readonly (string | undefined)[]): string | undefined {
  const known = versions.filter((v): v is string => v !== undefined && semver.valid(v) !== null);
  return known.length === 0 ? undefined : known.sort(semver.compare)[0];
}
