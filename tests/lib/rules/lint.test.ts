import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { rules } from '../../../src/lib/rules/index.ts';
import { file, goodFrontmatter, post } from '../../helpers/project.ts';
import { configWith, findings, image, lineOf, ofRule, photo, postPath, styleGuide } from './helpers.ts';

const guide = styleGuide('bannedPhrases:\n  - { phrase: utilise, use: use }');
const banned = file(postPath, post(goodFrontmatter, 'We utilise the hall.'));

describe('severities from herald.yaml', () => {
  it('turns a rule into a warning', () => {
    const problems = findings([guide, banned], { config: configWith('rules:\n  house/banned-phrase: warn') });
    expect(ofRule(problems, 'house/banned-phrase')).toEqual([
      expect.objectContaining({ severity: 'warning', line: 6, column: 4 }),
    ]);
  });

  it('turns a rule off', () => {
    expect(
      ofRule(
        findings([guide, banned], { config: configWith('rules:\n  house/banned-phrase: off') }),
        'house/banned-phrase',
      ),
    ).toEqual([]);
  });

  it('turns a warning into an error', () => {
    const early = file('content/posts/2026/11/early.mdx', post(goodFrontmatter));
    expect(ofRule(findings([early], { config: configWith('rules:\n  post/folder: error') }), 'post/folder')).toEqual([
      expect.objectContaining({ severity: 'error' }),
    ]);
  });

  it('names an unknown rule on its line, with a suggestion', () => {
    const config = configWith('rules:\n  house/banned-phrases: warn');
    expect(ofRule(findings([], { config }), 'config/unknown-rule')).toEqual([
      expect.objectContaining({
        file: 'content/herald.yaml',
        line: lineOf(config, 'house/banned-phrases'),
        column: 3,
        severity: 'error',
        message: 'There is no rule "house/banned-phrases". Did you mean "house/banned-phrase"?',
      }),
    ]);
  });

  it('never lets off hide a problem that keeps a post from loading', () => {
    const config = configWith('rules:\n  schema/unknown-key: off');
    const problems = findings([file(postPath, post(`${goodFrontmatter}\ncampain: agm`))], { config });
    expect(ofRule(problems, 'schema/unknown-key')).toEqual([
      expect.objectContaining({ severity: 'error', file: postPath }),
    ]);
    expect(ofRule(problems, 'config/fixed-rule')).toEqual([
      expect.objectContaining({
        file: 'content/herald.yaml',
        line: lineOf(config, 'schema/unknown-key'),
        column: 3,
        severity: 'warning',
      }),
    ]);
  });

  it('passes a rules: setting that names real, adjustable rules', () => {
    const problems = findings([], { config: configWith('rules:\n  calendar/cadence: off\n  text/length: warn') });
    expect(problems.filter((p) => p.rule.startsWith('config/'))).toEqual([]);
  });
});

describe('reporting only some files (validate --changed)', () => {
  const other = file(
    'content/posts/2026/12/other.mdx',
    post(goodFrontmatter.replace('18:30', '20:30'), 'We utilise it too.'),
  );

  it('reports only the files asked for', () => {
    const problems = findings([guide, banned, other], { files: new Set([postPath]) });
    expect(problems.map((p) => p.file)).toEqual([postPath]);
  });

  it('brings in the posts that use a changed image', () => {
    const withImage = file(
      postPath,
      post(`${goodFrontmatter}\nmedia:\n  - src: ./hall.jpg\n    alt: x\n    rights: owned`, 'We utilise the hall.'),
    );
    const problems = findings(
      [guide, withImage, other, image('content/posts/2026/12/hall.jpg', { ...photo, format: 'tiff' })],
      { files: new Set(['content/posts/2026/12/hall.jpg']) },
    );
    expect(new Set(problems.map((p) => p.file))).toEqual(new Set([postPath]));
    expect(ofRule(problems, 'media/format')).toHaveLength(1);
  });

  it('checks everything when herald.yaml or the style guide changed', () => {
    for (const changed of ['content/herald.yaml', 'content/handbook/style-guide.mdx']) {
      const problems = findings([guide, banned, other], { files: new Set([changed]) });
      expect(new Set(ofRule(problems, 'house/banned-phrase').map((p) => p.file))).toEqual(
        new Set([postPath, 'content/posts/2026/12/other.mdx']),
      );
    }
  });
});

describe('the rule registry and docs/rules.md', () => {
  const docs = readFileSync('docs/rules.md', 'utf8');

  it.each([...rules.values()])('documents $id with its default severity', (rule) => {
    const section = docs.split(/^### /m).find((s) => s.startsWith(`\`${rule.id}\``));
    expect(section, `docs/rules.md has no "### \`${rule.id}\`" section`).toBeDefined();
    expect(section).toContain(`Default: **${rule.severity}**${rule.adjustable ? '' : ', cannot be changed'}`);
  });

  it('has a description for every rule', () => {
    for (const rule of rules.values()) expect(rule.description.length).toBeGreaterThan(10);
  });
});
