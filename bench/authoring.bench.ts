/**
 * herald new on a large calendar: checking a time and suggesting the next free one among 10,000
 * posts. Each measurement starts from a fresh project object, so it includes indexing the calendar.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { contentPaths, parseProject } from '../src/lib/project/load.ts';
import { readContent } from '../src/lib/project/read-content.ts';
import { checkSlot, suggestSlot, type Draft, type Schedule } from '../src/lib/calendar/slots.ts';
import type { SourceFile } from '../src/lib/project/source.ts';
import { benchConfig, generateProject } from './generate.ts';
import { measure, report } from './harness.ts';

const count = 10_000;
/** In the middle of the generated calendar (it starts on 2027-01-04, about four posts a day). */
const now = Date.parse('2030-06-01T10:00:00Z');
const dir = await mkdtemp(join(tmpdir(), 'herald-bench-authoring-'));
try {
  await generateProject(dir, count);
  const files = await readContent(dir);
  const load = (content: SourceFile[] = files) => parseProject(content, { now }) as Schedule;
  const project = load();
  if (project.posts.length !== count) throw new Error(`expected ${count} posts, loaded ${project.posts.length}`);
  // Mastodon carries at least three posts every day there; with a limit of three, no day in the
  // year is free: the suggestion looks at every day of the year. The same posts, with that herald.yaml.
  const threeADay = load([
    { path: contentPaths.config, bytes: new TextEncoder().encode(benchConfig({ maxPerDayPerChannel: 3 })) },
  ]);
  const full = { ...project, config: threeADay.config, configSource: threeADay.configSource };
  const draft = (channels: string[]): Draft => ({
    title: 'Benchmark',
    channels,
    kind: 'original',
    labels: [],
    id: 'benchmark',
  });
  if (suggestSlot(full, draft(['mastodon']), now) !== undefined)
    throw new Error('expected no free time on a full calendar');
  report([
    await measure(`parse ${count.toLocaleString('en')} posts (baseline)`, () => load()),
    await measure('check one time among them', () =>
      checkSlot({ ...project }, draft(['mastodon', 'x']), '2030-06-03 12:30', now),
    ),
    await measure('suggest the next free time', () => suggestSlot({ ...project }, draft(['mastodon', 'x']), now)),
    await measure('search a whole year of full days', () => suggestSlot({ ...full }, draft(['mastodon']), now)),
  ]);
} finally {
  await rm(dir, { recursive: true, force: true });
}
