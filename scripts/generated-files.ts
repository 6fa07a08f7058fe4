/**
 * What the commands need to compare a project with the installed Herald (herald sync, herald
 * validate, herald init): the generated files as Herald would write them, and as the project has them.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Project } from '../src/lib/project/model.ts';
import { generatedFiles, type Files } from '../src/lib/sync/generated.ts';
import { installedRelease } from './herald-package.ts';

/** Every generated file for `project`, as the installed Herald writes it. */
export function expectedFiles(project: Project): Files {
  return generatedFiles(project, installedRelease());
}

/** The files among `paths` that exist under `root`, with their text. */
export function presentFiles(root: string, paths: readonly string[]): Files {
  return Object.fromEntries(
    paths.filter((path) => existsSync(join(root, path))).map((path) => [path, readFileSync(join(root, path), 'utf8')]),
  );
}
