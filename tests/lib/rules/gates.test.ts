import { describe, expect, it } from 'vitest';
import { contentHash, payloadFor } from '../../../src/lib/text/payload.ts';
import { file, load, post } from '../../helpers/project.ts';
import { findings, lineOf, ofRule, postPath } from './helpers.ts';

const config = `organization: T
timezone: Europe/Warsaw
repository: example/test
channels:
  - { id: mastodon, network: mastodon, instance: "https://mastodon.social" }
  - { id: bluesky, network: bluesky, handle: test.bsky.social }
  - { id: x, network: x }
  - { id: linkedin, network: linkedin, organization: "123" }
  - { id: threads, network: threads, handle: riverside.assoc }
  - { id: team-chat, network: webhook }
`;

function gated(channels: string, extra: string, body = 'Statement from the board.') {
  const text = post(`title: T\npublishAt: 2026-12-03 18:30\nchannels: [${channels}]\n${extra}`, body);
  return { text, files: [file(postPath, text)] };
}

describe('who may reply and quote', () => {
  it('passes replies and quotes each network can be told', () => {
    const { files } = gated('bluesky, x', 'replies: following');
    expect(ofRule(findings(files, { config }), 'gates/unsupported')).toEqual([]);
    expect(
      ofRule(findings(gated('mastodon, bluesky', 'quotes: nobody').files, { config }), 'gates/unsupported'),
    ).toEqual([]);
  });

  it("passes any rule on a webhook: the team chat's message has no public replies or quotes", () => {
    const { files } = gated('bluesky, x, team-chat', 'replies: following\nquotes: nobody');
    const found = ofRule(findings(files, { config }), 'gates/unsupported');
    expect(found.map((p) => p.message.split(' cannot')[0])).toEqual(['X']);
    const project = load(files, config);
    expect(payloadFor(project.posts[0]!, project.channels['team-chat']!)).not.toHaveProperty('replies');
  });

  it('refuses limited replies on Mastodon and LinkedIn, which cannot be told, naming both on the line', () => {
    const { text, files } = gated('mastodon, bluesky, linkedin', 'replies: following');
    const found = ofRule(findings(files, { config }), 'gates/unsupported');
    expect(found).toEqual([
      expect.objectContaining({ file: postPath, line: lineOf(text, 'replies:'), severity: 'error' }),
    ]);
    expect(found[0]!.message).toBe(
      'Mastodon and LinkedIn cannot be told to let only the accounts it follows reply: there, everyone could. Leave Mastodon and LinkedIn out of this post, or allow replies there by setting replies: everyone.',
    );
  });

  it('refuses quotes for followers only on Bluesky and X, and no quotes on X', () => {
    const followers = ofRule(
      findings(gated('mastodon, bluesky, x', 'quotes: followers').files, { config }),
      'gates/unsupported',
    );
    expect(followers.map((p) => p.message.split(' cannot')[0])).toEqual(['Bluesky and X']);
    const nobody = ofRule(findings(gated('bluesky, x', 'quotes: nobody').files, { config }), 'gates/unsupported');
    expect(nobody.map((p) => p.message.split(' cannot')[0])).toEqual(['X']);
  });

  it('refuses "nobody" on X for a post that mentions someone, who could then reply', () => {
    const { text, files } = gated('x', 'replies: nobody', 'Thanks to @ada_lovelace for the hall.');
    const found = ofRule(findings(files, { config }), 'gates/unsupported');
    expect(found).toEqual([expect.objectContaining({ line: lineOf(text, 'replies:') })]);
    expect(found[0]!.message).toContain('which here lets @ada_lovelace reply');
    expect(ofRule(findings(gated('x', 'replies: nobody').files, { config }), 'gates/unsupported')).toEqual([]);
  });

  it('passes replies Threads can be told, and refuses quote rules there, which it cannot', () => {
    for (const rule of ['following', 'followers', 'mentioned', 'nobody'])
      expect(ofRule(findings(gated('threads', `replies: ${rule}`).files, { config }), 'gates/unsupported')).toEqual([]);
    const { text, files } = gated('threads', 'quotes: nobody');
    const found = ofRule(findings(files, { config }), 'gates/unsupported');
    expect(found).toEqual([expect.objectContaining({ line: lineOf(text, 'quotes:'), severity: 'error' })]);
    expect(found[0]!.message).toBe(
      'Threads cannot be told to let no one quote: there, everyone could. Leave Threads out of this post, or allow quotes there by setting quotes: everyone.',
    );
  });

  it('passes replies by followers only on Bluesky and Threads, and refuses it on X and Mastodon', () => {
    const { text, files } = gated('bluesky, threads, x, mastodon', 'replies: followers');
    const found = ofRule(findings(files, { config }), 'gates/unsupported');
    expect(found).toEqual([expect.objectContaining({ line: lineOf(text, 'replies:') })]);
    expect(found[0]!.message).toBe(
      'X and Mastodon cannot be told to let only its followers reply: there, everyone could. Leave X and Mastodon out of this post, or allow replies there by setting replies: everyone.',
    );
  });

  it('refuses "nobody" on Threads for a post that mentions someone, who could then reply', () => {
    const { text, files } = gated('threads', 'replies: nobody', 'Thanks to @ada.lovelace for the hall.');
    const found = ofRule(findings(files, { config }), 'gates/unsupported');
    expect(found).toEqual([expect.objectContaining({ line: lineOf(text, 'replies:'), severity: 'error' })]);
    expect(found[0]!.message).toBe(
      'Threads has no setting for "no one may reply": Herald sends "only the accounts mentioned", which here lets @ada.lovelace reply. Remove the mention from the Threads text (a variant for threads), or set replies: mentioned.',
    );
  });

  it('refuses a reply rule a Threads channel cannot carry in herald.yaml', () => {
    const bad = config.replace('handle: riverside.assoc }', 'handle: riverside.assoc, replies: friends }');
    const problems = load([], bad).problems;
    expect(problems).toEqual([expect.objectContaining({ file: 'content/herald.yaml', line: 9, severity: 'error' })]);
  });

  it("points at the channels when the rule comes from the channel's default", () => {
    const withDefault = config.replace('{ id: x, network: x }', '{ id: x, network: x, replies: nobody }');
    const { text, files } = gated('x', '', 'Thanks @ada_lovelace.');
    const found = ofRule(findings(files, { config: withDefault }), 'gates/unsupported');
    expect(found).toEqual([expect.objectContaining({ line: lineOf(text, 'channels:') })]);
  });

  it.each([
    ['replies: some', 'replies'],
    ['quotes: friends', 'quotes'],
    ['replies: [following]', 'replies'],
  ])('refuses %s as the post format does', (line, key) => {
    const { text, files } = gated('bluesky', line);
    const [problem] = load(files, config).problems;
    expect(problem).toMatchObject({ file: postPath, line: lineOf(text, `${key}:`), severity: 'error' });
  });

  it('refuses a quote rule a Bluesky channel cannot carry in herald.yaml', () => {
    const bad = config.replace('handle: test.bsky.social }', 'handle: test.bsky.social, quotes: followers }');
    const problems = load([], bad).problems;
    expect(problems).toEqual([expect.objectContaining({ file: 'content/herald.yaml', line: 6, severity: 'error' })]);
  });
});

describe('replies and quotes in the payload', () => {
  const loaded = (extra: string) => load(gated('mastodon, bluesky, x, linkedin, threads', extra).files, config);

  it('goes where the network can be told, and is bound to the approval', () => {
    const project = loaded('replies: following\nquotes: nobody');
    const p = project.posts[0]!;
    const payload = (id: string) => payloadFor(p, project.channels[id]!);
    expect(payload('bluesky')).toMatchObject({ replies: 'following', quotes: 'nobody' });
    expect(payload('x')).toMatchObject({ replies: 'following' });
    expect(payload('x').quotes).toBeUndefined();
    expect(payload('mastodon')).toMatchObject({ quotes: 'nobody' });
    expect(payload('mastodon').replies).toBeUndefined();
    expect(payload('linkedin').replies).toBeUndefined();
    expect(payload('threads')).toMatchObject({ replies: 'following' });
    expect(payload('threads').quotes).toBeUndefined();
    const other = loaded('replies: mentioned\nquotes: nobody');
    expect(contentHash(payloadFor(other.posts[0]!, other.channels['bluesky']!))).not.toBe(
      contentHash(payload('bluesky')),
    );
  });

  it("binds Threads' reply rule to the approval, and leaves a Threads post that says everyone as it hashed before", () => {
    const hash = (extra: string) => {
      const project = loaded(extra);
      return contentHash(payloadFor(project.posts[0]!, project.channels['threads']!));
    };
    expect(hash('replies: following')).not.toBe(hash('replies: mentioned'));
    expect(hash('replies: following')).not.toBe(hash(''));
    expect(hash('replies: everyone')).toBe(hash(''));
    const project = loaded('replies: everyone');
    expect(payloadFor(project.posts[0]!, project.channels['threads']!)).not.toHaveProperty('replies');
  });
});
