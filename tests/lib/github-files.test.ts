import { readFile } from 'node:fs/promises';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { codeowners, generatedFiles, issueChooser, postIdeaForm, pullRequestTemplate } from '../../src/lib/github-files.ts';
import { parseProject } from '../../src/lib/load.ts';
import { readContent } from '../../src/lib/read-content.ts';
import { file, load, testConfig } from '../helpers/project.ts';

const page = (slug: string, owner: string, extra = '') =>
  file(`content/handbook/${slug}.mdx`, `---\ntitle: ${slug}\ndescription: A page.\nowner: "${owner}"\nlastReviewed: 2026-10-01\nreviewEvery: P1Y\n${extra}---\nText.\n`);
const withReviewers = (reviewers: string) => `${testConfig}approvals:\n  required: 1\n  reviewers: ${reviewers}\n`;

describe('the committed .github files', () => {
  it('are what npm run github-files makes from the example content', async () => {
    const project = parseProject(await readContent(process.cwd()), { now: Date.now() });
    const expected = {
      [generatedFiles.codeowners]: codeowners(project),
      [generatedFiles.pullRequestTemplate]: pullRequestTemplate(project),
      [generatedFiles.postIdeaForm]: postIdeaForm(project),
      [generatedFiles.issueChooser]: issueChooser(project),
    };
    for (const [path, text] of Object.entries(expected)) {
      expect(await readFile(path, 'utf8'), `${path} is out of date: run npm run github-files`).toBe(text);
    }
  });
});

describe('codeowners', () => {
  it('sends posts, herald.yaml and the workflows to the allowed reviewers', () => {
    const text = codeowners(load([], withReviewers('[ada, riverside/social-team]')));
    expect(text).toContain('\n/content/posts/       @ada @riverside/social-team\n');
    expect(text).toContain('\n/content/herald.yaml  @ada @riverside/social-team\n');
    expect(text).toContain('\n/.github/             @ada @riverside/social-team\n');
  });

  it('adds a handbook page owner who is a GitHub account, and leaves roles to the reviewers', () => {
    const project = load([page('policy', '@lin'), page('style', 'ada'), page('crisis', 'Chair'), page('events', '@riverside/events')], withReviewers('[ada, grace]'));
    const lines = codeowners(project).split('\n');
    expect(lines).toContain('/content/handbook/policy.mdx  @lin @ada @grace');
    expect(lines).toContain('/content/handbook/style.mdx   @ada @grace');
    expect(lines).toContain('/content/handbook/events.mdx  @riverside/events @ada @grace');
    expect(lines.some((l) => l.includes('crisis'))).toBe(false);
  });

  it('sets no owners when anyone with write access may approve', () => {
    const text = codeowners(load([page('policy', '@lin')]));
    expect(text).toContain('approvals.reviewers is empty');
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
    expect(chooser.contact_links[0].url).toBe('https://github.com/example/test/blob/main/content/handbook/crisis-playbook.mdx');
  });
});
