import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { contentHash, payloadFor } from '../../../src/lib/text/payload.ts';
import { file, load, post } from '../../helpers/project.ts';
import { findings, image, lineOf, ofRule, photo, postPath } from './helpers.ts';

/** A post on `channels` with `poll` (YAML lines under poll:, indented by two). */
function withPoll(channels: string, poll: string, extra = '') {
  const text = post(
    `title: T\npublishAt: 2026-12-03 18:30\nchannels: [${channels}]\npoll:\n${poll
      .trim()
      .split('\n')
      .map((line) => `  ${line}`)
      .join('\n')}${extra}`,
    'Which day suits you for the clean-up?',
  );
  return { text, files: [file(postPath, text)] };
}

const good = 'options: [Saturday, Sunday]\nduration: P1D';

describe('polls', () => {
  it('passes a poll of two options open a day on Mastodon and X', () => {
    const found = findings(withPoll('mastodon, x', good).files).filter((p) => p.rule.startsWith('poll/'));
    expect(found).toEqual([]);
  });

  it('flags a poll with one option once, naming the file, the line and both networks', () => {
    const { text, files } = withPoll('mastodon, x', 'options: [Saturday]\nduration: P1D');
    const found = ofRule(findings(files), 'poll/options');
    expect(found).toEqual([
      expect.objectContaining({ file: postPath, line: lineOf(text, 'options:'), severity: 'error' }),
    ]);
    expect(found[0]!.message).toContain('This poll has 1 option; Mastodon and X need at least 2');
  });

  it('flags a fifth option at the fifth option', () => {
    const { text, files } = withPoll('x', 'options:\n  - A\n  - B\n  - C\n  - D\n  - E\nduration: P1D');
    const found = ofRule(findings(files), 'poll/options');
    expect(found).toEqual([expect.objectContaining({ line: lineOf(text, '- E') })]);
    expect(found[0]!.message).toContain('X accepts at most 4. Remove 1.');
  });

  it("flags an option over X's 25 characters but within Mastodon's 50", () => {
    const long = 'Saturday morning, after ten';
    const { text, files } = withPoll('mastodon, x', `options:\n  - ${long}\n  - Sunday\nduration: P1D`);
    const found = ofRule(findings(files), 'poll/option-too-long');
    expect(found).toEqual([expect.objectContaining({ line: lineOf(text, long) })]);
    expect(found[0]!.message).toBe('This option is 27 characters; X accepts at most 25. Shorten it by 2.');
  });

  it('flags ten days for X (7 days at most) but not for Mastodon (a month)', () => {
    const { text, files } = withPoll('mastodon, x', 'options: [Saturday, Sunday]\nduration: P10D');
    const found = ofRule(findings(files), 'poll/duration');
    expect(found).toEqual([expect.objectContaining({ line: lineOf(text, 'P10D') })]);
    expect(found[0]!.message).toMatch(
      /^A poll open 10 days is too long for X, which keeps a poll open from 5 minutes to 7 days/,
    );
  });

  it('flags a poll open two minutes on both networks', () => {
    const found = ofRule(findings(withPoll('mastodon, x', 'options: [A, B]\nduration: PT2M').files), 'poll/duration');
    expect(found.map((p) => p.message.slice(0, 40))).toEqual([
      'A poll open 2 minutes is too short for M',
      'A poll open 2 minutes is too short for X',
    ]);
  });

  it('refuses a poll beside images on Mastodon and X', () => {
    const media = '\nmedia:\n  - { src: ./hall.jpg, alt: The community hall, rights: owned }';
    const { text, files } = withPoll('mastodon, x', good, media);
    const found = ofRule(findings([...files, image('content/posts/2026/12/hall.jpg', photo)]), 'poll/with-media');
    expect(found).toEqual([expect.objectContaining({ line: lineOf(text, 'poll:') })]);
    expect(found[0]!.message).toContain('Mastodon and X take a poll or images, not both');
  });

  it('refuses a poll on Bluesky and LinkedIn, which have no polls, and says where it can go', () => {
    const config = `${'organization: T\ntimezone: Europe/Warsaw\nrepository: example/test\nchannels:\n'}  - { id: mastodon, network: mastodon, instance: "https://mastodon.social" }\n  - { id: bluesky, network: bluesky, handle: test.bsky.social }\n  - { id: linkedin, network: linkedin, organization: "123" }\n`;
    const { text, files } = withPoll('mastodon, bluesky, linkedin', good);
    const found = ofRule(findings(files, { config }), 'poll/unsupported');
    expect(found).toEqual([
      expect.objectContaining({ file: postPath, line: lineOf(text, 'poll:'), severity: 'error' }),
    ]);
    expect(found[0]!.message).toBe(
      'Bluesky and LinkedIn take no polls: the post would go out there without its options. Send the poll only to Mastodon (a post of its own for the other channels), or remove the poll.',
    );
  });

  it('warns that X polls take one choice', () => {
    const found = ofRule(findings(withPoll('mastodon, x', `${good}\nmultiple: true`).files), 'poll/multiple');
    expect(found).toEqual([expect.objectContaining({ severity: 'warning' })]);
    expect(found[0]!.message).toContain('X has no multiple-choice polls');
  });

  it.each([
    ['no options', 'options: []\nduration: P1D', 'give the options to vote on'],
    ['an empty option', 'options: [Saturday, ""]\nduration: P1D', 'an option needs some text'],
    ['a duration in words', 'options: [A, B]\nduration: one day', 'ISO 8601 duration'],
    ['no duration', 'options: [A, B]', ''],
    ['an unknown setting', `${good}\nclosesAt: 2026-12-04`, ''],
  ])('refuses %s as the post format does, on its line', (_name, poll, words) => {
    const { files } = withPoll('mastodon', poll);
    const found = load(files).problems.filter((p) => p.severity === 'error');
    expect(found.length).toBeGreaterThan(0);
    expect(found[0]!.file).toBe(postPath);
    expect(found[0]!.line).toBeGreaterThan(4);
    expect(found[0]!.message).toContain(words);
  });
});

describe('a poll in the payload', () => {
  const project = (poll: string) => load(withPoll('mastodon, x, bluesky', poll).files);

  it('goes to Mastodon and X with its seconds, never to Bluesky', () => {
    const loaded = project(`${good}\nmultiple: true`);
    const [p, { mastodon, x, bluesky }] = [loaded.posts[0]!, loaded.channels];
    expect(payloadFor(p, mastodon!).poll).toEqual({ options: ['Saturday', 'Sunday'], seconds: 86_400, multiple: true });
    expect(payloadFor(p, x!).poll).toEqual({ options: ['Saturday', 'Sunday'], seconds: 86_400, multiple: true });
    expect(payloadFor(p, bluesky!).poll).toBeUndefined();
  });

  it('binds the approval and the ledger to the options and the duration', () => {
    const hash = (poll: string) => contentHash(payloadFor(project(poll).posts[0]!, project(poll).channels['x']!));
    expect(hash('options: [Saturday, Sunday]\nduration: P1D')).not.toBe(
      hash('options: [Saturday, Monday]\nduration: P1D'),
    );
    expect(hash('options: [Saturday, Sunday]\nduration: P1D')).not.toBe(
      hash('options: [Saturday, Sunday]\nduration: P2D'),
    );
  });

  it('leaves the hash of a post without a poll as it was before polls existed', () => {
    const loaded = load([file(postPath, post('title: T\npublishAt: 2026-12-03 18:30\nchannels: [x]', 'Hello.'))]);
    const payload = payloadFor(loaded.posts[0]!, loaded.channels['x']!);
    const before = JSON.stringify([['Hello.'], [], null, null]);
    expect(contentHash(payload)).toBe(`sha256:${createHash('sha256').update(before).digest('hex')}`);
  });
});
