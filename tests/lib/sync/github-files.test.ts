import { matchFile, parse as parseCodeowners } from 'codeowners-utils';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { codeowners, issueChooser, postIdeaForm, pullRequestTemplate } from '../../../src/lib/sync/github-files.ts';
import { file, load, testConfig } from '../../helpers/project.ts';

const page = (slug: string, owner: string, extra = '') =>
  file(
    `content/handbook/${slug}.mdx`,
    `---\ntitle: ${slug}\ndescription: A page.\nowner: "${owner}"\nlastReviewed: 2026-10-01\nreviewEvery: P1Y\n${extra}---\nText.\n`,
  );

describe('codeowners', () => {
  const withApprovals = (approvals: string) =>
    `${testConfig}approvals:\n${approvals
      .trim()
      .split('\n')
      .map((l) => `  ${l}`)
      .join('\n')}\n`;
  /** Who GitHub asks to review a change to each path: the owners of the last line that matches it. */
  const reviewersOf = (text: string, paths: string[]) => {
    const entries = parseCodeowners(text);
    return Object.fromEntries(paths.map((path) => [path, matchFile(path, entries)?.owners ?? []]));
  };
  const code = [
    'src/lib/project/load.ts',
    'scripts/herald.ts',
    '.github/workflows/pages.yml',
    '.github/CODEOWNERS',
    'package.json',
    'package-lock.json',
    'astro.config.ts',
    '.npmrc',
    '.remarkrc.json',
    'tests/lib/project/load.test.ts',
  ];

  it('sends code, workflows, package files and herald.yaml to the maintainers, posts to the reviewers', () => {
    const text = codeowners(
      load(
        [],
        withApprovals('required: 1\nreviewers: [ada, riverside/social-team]\nmaintainers: [riverside/maintainers]'),
      ),
    );
    const owners = reviewersOf(text, [
      ...code,
      'content/herald.yaml',
      'content/posts/2026/12/agm.mdx',
      'content/posts/2026/12/hall.jpg',
    ]);
    for (const path of [...code, 'content/herald.yaml']) expect(owners[path], path).toEqual(['@riverside/maintainers']);
    expect(owners['content/posts/2026/12/agm.mdx']).toEqual(['@ada', '@riverside/social-team']);
    expect(owners['content/posts/2026/12/hall.jpg']).toEqual(['@ada', '@riverside/social-team']);
  });

  it('takes the reviewers as maintainers when herald.yaml names none', () => {
    const owners = reviewersOf(codeowners(load([], withApprovals('reviewers: [ada, grace]'))), [
      'src/lib/project/load.ts',
      'content/herald.yaml',
      'content/posts/2026/12/agm.mdx',
    ]);
    expect(owners).toEqual({
      'src/lib/project/load.ts': ['@ada', '@grace'],
      'content/herald.yaml': ['@ada', '@grace'],
      'content/posts/2026/12/agm.mdx': ['@ada', '@grace'],
    });
  });

  it('adds a handbook page owner who is a GitHub account, and leaves roles to the reviewers', () => {
    const project = load(
      [page('policy', '@lin'), page('style', 'ada'), page('crisis', 'Chair'), page('events', '@riverside/events')],
      withApprovals('reviewers: [ada, grace]\nmaintainers: [mo]'),
    );
    const owners = reviewersOf(codeowners(project), [
      'content/handbook/policy.mdx',
      'content/handbook/style.mdx',
      'content/handbook/events.mdx',
      'content/handbook/crisis.mdx',
    ]);
    expect(owners).toEqual({
      'content/handbook/policy.mdx': ['@lin', '@ada', '@grace'],
      'content/handbook/style.mdx': ['@ada', '@grace'],
      'content/handbook/events.mdx': ['@riverside/events', '@ada', '@grace'],
      'content/handbook/crisis.mdx': ['@ada', '@grace'],
    });
  });

  it('leaves posts to anyone with write access when only maintainers are named', () => {
    const owners = reviewersOf(codeowners(load([], withApprovals('maintainers: [mo]'))), [
      'src/lib/project/load.ts',
      'content/herald.yaml',
      'content/posts/2026/12/agm.mdx',
    ]);
    expect(owners).toEqual({
      'src/lib/project/load.ts': ['@mo'],
      'content/herald.yaml': ['@mo'],
      'content/posts/2026/12/agm.mdx': [],
    });
  });

  it('sets no owners when anyone with write access may approve', () => {
    const text = codeowners(load([page('policy', '@lin')]));
    expect(text).toContain('approvals.reviewers and approvals.maintainers are empty');
    expect(text.split('\n').filter((l) => l && !l.startsWith('#'))).toEqual([]);
  });
});

describe('pullRequestTemplate', () => {
  it('turns each house rule into a checklist item', () => {
    const rules = `houseRules:\n  bannedPhrases:\n    - { phrase: utilise, use: use }\n  firstPerson: { en: [I, me] }\n  maxHashtags: 1\n  ownDomains: [riverside.example]\n  trackingParameters: [utm_source]\n  linkShorteners: [bit.ly]\n  altText: { minLength: 30 }\n`;
    const text = pullRequestTemplate(load([page('style-guide', 'Communications lead', rules)]));
    expect(text).toContain('- [ ] None of the phrases we avoid: "utilise" (write: use).');
    expect(text).toContain('- [ ] We speak as "we": no first person singular (en: I, me).');
    expect(text).toContain('- [ ] At most 1 hashtag per post.');
    expect(text).toContain('- [ ] Links to riverside.example carry utm_source.');
    expect(text).toContain('- [ ] No link shorteners (bit.ly)');
    expect(text).toContain('- [ ] Every image has alt text of at least 30 characters');
    expect(text).toContain('## House rules (style-guide, `content/handbook/style-guide.mdx`;');
  });

  it('says so when the style guide has no house rules', () => {
    expect(pullRequestTemplate(load([]))).toContain('The style guide has no machine-checked house rules yet');
  });
});

describe('the issue forms', () => {
  it('offer the channels herald.yaml defines', () => {
    const form = parse(postIdeaForm(load([])));
    const channels = form.body.find((b: { id?: string }) => b.id === 'channels');
    expect(channels.attributes.options).toEqual(['mastodon (mastodon)', 'bluesky (bluesky)', 'x (x)']);
  });

  it('link the crisis playbook in the repository herald.yaml names', () => {
    const chooser = parse(issueChooser(load([page('crisis-playbook', 'Chair')])));
    expect(chooser.contact_links[0].url).toBe(
      'https://github.com/example/test/blob/main/content/handbook/crisis-playbook.mdx',
    );
  });
});
