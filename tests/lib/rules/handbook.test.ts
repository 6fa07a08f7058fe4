import { describe, expect, it } from 'vitest';
import type { SourceFile } from '../../../src/lib/project/source.ts';
import { file, post, testConfig } from '../../helpers/project.ts';
import { configWith, findings, image, ofRule, photo } from './helpers.ts';

const pagePath = 'content/handbook/responding.mdx';

/** A handbook page with `body` after its front matter (which ends on line 7). */
function page(path: string, body: string): SourceFile {
  return file(
    path,
    `---\ntitle: ${path.split('/').at(-1)!.replace('.mdx', '')}\ndescription: A page.\nowner: Communications lead\nlastReviewed: 2026-11-01\nreviewEvery: P1Y\n---\n${body}\n`,
  );
}

const crisis = page(
  'content/handbook/crisis-playbook.mdx',
  '## Pause everything\n\nStop the queue.\n\n## Who answers complaints\n\nThe chair.\n\n## Pause everything\n\nAgain.',
);
const postFile = file(
  'content/posts/2026/12/agm-reminder.mdx',
  post('title: AGM\npublishAt: 2026-12-03 18:30\nchannels: [mastodon]'),
);

/** The broken-link findings on the page with `body`, beside the crisis playbook, a post and an image. */
function broken(body: string, config = testConfig) {
  const files = [
    page(pagePath, body),
    crisis,
    postFile,
    image('content/handbook/responding/inbox.png', { ...photo, format: 'png' }),
  ];
  return ofRule(findings(files, { config }), 'handbook/broken-link');
}

describe('handbook/broken-link', () => {
  it('passes links that lead to pages, headings, posts, images and other sites', () => {
    const body = [
      'See [the playbook](../crisis-playbook/) and [its first step](../crisis-playbook/#pause-everything).',
      'The second [pause heading](/handbook/crisis-playbook/#pause-everything-1), [complaints](/handbook/crisis-playbook#who-answers-complaints).',
      'The [handbook](../), [the calendar](/calendar/2026/12/), [the CMS](../../admin/), [the feed](/calendar.ics).',
      'The [AGM post](/posts/agm-reminder/), [Mastodon](https://mastodon.social/@riverside), [mail](mailto:chair@example.org), [top](#replies).',
      '',
      '## Replies',
      '',
      '![The shared inbox](./responding/inbox.png)',
    ].join('\n');
    expect(broken(body)).toEqual([]);
  });

  it('flags a renamed page, at the link, with the near name', () => {
    const body = 'First read the [crisis playbook](../crisis-playbok/).';
    const found = broken(body);
    expect(found).toEqual([expect.objectContaining({ file: pagePath, line: 8, column: 16, severity: 'error' })]);
    expect(found[0]!.message).toContain(
      'There is no handbook page handbook/crisis-playbok/. Did you mean ../crisis-playbook/?',
    );
  });

  it('flags a heading that was reworded, on another page and on the same one', () => {
    const body =
      'See [who replies](/handbook/crisis-playbook/#who-answers-complaint) and [below](#next-steps).\n\n## Next step';
    const found = broken(body);
    expect(found.map((f) => [f.line, f.column])).toEqual([
      [8, 5],
      [8, body.indexOf('[below]') + 1],
    ]);
    expect(found[0]!.message).toContain(
      'There is no heading #who-answers-complaint on crisis-playbook. Did you mean #who-answers-complaints?',
    );
    expect(found[1]!.message).toContain('There is no heading #next-steps on this page. Did you mean #next-step?');
  });

  it('flags a link to the .mdx source, which works on GitHub but not on the site', () => {
    const found = broken('See [the playbook](./crisis-playbook.mdx).');
    expect(found).toHaveLength(1);
    expect(found[0]!.message).toContain('Link to the page instead: ../crisis-playbook/');
  });

  it('flags a relative link written as if from the handbook folder', () => {
    // From /handbook/responding/, "crisis-playbook/" is /handbook/responding/crisis-playbook/.
    const found = broken('See [the playbook](crisis-playbook/).');
    expect(found).toHaveLength(1);
    expect(found[0]!.message).toBe(
      'There is no page handbook/responding/crisis-playbook/: a handbook page has no pages under it. Did you mean ../crisis-playbook/? Link to a page in content/handbook/ by its file name.',
    );
  });

  it('flags a post that does not exist and a page the site does not have', () => {
    const body = 'The [AGM](/posts/agm-remider/) and [the rota](/rota/).';
    const found = broken(body);
    expect(found.map((f) => f.message)).toEqual([
      expect.stringContaining('There is no post agm-remider.'),
      expect.stringContaining('The site has no page rota/.'),
    ]);
  });

  it('finds an image whose name is written percent-encoded, as the site does', () => {
    const files = [
      page(pagePath, '![The inbox](./responding/shared%20inbox.png)'),
      image('content/handbook/responding/shared inbox.png', { ...photo, format: 'png' }),
    ];
    expect(ofRule(findings(files), 'handbook/broken-link')).toEqual([]);
  });

  it("takes an image's alt text out of a heading's id, as the site does", () => {
    expect(broken('## Our ![logo](./responding/inbox.png) inbox\n\n[Up](#our--inbox)')).toEqual([]);
  });

  it('flags a missing image, and link definitions too', () => {
    const body = '![The inbox](./responding/Inbox.png)\n\nSee [the playbook][crisis].\n\n[crisis]: ../crisis/';
    const found = broken(body);
    expect(found.map((f) => f.line)).toEqual([8, 12]);
    expect(found[0]!.message).toContain('There is no image content/handbook/responding/Inbox.png.');
  });

  it("understands links that already carry the site's base path", () => {
    const config = `${testConfig}site: https://example.github.io/riverside-social/\n`;
    expect(broken('[Playbook](/riverside-social/handbook/crisis-playbook/)', config)).toEqual([]);
    expect(broken('[Home](/riverside-social)', config)).toEqual([]);
    expect(broken('[Playbook](/riverside-social/handbook/crisis/)', config)).toHaveLength(1);
  });

  it('can be turned off in herald.yaml', () => {
    expect(broken('[Playbook](../crisis/)', configWith('rules:\n  handbook/broken-link: off'))).toEqual([]);
  });

  it("checks every page's links when one page changed, so a rename is caught in its pull request", () => {
    const linking = page(pagePath, 'See [the playbook](../crisis-playbook/).');
    const renamed = page('content/handbook/crisis.mdx', '## Pause everything');
    const found = ofRule(
      findings([linking, renamed], {
        files: new Set(['content/handbook/crisis-playbook.mdx', 'content/handbook/crisis.mdx']),
      }),
      'handbook/broken-link',
    );
    expect(found).toEqual([expect.objectContaining({ file: pagePath, line: 8 })]);
  });

  it('checks the pages linking to a post when the post changed, and only those', () => {
    const linking = page(pagePath, 'See [the AGM post](/posts/agm-reminder/).');
    const other = page('content/handbook/training.mdx', '[Broken](../nowhere/)');
    const deleted = new Set(['content/posts/2026/12/agm-reminder.mdx']);
    const found = ofRule(findings([linking, other], { files: deleted }), 'handbook/broken-link');
    expect(found).toEqual([
      expect.objectContaining({ file: pagePath, message: expect.stringContaining('There is no post agm-reminder.') }),
    ]);
  });
});
