import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { measure } from '../../../src/lib/text/count.ts';
import { contentHash, payloadFor } from '../../../src/lib/text/payload.ts';
import { testConfig, file, load, post } from '../../helpers/project.ts';
import { findings, image, lineOf, ofRule, photo, postPath } from './helpers.ts';

const config = `${testConfig}  - id: threads\n    network: threads\n    handle: riverside.assoc\n`;
const on = (channels: string, extra = '', publishAt = '2026-12-03 18:30') =>
  `title: T\npublishAt: ${publishAt}\nchannels: [${channels}]${extra ? `\n${extra}` : ''}`;
const check = (body: string, channels = 'threads', extra = '') =>
  findings([file(postPath, post(on(channels, extra), body))], { config });

describe('counting on Threads', () => {
  it('counts characters as code points and an emoji as its UTF-8 bytes', () => {
    expect(measure('a'.repeat(500), 'threads')).toEqual({ length: 500, limit: 500 });
    expect(measure('café ✓', 'threads').length).toBe(6);
    expect(measure('Sunny ☀️', 'threads').length).toBe(6 + 6);
    expect(measure('👨‍👩‍👧‍👦', 'threads').length).toBe(25);
    expect(measure('Go 🇵🇱', 'threads').length).toBe(3 + 8);
  });

  it('passes 500 and points at 501 (an emoji making the difference)', () => {
    expect(ofRule(check(`${'a'.repeat(496)}😀`), 'text/length')).toEqual([]);
    const [found, ...rest] = ofRule(check(`${'a'.repeat(497)}😀`), 'text/length');
    expect(rest).toEqual([]);
    expect(found).toMatchObject({ file: postPath, line: 6, severity: 'error' });
    expect(found!.message).toContain('501 characters on Threads (threads), which allows 500: shorten it by 1');
  });
});

describe('text/links', () => {
  const links = (n: number) =>
    Array.from({ length: n }, (_, i) => `Item ${i + 1}: https://riverside.org/page-${i + 1}`).join('\n');

  it('passes five different addresses, and one written twice counts once', () => {
    expect(ofRule(check(links(5)), 'text/links')).toEqual([]);
    expect(ofRule(check(`${links(5)}\nAgain: https://riverside.org/page-1`), 'text/links')).toEqual([]);
  });

  it('refuses a sixth, naming the file and the line of the sixth address', () => {
    const body = links(6);
    const [found, ...rest] = ofRule(check(body), 'text/links');
    expect(rest).toEqual([]);
    const text = post(on('threads'), body);
    expect(found).toMatchObject({
      file: postPath,
      line: lineOf(text, 'https://riverside.org/page-6'),
      severity: 'error',
    });
    expect(found!.message).toBe(
      'This post has 6 different web addresses on Threads (threads), which refuses a post with more than 5: remove 1 (from https://riverside.org/page-6 on), move some to a second part of a thread (a line of ---), or write a variant for threads.',
    );
  });

  it('counts addresses written without https:// too', () => {
    const body = `${links(5)}\nAnd www.riverside.org/agm`;
    expect(ofRule(check(body), 'text/links')).toHaveLength(1);
  });

  it('counts each part of a thread on its own', () => {
    const found = ofRule(check(`${links(3)}\n\n---\n\n${links(6)}`), 'text/links');
    expect(found).toHaveLength(1);
    expect(found[0]!.message).toMatch(/^Part 2 of 2 has 6 different web addresses/);
  });

  it('holds only Threads to it', () => {
    expect(ofRule(check(links(6), 'mastodon, bluesky'), 'text/links')).toEqual([]);
  });

  it('checks a variant for threads instead of the body', () => {
    const variant = `variants:\n  threads: ${Array.from({ length: 6 }, (_, i) => `https://r.org/${i}`).join(' ')}`;
    const found = ofRule(check('Short.', 'threads, mastodon', variant), 'text/links');
    expect(found).toEqual([expect.objectContaining({ file: postPath, line: 6 })]);
  });
});

describe('calendar/api-quota', () => {
  const thread = (parts: number, word: string) =>
    Array.from({ length: parts }, (_, i) => `${word} part ${i + 1}.`).join('\n\n---\n\n');
  const two = (parts: [number, number], second: string) => [
    file('content/posts/2026/12/first.mdx', post(on('threads', '', '2026-12-03 09:00'), thread(parts[0], 'First'))),
    file('content/posts/2026/12/second.mdx', post(on('threads', '', second), thread(parts[1], 'Second'))),
  ];

  it('warns on the post that takes 24 hours over 250 posts, counting every part of a thread', () => {
    const found = ofRule(findings(two([150, 101], '2026-12-03 18:30'), { config }), 'calendar/api-quota');
    expect(found).toEqual([
      expect.objectContaining({ file: 'content/posts/2026/12/second.mdx', line: 3, severity: 'warning' }),
    ]);
    expect(found[0]!.message).toBe(
      'The 24 hours up to 2026-12-03 18:30 hold 251 posts on threads (each part of a thread counts); Threads lets an account publish 250 through its API in any 24 hours and refuses the rest. Move some of these posts later.',
    );
  });

  it('passes 250, and counts a moving 24 hours, not a calendar day', () => {
    expect(ofRule(findings(two([150, 100], '2026-12-03 18:30'), { config }), 'calendar/api-quota')).toEqual([]);
    expect(ofRule(findings(two([150, 101], '2026-12-04 09:00'), { config }), 'calendar/api-quota')).toEqual([]);
    expect(ofRule(findings(two([150, 101], '2026-12-04 08:59'), { config }), 'calendar/api-quota')).toHaveLength(1);
  });

  it('refuses a thread that alone has more parts than the quota, at the first part Threads would refuse', () => {
    const text = post(on('threads'), thread(251, 'Long'));
    const found = findings([file(postPath, text)], { config }).filter((p) => p.rule.startsWith('calendar/api-quota'));
    expect(found).toEqual([
      expect.objectContaining({
        rule: 'calendar/api-quota-thread',
        file: postPath,
        line: lineOf(text, 'Long part 251.'),
        severity: 'error',
      }),
    ]);
    expect(found[0]!.message).toBe(
      'This thread has 251 parts for threads; Threads lets an account publish 250 posts through its API in any 24 hours, each part one, so it would refuse part 251 on and leave the thread cut off. Make it 250 parts or fewer (split the rest into a post of its own on another day).',
    );
  });

  it('passes a thread of exactly 250 parts, and points into the variant for Threads when that is the long one', () => {
    expect(
      ofRule(
        findings([file(postPath, post(on('threads'), thread(250, 'Long')))], { config }),
        'calendar/api-quota-thread',
      ),
    ).toEqual([]);
    const variant = `variants:\n  threads: |\n${thread(251, 'V')
      .split('\n')
      .map((line) => (line ? `    ${line}` : ''))
      .join('\n')}`;
    const text = post(on('threads, mastodon', variant), 'Short for Mastodon.');
    const found = ofRule(
      findings([file(postPath, text)], {
        config: `${config}  - { id: mastodon, network: mastodon, instance: "https://m.example" }\n`,
      }),
      'calendar/api-quota-thread',
    );
    expect(found).toEqual([expect.objectContaining({ line: lineOf(text, 'V part 251.') })]);
    expect(found[0]!.message).toContain(
      '(split the rest into a post of its own on another day, in the variant for threads)',
    );
  });

  it('keeps the calendar-wide finding a warning, and does not repeat it for a thread over the quota by itself', () => {
    const calendar = ofRule(findings(two([150, 101], '2026-12-03 18:30'), { config }), 'calendar/api-quota');
    expect(calendar.map((p) => p.severity)).toEqual(['warning']);
    const found = findings(two([10, 260], '2026-12-03 18:30'), { config }).filter((p) =>
      p.rule.startsWith('calendar/api-quota'),
    );
    expect(found.map((p) => [p.rule, p.file])).toEqual([
      ['calendar/api-quota-thread', 'content/posts/2026/12/second.mdx'],
    ]);
  });

  it('can be set to warn in herald.yaml, as every adjustable rule', () => {
    const warned = findings([file(postPath, post(on('threads'), thread(251, 'Long')))], {
      config: config.replace('channels:', 'rules:\n  calendar/api-quota-thread: warn\nchannels:'),
    });
    expect(ofRule(warned, 'calendar/api-quota-thread').map((p) => p.severity)).toEqual(['warning']);
  });

  it('holds no other network to it', () => {
    expect(testConfig).not.toContain('threads');
    const mastodon = [
      file('content/posts/2026/12/first.mdx', post(on('mastodon', '', '2026-12-03 09:00'), thread(260, 'M'))),
    ];
    expect(ofRule(findings(mastodon), 'calendar/api-quota')).toEqual([]);
  });
});

describe('media/public-address', () => {
  const withImage = (channels: string, labels = '') => [
    file(
      postPath,
      post(on(channels, `${labels}media:\n  - { src: ./hall.jpg, alt: The hall, rights: owned }`), 'The hall.'),
    ),
    image('content/posts/2026/12/hall.jpg', photo),
  ];

  it('refuses images for Threads when herald.yaml has no site, pointing at them', () => {
    const found = ofRule(findings(withImage('threads, mastodon'), { config }), 'media/public-address');
    expect(found).toEqual([expect.objectContaining({ file: postPath, line: 6, severity: 'error' })]);
    expect(found[0]!.message).toBe(
      "Threads fetches each image and video from a public address, and Herald gives it the site's copy, but herald.yaml has no site: set site: to where the site is published (e.g. https://your-org.github.io/social/) (channel threads).",
    );
  });

  it('passes them once the site is set, and holds no other network to it', () => {
    const withSite = config.replace(
      'repository: example/test',
      'repository: example/test\nsite: https://example.github.io/test/',
    );
    expect(ofRule(findings(withImage('threads'), { config: withSite }), 'media/public-address')).toEqual([]);
    expect(ofRule(findings(withImage('mastodon'), { config }), 'media/public-address')).toEqual([]);
  });

  it('refuses images of an internal post for Threads: the site never publishes them', () => {
    const internal = config.replace(
      'repository: example/test',
      'repository: example/test\nsite: https://example.github.io/test/\nprivateLabels: [internal]',
    );
    const found = ofRule(
      findings(withImage('threads', 'labels: [internal]\n'), { config: internal }),
      'media/public-address',
    );
    expect(found).toHaveLength(1);
    expect(found[0]!.message).toContain('this post is internal');
  });
});

describe('polls on Threads', () => {
  const poll = (lines: string, extra = '') =>
    post(on('threads, mastodon', `poll:\n${lines.replace(/^/gm, '  ')}${extra}`), 'Which day suits you?');
  const pollFindings = (text: string, more: ReturnType<typeof file>[] = []) =>
    findings([file(postPath, text), ...more], {
      config: `${config}  - { id: mastodon, network: mastodon, instance: "https://m.example" }\n`,
    }).filter((p) => p.rule.startsWith('poll/'));

  it('passes two to four options of at most 25 characters, open a day', () => {
    expect(pollFindings(poll('options: [Saturday, Sunday, Monday, Either]\nduration: P1D'))).toEqual([]);
    expect(pollFindings(poll(`options: [${'a'.repeat(25)}, B]\nduration: PT24H`))).toEqual([]);
  });

  it('refuses one option, at the options', () => {
    const text = poll('options: [Saturday]\nduration: P1D');
    const found = pollFindings(text);
    expect(found).toEqual([
      expect.objectContaining({ rule: 'poll/options', line: lineOf(text, 'options:'), severity: 'error' }),
    ]);
    expect(found[0]!.message).toContain('This poll has 1 option; Threads and Mastodon need at least 2');
  });

  it('refuses a fifth option, at the fifth', () => {
    const text = poll('options: [A, B, C, D, E]\nduration: P1D');
    const found = pollFindings(text).filter((p) => p.rule === 'poll/options');
    expect(found).toHaveLength(1);
    expect(found[0]!.message).toContain('Threads and Mastodon accept at most 4. Remove 1.');
  });

  it('refuses an option over 25 characters, counting an emoji as its bytes as Threads does', () => {
    const text = poll(`options: ["${'a'.repeat(22)} 🙂", B]\nduration: P1D`);
    const found = pollFindings(text).filter((p) => p.rule === 'poll/option-too-long');
    expect(found).toEqual([expect.objectContaining({ line: lineOf(text, '🙂'), severity: 'error' })]);
    expect(found[0]!.message).toBe('This option is 27 characters; Threads accepts at most 25. Shorten it by 2.');
  });

  it('refuses any duration but a day: Threads keeps every poll open 24 hours', () => {
    const text = poll('options: [A, B]\nduration: P2D');
    const found = pollFindings(text);
    expect(found).toEqual([
      expect.objectContaining({ rule: 'poll/duration', line: lineOf(text, 'duration:'), severity: 'error' }),
    ]);
    expect(found[0]!.message).toBe(
      'A poll open 2 days cannot be had on Threads, where every poll stays open 1 day and the API takes no other duration. Write duration: PT24H, or leave Threads out of this post.',
    );
  });

  it('refuses a poll beside images, and warns that it takes one choice', () => {
    const media = '\nmedia:\n  - { src: ./hall.jpg, alt: The hall, rights: owned }';
    const withImages = pollFindings(poll('options: [A, B]\nduration: P1D', media), [
      image('content/posts/2026/12/hall.jpg', photo),
    ]);
    expect(withImages.find((p) => p.rule === 'poll/with-media')!.message).toContain(
      'Threads and Mastodon take a poll or images, not both',
    );
    const multiple = pollFindings(poll('options: [A, B]\nduration: P1D\nmultiple: true'));
    expect(multiple).toEqual([expect.objectContaining({ rule: 'poll/multiple', severity: 'warning' })]);
    expect(multiple[0]!.message).toContain('Threads has no multiple-choice polls');
  });

  it('puts the poll in the payload Threads receives, bound to the approval', () => {
    const hash = (options: string) => {
      const project = load([file(postPath, poll(`options: [${options}]\nduration: P1D`))], config);
      const payload = payloadFor(project.posts[0]!, project.channels['threads']!);
      expect(payload.poll).toMatchObject({ seconds: 86_400, multiple: false });
      return contentHash(payload);
    };
    expect(hash('Saturday, Sunday')).not.toBe(hash('Saturday, Monday'));
  });
});

describe('the payload hash of a Threads post', () => {
  it('is what it was before polls, reply rules and video came to Threads, for a post with none of them', () => {
    const project = load([file(postPath, post(on('threads'), 'Hello.'))], config);
    const payload = payloadFor(project.posts[0]!, project.channels['threads']!);
    const before = JSON.stringify([['Hello.'], [], null, null]);
    expect(contentHash(payload)).toBe(`sha256:${createHash('sha256').update(before).digest('hex')}`);
  });
});
