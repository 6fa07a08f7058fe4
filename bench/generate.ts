/**
 * Writes a synthetic Herald project for benchmarks: the example's herald.yaml and N generated posts
 * of realistic shape (threads, links with tracking, mentions, hashtags, variants, several channels),
 * spread over the calendar a few per day. Deterministic for a given count.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Temporal } from 'temporal-polyfill';

export const benchConfig = `organization: Benchmark Association
timezone: Europe/Warsaw
locale: en
repository: example/bench
channels:
  - { id: mastodon, network: mastodon, instance: https://mastodon.social }
  - { id: bluesky, network: bluesky, handle: bench.bsky.social }
  - { id: x, network: x }
  - { id: linkedin, network: linkedin, organization: "urn:li:organization:1" }
calendar:
  maxPerDayPerChannel: 12
  minGapMinutes: 5
`;

const sentences = [
  'The repair café opens again on Saturday in the community hall.',
  'Members can vote from home this year: the link arrives by email.',
  'Thank you to the forty neighbours who cleaned the river bank on Sunday!',
  'Zażółć gęślą jaźń: our Polish-speaking neighbours run the next workshop.',
  'Bring a broken lamp, toaster or bicycle and leave with a working one.',
  'The city council answers our questions about the new bridge on Thursday.',
  'Winter walks start at 10:00 from the boathouse, rain or shine 🌧️.',
  'Read the minutes of the last meeting before you come.',
];

function pick<T>(items: readonly T[], i: number): T {
  return items[i % items.length]!;
}

export function generatedPost(i: number): { path: string; text: string } {
  const start = Temporal.PlainDateTime.from('2027-01-04T08:00');
  const at = start.add({ hours: Math.floor(i / 4) * 24 + (i % 4) * 3 });
  const local = `${at.toPlainDate().toString()} ${at.toPlainTime().toString().slice(0, 5)}`;
  const id = `post-${String(i).padStart(5, '0')}`;
  const thread = i % 5 === 0;
  const body = [
    `${pick(sentences, i)} ${pick(sentences, i + 3)} #riverside`,
    `Details: https://riverside.example/events/${i}?utm_source=social&utm_medium=post&utm_campaign=bench`,
    ...(thread ? ['---', `${pick(sentences, i + 5)} Ask @ada@mastodon.social for help.`] : []),
  ].join('\n\n');
  const channels = pick([['mastodon', 'bluesky'], ['x', 'mastodon'], ['linkedin', 'bluesky', 'mastodon'], ['x']], i);
  const variants = i % 7 === 0 && channels.includes('x') ? `variants:\n  x: ${JSON.stringify(pick(sentences, i))}\n` : '';
  const frontmatter = `title: Generated post ${i}
publishAt: ${local}
channels: [${channels.join(', ')}]
kind: ${pick(['original', 'original', 'original', 'reshare', 'evergreen'], i)}
labels: [${pick(['event', 'news', 'members'], i)}]
campaign: ${pick(['winter', 'agm', 'repair-cafe'], i)}
${variants}`;
  return {
    path: `content/posts/${at.year}/${String(at.month).padStart(2, '0')}/${id}.mdx`,
    text: `---\n${frontmatter.trimEnd()}\n---\n${body}\n`,
  };
}

/** Writes herald.yaml and `count` posts under `dir`/content. */
export async function generateProject(dir: string, count: number): Promise<void> {
  await mkdir(join(dir, 'content', 'handbook'), { recursive: true });
  await writeFile(join(dir, 'content', 'herald.yaml'), benchConfig);
  const folders = new Set<string>();
  const posts = Array.from({ length: count }, (_, i) => generatedPost(i));
  for (const post of posts) folders.add(join(dir, post.path, '..'));
  await Promise.all([...folders].map((folder) => mkdir(folder, { recursive: true })));
  await Promise.all(posts.map((post) => writeFile(join(dir, post.path), post.text)));
}
