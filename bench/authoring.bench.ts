/** herald new on a large calendar: checking a time and suggesting the next free one among 10,000 posts. */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseProject } from '../src/lib/load.ts';
import type { Project } from '../src/lib/model.ts';
import { readContent } from '../src/lib/read-content.ts';
import { checkSlot, suggestSlot } from '../src/lib/slots.ts';
import type { HeraldConfig } from '../src/schemas/config.ts';
import { generateProject } from './generate.ts';
import { measure, report } from './harness.ts';

const count = 10_000;
/** In the middle of the generated calendar (it starts on 2027-01-04, four posts a day). */
const now = Date.parse('2030-06-01T10:00:00Z');
const dir = await mkdtemp(join(tmpdir(), 'herald-bench-authoring-'));
try {
  await generateProject(dir, count);
  const files = await readContent(dir);
  const load = () => parseProject(files, { now }) as Project & { config: HeraldConfig };
  const project = load();
  if (project.posts.length !== count) throw new Error(`expected ${count} posts, loaded ${project.posts.length}`);
  // Mastodon carries three posts a day there; with a limit of three, no day in the year is free:
  // the suggestion checks every half hour of the year.
  const full = { ...project, config: { ...project.config, calendar: { ...project.config.calendar, maxPerDayPerChannel: 3 } } };
  if (suggestSlot(full, ['mastodon'], now) !== undefined) throw new Error('expected no free time on a full calendar');
  report([
    await measure(`parse ${count.toLocaleString('en')} posts (baseline)`, load),
    await measure('check one time among them', () => checkSlot({ ...project }, { local: '2030-06-03 12:30', channels: ['mastodon', 'x'] }, now)),
    await measure('suggest the next free time', () => suggestSlot({ ...project }, ['mastodon', 'x'], now)),
    await measure('search a whole year of full days', () => suggestSlot({ ...full }, ['mastodon'], now)),
  ]);
} finally {
  await rm(dir, { recursive: true, force: true });
}
