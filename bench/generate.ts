/**
 * Writes a synthetic Herald project for benchmarks, shaped like a busy team's calendar: four
 * channels (Mastodon, Bluesky, X, LinkedIn) with cadences, quiet periods and a content mix, the
 * example's handbook with its style guide, and N posts whose bodies carry what real posts carry:
 * links (tracked and untracked, shortened, internationalised domains, Markdown links), mentions in
 * each network's form, hashtags, emoji, threads, variants, content warnings and images. The
 * calendar has the clashes such a team has: posts too close together, days over the limit,
 * posts in quiet periods, copied texts, runs of reshares, texts too long for X, and breaches of
 * the house rules. Deterministic for a given count and scenario.
 */
import { cp, mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Temporal } from 'temporal-polyfill';
import { pngHeader } from '../tests/helpers/project.ts';

/**
 * `busy`: the rules of the example organisation, where a busy team's calendar has a few findings
 * for every hundred posts. `strict`: the same kind of posts under stricter rules and judged
 * half-way through the calendar without a ledger, so that most posts have findings (about two
 * each): the case where the cost of each finding shows.
 */
export type Scenario = 'busy' | 'strict';

/** The first generated post; the calendar runs on from here, four posts a day on average. */
export const calendarStart = '2027-01-04';

export interface ConfigOptions {
  maxPerDayPerChannel?: number;
  minGapMinutes?: number;
}

/** herald.yaml of the generated project. */
export function benchConfig({ maxPerDayPerChannel = 4, minGapMinutes = 60 }: ConfigOptions = {}): string {
  const quiet = [2027, 2028, 2029, 2030, 2031, 2032, 2033, 2034].flatMap((year) => [
    `    - { from: ${year}-12-24, to: ${year}-12-26, reason: Holidays }`,
    `    - { from: ${year}-04-30, to: ${year}-05-03, reason: "Long weekend: nobody to answer replies" }`,
  ]);
  return `# A busy team's calendar, generated for the benchmarks.
organization: Benchmark Residents' Association
timezone: Europe/Warsaw
locale: en-GB
repository: example/bench
channels:
  - id: mastodon
    network: mastodon
    name: "@bench@mastodon.social"
    instance: https://mastodon.social
    cadence: P7D
  - id: bluesky
    network: bluesky
    handle: bench.bsky.social
    cadence: P7D
  - id: x
    network: x
    handle: BenchRA
    cadence: P14D
  - id: linkedin
    network: linkedin
    organization: "urn:li:organization:1"
    cadence: P1M
approvals:
  required: 1
  reviewers: [ada, grace]
calendar:
  maxPerDayPerChannel: ${maxPerDayPerChannel}
  minGapMinutes: ${minGapMinutes}
  quietPeriods:
${quiet.join('\n')}
  contentMix: { maxResharePercent: 20 }
`;
}

/** Deterministic pseudo-random numbers in [0, 1) (mulberry32), one stream per post. */
export function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function pick<T>(items: readonly T[], r: number): T {
  return items[Math.floor(r * items.length)]!;
}

const openings = [
  'The repair café opens again on Saturday in the community hall, 10:00 to 14:00.',
  'Members can vote from home this year: the code is printed on your membership card.',
  'Thank you to the forty neighbours who cleaned the river bank on Sunday! 💙',
  'Zażółć gęślą jaźń: our Polish-speaking neighbours run the next workshop at the library.',
  'Bring a broken lamp, toaster or bicycle and leave with a working one. 🔧🚲',
  'The city council answers our questions about the new footbridge on Thursday at 18:00.',
  'Winter walks start at 10:00 from the boathouse, rain or shine 🌧️. Dogs on leads welcome.',
  'Read the minutes of the last meeting before you come: the agenda builds on them.',
  'The heron is back on the weir 🪶 and the kingfisher was seen by the old lock this morning.',
  'Street lights on Towpath Lane are out again. Report each one to the city, with its number.',
  'Nominations for the board close on Friday. Any member can stand, and we help with the form.',
  'Grüße an unsere Nachbarn aus der Partnerstadt: the exchange visit starts on 12 May.',
];

const middles = [
  "Step-free entrance from the car park, hearing loop in the hall, children's corner with two volunteers.",
  'Tea, coffee and cake from the Quay Street bakery, as always. Bring a cup if you can.',
  'The volunteers fixed 31 of the 44 things people brought last month: lamps, radios, a sewing machine and nine bicycles.',
  'Tell us what you think before 28 February; every answer is read by someone on the board.',
  'If an older neighbour lives alone on your stairwell, knock and ask if the heating works.',
  'The walk is 5 km on flat paths, about two hours, and ends at the café by the marina.',
  'Our thanks to Marta Nowak for the photographs and to the library for the room.',
  'We will send a response from the association too, and share it here first.',
];

const mentions = [
  '@riversidelibrary@mastodon.social',
  '@ada@social.example.org',
  '@friendsoftheriver@mastodon.green',
  '@cityofriverside',
  '@quaybakery.bsky.social',
  '@marta@pixelfed.social',
];

const tags = [
  '#RiversideRA',
  '#RepairCafe',
  '#RiverWalk',
  '#Community',
  '#AGM2027',
  '#Volunteers',
  '#Zieleń',
  '#Nachbarschaft',
  '#CleanUp',
  '#Bridges',
];

const campaigns = ['agm', 'repair-cafe', 'river-walks', 'flood-readiness', 'membership', 'clean-up'];

/** A link as posts write them; `bad` links break a house rule (no tracking, or a shortener). */
function link(r: () => number, i: number, campaign: string): string {
  const x = r();
  const tracked = `utm_source=social&utm_medium=post&utm_campaign=${campaign}`;
  if (x < 0.5) return `https://riverside.example/${campaign}/${i}?${tracked}`;
  if (x < 0.6) return `[the details and the map](https://riverside.example/events/${i}?${tracked}&utm_content=map)`;
  if (x < 0.7) return `https://www.gdańsk.example/wydarzenia/${i}?lang=pl`;
  if (x < 0.76) return `https://bücherei.example/veranstaltungen/${i}`;
  if (x < 0.82) return `https://city.example/consultations/bridge-street-${i % 50}#survey`;
  if (x < 0.88) return `https://en.wikipedia.org/wiki/Grey_heron_(${i % 7})`;
  if (x < 0.95) return `riverside.example/${campaign}?utm_source=social&utm_medium=post&utm_campaign=${campaign}`;
  if (x < 0.97) return `https://bit.ly/rv${(i * 7919).toString(36)}`;
  if (x < 0.98) return `riverside.example/${campaign}?utm_source=social`;
  return `https://riverside.example/${campaign}/${i}`;
}

function paragraph(r: () => number, i: number, campaign: string, long: boolean): string {
  const words = [pick(openings, r())];
  if (long) words.push(pick(middles, r()), pick(middles, r()), pick(openings, r()));
  else if (r() < 0.25) words.push(pick(middles, r()));
  else if (r() < 0.5) words.push(`Ask ${pick(mentions, r())}.`);
  if (r() < 0.015) words.push('I will be there myself, click here for the agenda.');
  const hashtags = Array.from({ length: r() < 0.03 ? 4 : 1 + Math.floor(r() * 2) }, () => pick(tags, r()));
  return `${words.join(' ')}\n\n${link(r, i, campaign)} ${[...new Set(hashtags)].join(' ')}`;
}

/** How many posts day `d` has: four on average, some days more (a clash on the daily limit). */
const postsPerDay = [4, 4, 3, 5, 4, 4, 4, 3, 5, 4];
/** The times a team picks: around the usual hours, now and then two within the hour. */
const baseTimes = [8 * 60 + 30, 11 * 60 + 45, 14 * 60 + 30, 17 * 60 + 30, 20 * 60];

interface Placed {
  date: Temporal.PlainDate;
  minutes: number;
  /** Position of the post within its day. */
  slot: number;
}

/** Where post `i` falls in the calendar; consecutive posts fill one day, then the next. */
function placement(i: number): Placed {
  const cycle = postsPerDay.reduce((a, b) => a + b, 0);
  let day = Math.floor(i / cycle) * postsPerDay.length;
  let rest = i % cycle;
  for (const n of postsPerDay) {
    if (rest < n) break;
    rest -= n;
    day++;
  }
  const r = random(i * 31 + 7);
  const clash = r() < 0.06;
  const minutes = clash
    ? baseTimes[Math.max(0, rest - 1) % baseTimes.length]! + 15 + Math.floor(r() * 4) * 10
    : baseTimes[rest % baseTimes.length]! + Math.floor(r() * 6) * 5;
  return { date: Temporal.PlainDate.from(calendarStart).add({ days: day }), minutes, slot: rest };
}

export interface GeneratedPost {
  path: string;
  text: string;
  /** Files next to the post (its images), by path. */
  files: { path: string; bytes: Uint8Array }[];
}

export function generatedPost(i: number): GeneratedPost {
  const r = random(i * 7 + 1);
  const { date, minutes, slot } = placement(i);
  const local = `${date.toString()} ${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;
  const folder = `content/posts/${date.year}/${String(date.month).padStart(2, '0')}`;
  const id = `post-${String(i).padStart(5, '0')}`;
  const campaign = pick(campaigns, r());

  // The main channel takes the first three posts of every day; the rest go where they fit.
  const channels =
    slot < 3
      ? pick(
          [
            ['mastodon', 'bluesky'],
            ['mastodon', 'bluesky', 'x', 'linkedin'],
            ['mastodon', 'x'],
            ['mastodon', 'bluesky', 'linkedin'],
            ['mastodon'],
          ],
          r(),
        )
      : pick([['bluesky', 'x'], ['linkedin'], ['mastodon', 'bluesky', 'x'], ['x']], r());
  const kind = r() < 0.17 ? 'reshare' : r() < 0.05 ? 'evergreen' : 'original';
  const thread = r() < 0.2;
  const long = r() < 0.04;

  // About one post in a hundred copies an earlier post's text: a duplicate the team did not notice.
  const copy = i > 50 && r() < 0.01 ? i - 37 : i;
  const rc = random(copy * 13 + 5);
  const parts = [paragraph(rc, copy, pick(campaigns, random(copy * 7 + 1)()), long)];
  if (thread) {
    const more = 1 + Math.floor(r() * 3);
    for (let p = 0; p < more; p++) parts.push(paragraph(r, i * 10 + p, campaign, false));
  }
  const body = parts.join('\n\n---\n\n');

  const lines = [
    r() < 0.5
      ? `title: "${pick(openings, r()).slice(0, 40).replace(/"/g, '')} (${i})"`
      : `title: Post ${i} for ${campaign}`,
    `publishAt: ${local}`,
    r() < 0.8 ? `channels: [${channels.join(', ')}]` : `channels:\n${channels.map((c) => `  - ${c}`).join('\n')}`,
    `campaign: ${campaign}`,
    `author: ${pick(['ada', 'grace', 'lin', 'omar'], r())}`,
    `labels: [${pick(['event', 'news', 'members', 'river', 'city'], r())}${r() < 0.3 ? ', partners' : ''}]`,
    `kind: ${kind}`,
  ];
  if (r() < 0.4)
    lines.push(
      `link: https://riverside.example/${campaign}?utm_source=social&utm_medium=post&utm_campaign=${campaign}`,
    );
  if (kind === 'evergreen' && r() < 0.3) lines.push(`repeat: { every: P3M, until: ${date.year + 1}-12-31 }`);
  if (channels.includes('mastodon') && r() < 0.04)
    lines.push('contentWarning: "Flood memories, photos of flooded homes"');
  const files: GeneratedPost['files'] = [];
  if (r() < 0.12) {
    const image = `${id}.png`;
    const alt =
      r() < 0.1
        ? 'A photo.'
        : 'Volunteers at a long table in the community hall, mending a lamp, a radio and two bicycles.';
    lines.push(
      `media:\n  - src: ./${image}\n    alt: "${alt}"\n    rights: ${r() < 0.5 ? 'owned' : 'permission'}\n    credit: Photo by Marta Nowak`,
    );
    files.push({ path: `${folder}/${image}`, bytes: pngHeader(1600 + Math.floor(r() * 800), 1200) });
  }
  // X gets its own shorter text on many posts; LinkedIn a longer one now and then.
  const variants: string[] = [];
  if (channels.includes('x') && r() < 0.5) {
    variants.push(
      `  x: |-\n    ${pick(openings, r())} ${pick(tags, r())}\n\n    https://riverside.example/${campaign}/${i}?utm_source=x&utm_medium=post&utm_campaign=${campaign}`,
    );
  }
  if (channels.includes('linkedin') && r() < 0.3) {
    variants.push(
      `  linkedin: |-\n    ${pick(openings, r())} ${pick(middles, r())} ${pick(middles, r())}\n\n    ${pick(middles, r())} Details: https://riverside.example/${campaign}/${i}?utm_source=linkedin&utm_medium=post&utm_campaign=${campaign}`,
    );
  }
  if (channels.includes('bluesky') && r() < 0.1)
    variants.push(
      `  bluesky: "${pick(openings, r())} ${pick(tags, r())} riverside.example/${i}?utm_source=bluesky&utm_medium=post&utm_campaign=${campaign}"`,
    );
  if (variants.length > 0) lines.push(`variants:\n${variants.join('\n')}`);

  return { path: `${folder}/${id}.mdx`, text: `---\n${lines.join('\n')}\n---\n${body}\n`, files };
}

/** The style guide's house rules made stricter, for the `strict` scenario. */
function stricter(styleGuide: string): string {
  return styleGuide.replace(/maxHashtags: \d+/, 'maxHashtags: 1');
}

/** The instant a scenario is judged at: before the calendar, or in its middle. */
export function scenarioNow(scenario: Scenario): number {
  return Date.parse(scenario === 'busy' ? '2027-01-01T00:00:00Z' : '2029-06-01T00:00:00Z');
}

/** Writes herald.yaml, the example's handbook and `count` posts under `dir`/content. */
export async function generateProject(
  dir: string,
  count: number,
  scenario: Scenario = 'busy',
  config: ConfigOptions = {},
): Promise<void> {
  await mkdir(join(dir, 'content'), { recursive: true });
  await cp(join(import.meta.dirname, '..', 'content', 'handbook'), join(dir, 'content', 'handbook'), {
    recursive: true,
  });
  const settings = scenario === 'strict' ? { minGapMinutes: 240, maxPerDayPerChannel: 3, ...config } : config;
  await writeFile(join(dir, 'content', 'herald.yaml'), benchConfig(settings));
  if (scenario === 'strict') {
    const path = join(dir, 'content', 'handbook', 'style-guide.mdx');
    await writeFile(path, stricter(await readFile(path, 'utf8')));
  }
  const posts = Array.from({ length: count }, (_, i) => generatedPost(i));
  const files = posts.flatMap((post) => [{ path: post.path, bytes: post.text }, ...post.files]);
  const folders = new Set(files.map((file) => join(dir, file.path, '..')));
  await Promise.all([...folders].map((folder) => mkdir(folder, { recursive: true })));
  await Promise.all(files.map((file) => writeFile(join(dir, file.path), file.bytes)));
}
