import { describe, expect, it } from 'vitest';
import type { SourceFile } from '../../src/lib/source.ts';
import { file, goodFrontmatter, load, post, testConfig } from '../helpers/project.ts';

const postPath = 'content/posts/2026/12/the-post.mdx';

interface BadInput {
  name: string;
  files: SourceFile[];
  /** herald.yaml to use instead of the test one; null for none. */
  config?: string | null;
  rule: string;
  file?: string;
  line: number;
  /** Words the message must contain, so it tells the author what to do. */
  says?: RegExp;
}

const encoder = new TextEncoder();
const bytes = (...parts: (string | number[])[]) =>
  Uint8Array.from(parts.flatMap((part) => (typeof part === 'string' ? [...encoder.encode(part)] : part)));

const cases: BadInput[] = [
  {
    name: 'broken YAML: an unclosed quote',
    files: [file(postPath, post(`title: "An unclosed quote\npublishAt: 2026-12-03 18:30\nchannels: [mastodon]`))],
    rule: 'yaml/syntax',
    line: 2,
    says: /quotes/,
  },
  {
    name: 'broken YAML: a mapping inside a scalar',
    files: [file(postPath, post(`title: Join us: the meeting: tonight\npublishAt: 2026-12-03 18:30\nchannels: [mastodon]`))],
    rule: 'yaml/syntax',
    line: 2,
  },
  {
    name: 'broken YAML: a tab used for indenting',
    files: [file(postPath, post(`${goodFrontmatter}\nmedia:\n\t- src: ./a.jpg`))],
    rule: 'yaml/syntax',
    line: 6,
    says: /spaces/,
  },
  {
    name: 'broken YAML: an unclosed list',
    files: [file(postPath, post(`title: T\npublishAt: 2026-12-03 18:30\nchannels: [mastodon, x`))],
    rule: 'yaml/syntax',
    line: 4,
  },
  {
    name: 'a hashtag YAML would read as a comment and drop',
    files: [file(postPath, post(`${goodFrontmatter}\nvariants:\n  x: Join us tonight #RiversideAGM # a real comment is fine`))],
    rule: 'yaml/hashtag-comment',
    line: 6,
    says: /#RiversideAGM and what follows it .* quotes/,
  },
  {
    name: 'a setting written twice',
    files: [file(postPath, post(`${goodFrontmatter}\ntitle: Again`))],
    rule: 'yaml/duplicate-key',
    line: 5,
    says: /"title" is set twice/,
  },
  {
    name: 'no front matter at all',
    files: [file(postPath, 'Just some text without settings.\n')],
    rule: 'frontmatter/missing',
    line: 1,
    says: /three dashes/,
  },
  {
    name: 'front matter never closed',
    files: [file(postPath, `---\n${goodFrontmatter}\nHello`)],
    rule: 'frontmatter/unclosed',
    line: 1,
  },
  {
    name: 'empty front matter',
    files: [file(postPath, '---\n\n---\nHello\n')],
    rule: 'frontmatter/empty',
    line: 1,
  },
  {
    name: 'front matter that is a list, not settings',
    files: [file(postPath, '---\n- title\n- publishAt\n---\nHello\n')],
    rule: 'schema/type',
    line: 2,
    says: /group of settings/,
  },
  {
    name: 'a required setting missing',
    files: [file(postPath, post(`publishAt: 2026-12-03 18:30\nchannels: [mastodon]`))],
    rule: 'schema/missing',
    line: 2,
    says: /"title" is missing/,
  },
  {
    name: 'channels written as text instead of a list',
    files: [file(postPath, post(`title: T\npublishAt: 2026-12-03 18:30\nchannels: 42`))],
    rule: 'schema/type',
    line: 4,
    says: /should be a list/,
  },
  {
    name: 'a title YAML reads as a number',
    files: [file(postPath, post(`title: 1984\npublishAt: 2026-12-03 18:30\nchannels: [mastodon]`))],
    rule: 'schema/type',
    line: 2,
    says: /quotes/,
  },
  {
    name: 'an unknown setting with a close match',
    files: [file(postPath, post(`${goodFrontmatter}\ncampain: agm`))],
    rule: 'schema/unknown-key',
    line: 5,
    says: /Did you mean "campaign"\?/,
  },
  {
    name: 'an unknown setting inside media',
    files: [file(postPath, post(`${goodFrontmatter}\nmedia:\n  - src: ./a.jpg\n    alt: A hall full of people\n    rights: owned\n    alttext: x`))],
    rule: 'schema/unknown-key',
    line: 9,
    says: /Did you mean "alt"\?/,
  },
  {
    name: 'a channel herald.yaml does not have',
    files: [file(postPath, post(`title: T\npublishAt: 2026-12-03 18:30\nchannels:\n  - mastodon\n  - blusky`))],
    rule: 'post/unknown-channel',
    line: 6,
    says: /Did you mean "bluesky"\?/,
  },
  {
    name: 'an unknown time zone',
    files: [file(postPath, post(`${goodFrontmatter}\ntimezone: Europe/Warsw`))],
    rule: 'time/unknown-zone',
    line: 5,
    says: /^"Europe\/Warsw" is not a time zone\. Did you mean Europe\/Warsaw\?$/,
  },
  {
    name: 'a time skipped by the spring-forward change',
    files: [file('content/posts/2027/03/the-post.mdx', post(`title: T\npublishAt: 2027-03-28 02:30\nchannels: [mastodon]`))],
    rule: 'time/nonexistent',
    line: 3,
    says: /does not exist/,
  },
  {
    name: 'a time that happens twice when clocks go back',
    files: [file('content/posts/2026/10/the-post.mdx', post(`title: T\npublishAt: 2026-10-25 02:30\nchannels: [mastodon]`))],
    rule: 'time/ambiguous',
    line: 3,
    says: /\+02:00 \(first\) or .*\+01:00 \(second\)/,
  },
  {
    name: 'an offset the zone never has at that time',
    files: [file('content/posts/2026/10/the-post.mdx', post(`title: T\npublishAt: 2026-10-25 02:30+05:00\nchannels: [mastodon]`))],
    rule: 'time/offset-mismatch',
    line: 3,
  },
  {
    name: 'a time written in UTC',
    files: [file(postPath, post(`title: T\npublishAt: 2026-12-03 17:30Z\nchannels: [mastodon]`))],
    rule: 'time/utc',
    line: 3,
  },
  {
    name: 'a date that does not exist',
    files: [file('content/posts/2027/02/the-post.mdx', post(`title: T\npublishAt: 2027-02-30 10:00\nchannels: [mastodon]`))],
    rule: 'time/format',
    line: 3,
  },
  {
    name: 'a date without a time',
    files: [file(postPath, post(`title: T\npublishAt: 2026-12-03\nchannels: [mastodon]`))],
    rule: 'schema/value',
    line: 3,
    says: /2026-12-03 18:30/,
  },
  {
    name: 'an image without alt text',
    files: [file(postPath, post(`${goodFrontmatter}\nmedia:\n  - src: ./a.jpg\n    rights: owned`))],
    rule: 'schema/missing',
    line: 6,
    says: /media\[0\]\.alt/,
  },
  {
    name: 'an image with blank alt text',
    files: [file(postPath, post(`${goodFrontmatter}\nmedia:\n  - src: ./a.jpg\n    alt: "   "\n    rights: owned`))],
    rule: 'schema/value',
    line: 7,
    says: /describe the image/,
  },
  {
    name: 'an image without rights',
    files: [file(postPath, post(`${goodFrontmatter}\nmedia:\n  - src: ./a.jpg\n    alt: A hall full of people`))],
    rule: 'schema/missing',
    line: 6,
    says: /rights/,
  },
  {
    name: 'image rights misspelt',
    files: [file(postPath, post(`${goodFrontmatter}\nmedia:\n  - src: ./a.jpg\n    alt: A hall full of people\n    rights: own`))],
    rule: 'schema/value',
    line: 8,
    says: /Did you mean "owned"\?/,
  },
  {
    name: 'a licensed image without a credit',
    files: [file(postPath, post(`${goodFrontmatter}\nmedia:\n  - src: ./a.jpg\n    alt: A hall full of people\n    rights: licensed`))],
    rule: 'media/credit-required',
    line: 6,
    says: /credit/,
  },
  {
    name: 'expiry before publication',
    files: [file(postPath, post(`${goodFrontmatter}\nexpiresAt: 2026-12-03 09:00`))],
    rule: 'post/expires-before-publish',
    line: 5,
  },
  {
    name: 'an unknown kind',
    files: [file(postPath, post(`${goodFrontmatter}\nkind: repost`))],
    rule: 'schema/value',
    line: 5,
    says: /original, reshare, evergreen/,
  },
  {
    name: 'a variant for something that is neither channel nor network',
    files: [file(postPath, post(`${goodFrontmatter}\nvariants:\n  mastdon: Short text`))],
    rule: 'post/unknown-variant',
    line: 6,
    says: /Did you mean/,
  },
  {
    name: 'an id that is not a slug',
    files: [file(postPath, post(`${goodFrontmatter}\nid: AGM 2026`))],
    rule: 'schema/value',
    line: 5,
  },
  {
    name: 'a file name that cannot be an id',
    files: [file('content/posts/2026/12/AGM Live.mdx', post(goodFrontmatter))],
    rule: 'post/id',
    file: 'content/posts/2026/12/AGM Live.mdx',
    line: 1,
  },
  {
    name: 'a post without text',
    files: [file(postPath, post(goodFrontmatter, '\n\n'))],
    rule: 'post/empty-body',
    line: 6,
  },
  {
    name: 'an empty file',
    files: [file(postPath, '')],
    rule: 'file/empty',
    line: 1,
  },
  {
    name: 'binary garbage (a PNG saved as .mdx)',
    files: [file(postPath, bytes([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d, 0x49, 0x48, 0x44, 0x52]))],
    rule: 'file/binary',
    line: 3,
  },
  {
    name: 'text that is not UTF-8 (Latin-1)',
    files: [file(postPath, bytes(`---\n${goodFrontmatter}\n---\nZa`, [0xbf, 0xf3, 0xb3, 0xe6], '\n'))],
    rule: 'file/encoding',
    line: 6,
    says: /UTF-8/,
  },
  {
    name: 'a 5 MB file',
    files: [file(postPath, post(goodFrontmatter, 'x'.repeat(5_000_000)))],
    rule: 'file/too-large',
    line: 1,
    says: /5\.0 MB/,
  },
  {
    name: 'a BOM at the start, with an error on line 4',
    files: [file(postPath, `\uFEFF---\ntitle: T\npublishAt: 2026-12-03 18:30\nchannels: [mastodn]\n---\nHello\n`)],
    rule: 'post/unknown-channel',
    line: 4,
  },
  {
    name: 'Windows line ends, with an error on line 5',
    files: [file(postPath, `---\r\ntitle: T\r\npublishAt: 2026-12-03 18:30\r\nchannels: [mastodon]\r\nkind: originall\r\n---\r\nHello\r\n`)],
    rule: 'schema/value',
    line: 5,
    says: /Did you mean "original"\?/,
  },
  {
    name: 'YAML aliases that expand without end',
    files: [file(postPath, post(`${goodFrontmatter}\nlabels: &a [x, x, x, x, x, x, x, x, x]\nx1: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]\nx2: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b]\nx3: [*c, *c, *c, *c, *c, *c, *c, *c, *c, *c, *c, *c, *c, *c, *c, *c, *c]`))],
    rule: 'yaml/syntax',
    line: 2,
    says: /anchors and aliases/,
  },
  {
    name: 'herald.yaml: a network that does not exist',
    files: [],
    config: testConfig.replace('network: x', 'network: twiter'),
    rule: 'schema/value',
    file: 'content/herald.yaml',
    line: 12,
    says: /mastodon, bluesky, x, linkedin, webhook/,
  },
  {
    name: 'herald.yaml: a misspelt setting',
    files: [],
    config: testConfig.replace('organization:', 'organisation:'),
    rule: 'schema/unknown-key',
    file: 'content/herald.yaml',
    line: 1,
    says: /Did you mean "organization"\?/,
  },
  {
    name: 'herald.yaml: an unknown time zone',
    files: [],
    config: testConfig.replace('Europe/Warsaw', 'Warsaw'),
    rule: 'time/unknown-zone',
    file: 'content/herald.yaml',
    line: 2,
    says: /^"Warsaw" is not a time zone\. Did you mean Europe\/Warsaw\?$/,
  },
  {
    name: 'herald.yaml: a misspelt time zone',
    files: [],
    config: testConfig.replace('Europe/Warsaw', 'Europe/Warsw'),
    rule: 'time/unknown-zone',
    file: 'content/herald.yaml',
    line: 2,
    says: /^"Europe\/Warsw" is not a time zone\. Did you mean Europe\/Warsaw\?$/,
  },
  {
    name: 'herald.yaml: a time zone that is no place at all',
    files: [],
    config: testConfig.replace('Europe/Warsaw', 'Mars/Olympus'),
    rule: 'time/unknown-zone',
    file: 'content/herald.yaml',
    line: 2,
    says: /^"Mars\/Olympus" is not a time zone\. Use an IANA name such as Europe\/Warsaw or America\/New_York\.$/,
  },
  {
    name: 'herald.yaml: two channels with one id',
    files: [],
    config: testConfig.replace('id: x', 'id: mastodon'),
    rule: 'config/duplicate-channel',
    file: 'content/herald.yaml',
    line: 11,
  },
  {
    name: 'herald.yaml: missing',
    files: [file(postPath, post(goodFrontmatter))],
    config: null,
    rule: 'config/missing',
    file: 'content/herald.yaml',
    line: 1,
  },
  {
    name: 'handbook page without an owner',
    files: [file('content/handbook/policy.mdx', post('title: Policy\ndescription: What we do\nlastReviewed: 2026-06-01\nreviewEvery: P1Y'))],
    rule: 'schema/missing',
    file: 'content/handbook/policy.mdx',
    line: 2,
    says: /"owner" is missing/,
  },
  {
    name: 'handbook page with a review period that is not a duration',
    files: [file('content/handbook/policy.mdx', post('title: Policy\ndescription: What we do\nowner: Chair\nlastReviewed: 2026-06-01\nreviewEvery: yearly'))],
    rule: 'schema/value',
    file: 'content/handbook/policy.mdx',
    line: 6,
    says: /P1Y/,
  },
  {
    name: 'handbook page whose MDX would break the site build',
    files: [file('content/handbook/policy.mdx', post('title: Policy\ndescription: What we do\nowner: Chair\nlastReviewed: 2026-06-01\nreviewEvery: P1Y', '# Policy\n\nWe answer within {24 hours.\n'))],
    rule: 'body/mdx-syntax',
    file: 'content/handbook/policy.mdx',
    line: 10,
  },
];

describe('the loader on bad input', () => {
  it('has a corpus of at least 30 bad inputs', () => {
    expect(cases.length).toBeGreaterThanOrEqual(30);
  });

  it.each(cases)('$name → $rule at line $line', (testCase) => {
    const { files, rule, line, says } = testCase;
    const project = load(files, testCase.config === undefined ? testConfig : testCase.config);
    const found = project.problems.filter((p) => p.rule === rule);
    expect(found, JSON.stringify(project.problems, null, 2)).toHaveLength(1);
    const [problem] = found;
    expect(problem).toMatchObject({ file: testCase.file ?? files[0]?.path, line, severity: 'error' });
    expect(problem!.column).toBeGreaterThanOrEqual(1);
    if (says) expect(problem!.message).toMatch(says);
    // A post with an error is never handed to the site or the publisher.
    expect(project.posts).toHaveLength(0);
  });

  it('reports every bad file of a folder in one run and still loads the good ones', () => {
    const postFiles = cases
      .filter((c) => c.config === undefined && c.files[0]?.path === postPath)
      .map((c, i) => ({ ...c.files[0]!, path: `content/posts/2026/12/bad-${i}.mdx` }));
    const good = file('content/posts/2026/12/good.mdx', post(goodFrontmatter));
    const project = load([...postFiles, good]);
    const filesWithErrors = new Set(project.problems.filter((p) => p.severity === 'error').map((p) => p.file));
    expect(filesWithErrors.size).toBe(postFiles.length);
    expect(project.posts.map((p) => p.id)).toEqual(['good']);
  });

  it('reports every wrong setting of one file, not only the first', () => {
    const project = load([file(postPath, post(`title: T\npublishAt: 2026-03-29 02:30\ntimezone: Europe/Warsaw\nchannels: [mastodn]\nkind: repost\nlink: not a url`))]);
    expect(project.problems.map((p) => [p.rule, p.line])).toEqual([
      ['time/nonexistent', 3],
      ['post/unknown-channel', 5],
      ['schema/value', 6],
      ['schema/value', 7],
    ]);
  });

  it('reports a duplicate id on both files and publishes neither', () => {
    const project = load([
      file('content/posts/2026/12/first.mdx', post(`${goodFrontmatter}\nid: agm-live`)),
      file('content/posts/2026/12/second.mdx', post(`title: Other\npublishAt: 2026-12-04 10:00\nchannels: [x]\nid: agm-live`)),
    ]);
    const duplicates = project.problems.filter((p) => p.rule === 'post/duplicate-id');
    expect(duplicates.map((p) => [p.file, p.line])).toEqual([
      ['content/posts/2026/12/first.mdx', 5],
      ['content/posts/2026/12/second.mdx', 5],
    ]);
    expect(duplicates[0]!.message).toContain('content/posts/2026/12/second.mdx');
    expect(project.posts).toHaveLength(0);
  });

  it('warns, without refusing the post, when it sits in another month\'s folder', () => {
    const project = load([file('content/posts/2026/11/early.mdx', post(goodFrontmatter))]);
    expect(project.problems).toEqual([expect.objectContaining({ rule: 'post/folder', severity: 'warning', line: 3 })]);
    expect(project.problems[0]!.message).toContain('content/posts/2026/12/');
    expect(project.posts).toHaveLength(1);
  });

  it('keeps hashtags in quotes and blocks, and comments written on purpose', () => {
    const project = load([file(postPath, post(`${goodFrontmatter}\nkind: original # the usual kind\nvariants:\n  x: "Join us #RiversideAGM"\n  mastodon: |\n    Join us #RiversideAGM`))]);
    expect(project.problems).toEqual([]);
    expect(project.posts[0]!.variantParts).toEqual({ x: ['Join us #RiversideAGM'], mastodon: ['Join us #RiversideAGM'] });
  });
});
