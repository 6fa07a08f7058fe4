/**
 * Screenshots for the documentation, taken by the site's tests from the built example so that they
 * show the site as it is. A test never writes into the repository: it keeps each picture in a
 * scratch folder that mirrors the repository's layout (tmp/screenshots/, ignored by git), and only
 * `npm run screenshots` (scripts/screenshots.ts) copies them into place.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, join, normalize, sep } from 'node:path';
import { root } from './site.ts';

export const screenshotScratch = join(root, 'tmp', 'screenshots');

/** Keeps `png` as the picture that belongs at `target`, a path relative to the repository root. */
export async function keepScreenshot(target: string, png: Uint8Array): Promise<void> {
  const relative = normalize(target);
  if (relative.startsWith(`..${sep}`) || relative.startsWith(sep) || !relative.endsWith('.png')) {
    throw new Error(`A screenshot's target must be a .png path inside the repository, not "${target}".`);
  }
  const file = join(screenshotScratch, relative);
  await mkdir(dirname(file), { recursive: true });
  await writeFile(file, png);
}
