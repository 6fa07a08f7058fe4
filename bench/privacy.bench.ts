/**
 * What keeping internal posts off the public site costs the build: 2,000 generated posts, one in ten
 * internal (a private label or only a private channel), a third of the rest also on a private one. The
 * site lints the whole project as validate does (the baseline, what the build did before) and, when
 * something is private, the public view too, keeping the findings both have (src/lib/views/privacy.ts).
 * Target: the public view and its findings add at most one lint (2x the baseline).
 */
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseProject } from '../src/lib/project/load.ts';
import { publicFindings, publicView } from '../src/lib/views/privacy.ts';
import { readContent } from '../src/lib/project/read-content.ts';
import { lint } from '../src/lib/rules/index.ts';
import { benchConfig, generatedPost } from './generate.ts';
import { measure, report } from './harness.ts';

const count = 2_000;
const now = Date.parse('2027-01-01T00:00:00Z');
const dir = await mkdtemp(join(tmpdir(), 'herald-bench-privacy-'));
try {
  const config = benchConfig.replace(
    'channels:\n',
    'privateLabels: [internal]\nchannels:\n  - { id: team, network: webhook, format: slack }\n',
  );
  await mkdir(join(dir, 'content/handbook'), { recursive: true });
  await writeFile(join(dir, 'content/herald.yaml'), config);
  for (let i = 0; i < count; i++) {
    const post = generatedPost(i);
    const text =
      i % 20 === 0
        ? post.text.replace(/^labels: \[/m, 'labels: [internal, ')
        : i % 20 === 10
          ? post.text.replace(/^channels: \[.*\]$/m, 'channels: [team]')
          : i % 3 === 0
            ? post.text.replace(/^channels: \[/m, 'channels: [team, ')
            : post.text;
    await mkdir(join(dir, post.path, '..'), { recursive: true });
    await writeFile(join(dir, post.path), text);
  }
  const project = parseProject(await readContent(dir), { now });
  if (project.posts.length !== count)
    throw new Error(
      `expected ${count} posts, loaded ${project.posts.length}: ${JSON.stringify(project.problems.slice(0, 3))}`,
    );
  const shown = publicView(project);
  const baseline = await measure(`lint ${count.toLocaleString('en')} posts (the build before)`, () =>
    lint(project, { now }),
  );
  const withView = await measure(
    `public view, both lints and their common findings (${shown.posts.length.toLocaleString('en')} public posts)`,
    () => publicFindings(lint(project, { now }), lint(publicView(project), { now })),
  );
  const ratio = withView.ms / baseline.ms;
  report(
    [baseline, withView],
    [{ name: 'public findings ≤ 2× one lint', pass: ratio <= 2, detail: `${ratio.toFixed(2)}×` }],
  );
} finally {
  await rm(dir, { recursive: true, force: true });
}
