/**
 * `npm run screenshots`: retakes the documentation's screenshots and copies them into the repository.
 * The site's tests take them (tests/site/screenshots.ts) into tmp/screenshots/, which mirrors the
 * repository; this empties that folder, runs the site's tests, and only when they all pass copies
 * each picture to its place, saying which ones changed. `npm test` alone never touches them.
 */
import { spawnSync } from 'node:child_process';
import { copyFile, mkdir, readdir, readFile, rm } from 'node:fs/promises';
import { dirname, join } from 'node:path';

const root = join(import.meta.dirname, '..');
const scratch = join(root, 'tmp', 'screenshots');

await rm(scratch, { recursive: true, force: true });
const tests = spawnSync(process.execPath, [join(root, 'node_modules/vitest/vitest.mjs'), 'run', '--project', 'site'], {
  cwd: root,
  stdio: 'inherit',
});
if (tests.status !== 0) {
  console.error('\nThe site tests failed, so no screenshot was copied. Fix them and run npm run screenshots again.');
  process.exit(1);
}

const pictures = (await readdir(scratch, { recursive: true, withFileTypes: true })).filter((entry) => entry.isFile());
if (pictures.length === 0) {
  console.error(`\nThe site tests took no screenshot (nothing in ${scratch}).`);
  process.exit(1);
}
for (const picture of pictures) {
  const from = join(picture.parentPath, picture.name);
  const target = from.slice(scratch.length + 1);
  const before = await readFile(join(root, target)).catch(() => undefined);
  const same = before?.equals(await readFile(from)) ?? false;
  if (!same) {
    await mkdir(dirname(join(root, target)), { recursive: true });
    await copyFile(from, join(root, target));
  }
  console.log(`${same ? 'unchanged' : before ? 'updated  ' : 'new      '} ${target}`);
}
