import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { contentPaths, parseProject } from '../lib/load.ts';
import { siteBase } from '../lib/routes.ts';

/**
 * Where the site is published, from herald.yaml's `site` read by the shared loader: GitHub Pages
 * serves a project site under a path (https://owner.github.io/repo/), which becomes Astro's base.
 */
export async function siteAddress(dir: string, now: number): Promise<{ site?: string; base: string }> {
  let bytes: Uint8Array;
  try {
    bytes = new Uint8Array(await readFile(join(dir, contentPaths.config)));
  } catch {
    return { base: '/' };
  }
  const { config } = parseProject([{ path: contentPaths.config, bytes }], { now });
  if (!config?.site) return { base: '/' };
  return { site: new URL(config.site).origin, base: siteBase(config.site) };
}
