/** Reading and parsing 10,000 generated posts with the loader. */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseProject } from '../src/lib/project/load.ts';
import { readContent } from '../src/lib/project/read-content.ts';
import { generateProject } from './generate.ts';
import { measure, report } from './harness.ts';

const count = 10_000;
const dir = await mkdtemp(join(tmpdir(), 'herald-bench-load-'));
try {
  await generateProject(dir, count);
  const files = await readContent(dir);
  const parsed = parseProject(files, { now: Date.parse('2027-01-01T00:00:00Z') });
  if (parsed.posts.length !== count)
    throw new Error(
      `expected ${count} posts, loaded ${parsed.posts.length}: ${JSON.stringify(parsed.problems.slice(0, 3))}`,
    );
  report([
    await measure(`read ${count.toLocaleString('en')} post files`, () => readContent(dir)),
    await measure(`read and parse ${count.toLocaleString('en')} posts`, async () =>
      parseProject(await readContent(dir), { now: 0 }),
    ),
  ]);
} finally {
  await rm(dir, { recursive: true, force: true });
}
