import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { contentPaths, parseProject, usableProject } from '../lib/project/load.ts';
import { siteBase } from '../lib/views/routes.ts';
import type { SourceFile } from '../lib/project/source.ts';
import { BuildStop } from './build-stop.ts';

/**
 * Where the site is published, from herald.yaml's `site` read by the shared loader: GitHub Pages
 * serves a project site under a path (https://owner.github.io/repo/), which becomes Astro's base.
 * Astro reads this first, before anything is bundled, so a herald.yaml the site cannot be built
 * from stops the build at once, with its problems.
 */
export async function siteAddress(dir: string, now: number): Promise<{ site?: string; base: string }> {
  const files: SourceFile[] = [];
  try {
    files.push({ path: contentPaths.config, bytes: new Uint8Array(await readFile(join(dir, contentPaths.config))) });
  } catch {
    // No herald.yaml: the loader reports it as config/missing.
  }
  const checked = usableProject(parseProject(files, { now }), 'the site cannot be built');
  if (!checked.ok) throw new BuildStop(checked.reason);
  const { site } = checked.project.config;
  return site ? { site: new URL(site).origin, base: siteBase(site) } : { base: '/' };
}
