import { describe, expect, it } from 'vitest';
import { file, post } from '../../helpers/project.ts';
import { findings, image, lineOf, ofRule, photo, postPath } from './helpers.ts';

const config = `organization: T
timezone: Europe/Warsaw
repository: example/test
channels:
  - { id: mastodon, network: mastodon, instance: "https://mastodon.social" }
  - { id: bluesky, network: bluesky, handle: test.bsky.social }
  - { id: x, network: x }
  - { id: linkedin, network: linkedin, organization: "123" }
  - { id: threads, network: threads, handle: test.assoc }
  - { id: team, network: webhook }
`;

const media = 'media:\n  - { src: ./flood.jpg, alt: The flooded underpass, rights: owned }';

function withContent(channels: string, extra: string) {
  const text = post(`title: T\npublishAt: 2026-12-03 18:30\nchannels: [${channels}]\n${extra}`, 'Flood photos.');
  return { text, files: [file(postPath, text), image('content/posts/2026/12/flood.jpg', photo)] };
}

describe('content warnings and labels a network cannot carry', () => {
  it('warns that the text goes out without its content warning on X, LinkedIn and Threads', () => {
    const { text, files } = withContent('mastodon, x, linkedin, threads', 'contentWarning: Flooding');
    const found = ofRule(findings(files, { config }), 'content/warning-not-sent');
    expect(found).toEqual([
      expect.objectContaining({ file: postPath, line: lineOf(text, 'contentWarning:'), severity: 'warning' }),
    ]);
    expect(found[0]!.message).toBe(
      'X, LinkedIn and Threads have no content warning: there, the text goes out without "Flooding" folded over it. Leave X, LinkedIn and Threads out of this post, or write a variant for each that says the warning in its text.',
    );
  });

  it('says nothing for Mastodon, which shows the warning, nor for a private webhook', () => {
    const { files } = withContent('mastodon, team', 'contentWarning: Flooding');
    expect(ofRule(findings(files, { config }), 'content/warning-not-sent')).toEqual([]);
  });

  it('warns that the images show as they are where a network has no content labels', () => {
    const { text, files } = withContent('bluesky, mastodon, x, team', `contentLabels: [graphic-media]\n${media}`);
    const found = ofRule(findings(files, { config }), 'content/labels-not-sent');
    expect(found).toEqual([expect.objectContaining({ line: lineOf(text, 'contentLabels:'), severity: 'warning' })]);
    expect(found[0]!.message).toBe(
      'X has no content labels: there, the images show as they are, without graphic-media. Leave X out of this post if the images should not be seen unasked.',
    );
    const fine = withContent('bluesky, team', `contentLabels: [graphic-media]\n${media}`);
    expect(ofRule(findings(fine.files, { config }), 'content/labels-not-sent')).toEqual([]);
  });

  it('warns that labels on a post without images are not sent, as Bluesky would hide the whole post', () => {
    const { text, files } = withContent('bluesky', 'contentLabels: [graphic-media]');
    const found = ofRule(findings(files, { config }), 'content/labels-not-sent');
    expect(found).toEqual([expect.objectContaining({ line: lineOf(text, 'contentLabels:'), severity: 'warning' })]);
    expect(found[0]!.message).toContain('this post has none: the labels are not sent');
  });
});
