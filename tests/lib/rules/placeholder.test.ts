import { describe, expect, it } from 'vitest';
import { newPostPath, newPostText } from '../../../src/lib/calendar/authoring.ts';
import type { Schedule } from '../../../src/lib/project/model.ts';
import { placeholderText } from '../../../src/lib/calendar/placeholder.ts';
import { proposedPostFile } from '../../../src/lib/calendar/propose.ts';
import { file, goodFrontmatter, load, post, testConfig, testNow } from '../../helpers/project.ts';
import { configWith, findings, lineOf, ofRule, postPath } from './helpers.ts';

describe('post/placeholder', () => {
  it('refuses the file herald new writes without --text, pointing at the placeholder', () => {
    const draft = {
      title: 'Leaf raking',
      publishAt: '2026-12-05 10:00',
      channels: ['mastodon', 'x'],
      kind: 'original' as const,
      labels: [],
      id: 'leaf-raking',
    };
    const text = newPostText(draft);
    const problems = findings([file(newPostPath(draft), text)]);
    expect(problems).toEqual([
      expect.objectContaining({
        rule: 'post/placeholder',
        severity: 'error',
        file: newPostPath(draft),
        line: lineOf(text, 'Write the post here'),
        column: 1,
      }),
    ]);
    expect(problems[0]!.message).toBe(
      'This is still the placeholder of a new post ("Write the post here …"), and the text would be sent as it is. Replace it with what the post should say.',
    );
  });

  it('refuses the file a "propose a post" link of the calendar fills in', () => {
    const proposed = proposedPostFile(load([]) as Schedule, { date: '2026-12-05', title: 'New post' }, testNow)!;
    expect(proposed.text).toContain(placeholderText('2026-12-05-new-post'));
    expect(ofRule(findings([file(proposed.path, proposed.text)]), 'post/placeholder')).toHaveLength(1);
  });

  it('finds it in a thread part and in a variant, in any case, among other words', () => {
    const text = post(
      `${goodFrontmatter}\nvariants:\n  x: Short. write the POST here later`,
      'A real first part.\n\n---\n\nWrite the post here (x): this is the text the networks receive.',
    );
    const problems = ofRule(findings([file(postPath, text)]), 'post/placeholder');
    expect(problems.map((p) => [p.line, p.column])).toEqual([
      [lineOf(text, 'Short.'), 'x: Short. '.length + 3],
      [lineOf(text, 'Write the post here (x)'), 1],
    ]);
    expect(problems[0]!.message).toContain('the variant for x would be sent');
  });

  it('passes a post whose text was written', () => {
    expect(findings([file(postPath, post(goodFrontmatter, 'Leaf raking on Saturday. Rakes provided.'))])).toEqual([]);
  });

  it('follows herald.yaml: off, or a warning', () => {
    const placeholder = file(postPath, post(goodFrontmatter, placeholderText('the-post')));
    expect(
      ofRule(findings([placeholder], { config: configWith('rules:\n  post/placeholder: off') }), 'post/placeholder'),
    ).toEqual([]);
    expect(
      ofRule(findings([placeholder], { config: configWith('rules:\n  post/placeholder: warn') }), 'post/placeholder'),
    ).toEqual([expect.objectContaining({ severity: 'warning' })]);
    expect(ofRule(findings([placeholder], { config: testConfig }), 'post/placeholder')).toEqual([
      expect.objectContaining({ severity: 'error' }),
    ]);
  });
});
