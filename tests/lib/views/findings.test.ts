import { describe, expect, it } from 'vitest';
import { lint } from '../../../src/lib/rules/index.ts';
import { findingsByFile } from '../../../src/lib/views/findings.ts';
import { file, load, post, testNow } from '../../helpers/project.ts';

const at = (id: string) => `content/posts/2026/12/${id}.mdx`;
const project = load([
  file(at('too-long'), post('title: Too long\npublishAt: 2026-12-10 10:00\nchannels: [x]', 'word '.repeat(80))),
  file(at('typo'), post('title: Typo\npublishAt: 2026-12-11 10:00\nchannels: [mastodon]\ncampain: x')),
  file(at('fine'), post('title: Fine\npublishAt: 2026-12-12 10:00\nchannels: [mastodon]')),
]);
const findings = lint(project, { now: testNow });

describe('a post page’s findings', () => {
  it('are what validate reports about that post’s file, and no other', () => {
    const of = findingsByFile(findings);
    expect(of({ file: at('too-long') }).map((p) => p.rule)).toContain('text/length');
    expect(of({ file: at('typo') }).map((p) => p.rule)).toContain('schema/unknown-key');
    for (const path of [at('too-long'), at('typo')])
      expect(of({ file: path })).toEqual(findings.filter((p) => p.file === path));
    expect(of({ file: at('fine') })).toEqual([]);
    expect(of({ file: 'content/posts/2026/12/missing.mdx' })).toEqual([]);
  });
});
