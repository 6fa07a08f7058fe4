import { describe, expect, it } from 'vitest';
import { decodeText, splitFrontmatter } from '../../../src/lib/project/source.ts';

/** Front matter split from the body as the author's editor numbers the lines (see DEVELOPERS.md). */
function split(raw: string) {
  const text = decodeText({ path: 'x.mdx', bytes: new TextEncoder().encode(raw) });
  if (!text.ok) throw new Error(text.problem.message);
  const result = splitFrontmatter('x.mdx', text.value);
  return result.ok ? result.value : { rule: result.problem.rule, line: result.problem.line };
}

describe('splitting front matter from the body', () => {
  it.each([
    [
      'a byte-order mark',
      '\uFEFF---\ntitle: T\n---\nBody',
      { yaml: 'title: T', yamlLine: 2, body: 'Body', bodyLine: 4 },
    ],
    [
      'Windows line ends',
      '---\r\ntitle: T\r\n---\r\nBody\r\nmore',
      { yaml: 'title: T', yamlLine: 2, body: 'Body\nmore', bodyLine: 4 },
    ],
    [
      'blanks after the fences',
      '---  \ntitle: T\n---\t\nBody',
      { yaml: 'title: T', yamlLine: 2, body: 'Body', bodyLine: 4 },
    ],
    [
      "YAML's document end as the closing fence",
      '---\ntitle: T\n...\nBody',
      { yaml: 'title: T', yamlLine: 2, body: 'Body', bodyLine: 4 },
    ],
    [
      'a line that only starts with ---',
      '---\ntitle: T\n---- not a fence\n---\nBody',
      { yaml: 'title: T\n---- not a fence', yamlLine: 2, body: 'Body', bodyLine: 5 },
    ],
    [
      'a thread break in the body',
      '---\ntitle: T\n---\nOne\n\n---\n\nTwo',
      { yaml: 'title: T', yamlLine: 2, body: 'One\n\n---\n\nTwo', bodyLine: 4 },
    ],
    ['no body', '---\ntitle: T\n---', { yaml: 'title: T', yamlLine: 2, body: '', bodyLine: 4 }],
    [
      'a missing closing fence',
      '---\ntitle: T\npublishAt: 2026-12-03 18:30\n\nThe body: with a colon.',
      { rule: 'frontmatter/unclosed', line: 1 },
    ],
    ['an empty front matter', '---\n---\nBody', { rule: 'frontmatter/empty', line: 1 }],
    ['no front matter', 'Just a body\n---\n', { rule: 'frontmatter/missing', line: 1 }],
  ])('%s', (_, raw, expected) => {
    expect(split(raw)).toEqual(expected);
  });
});
