import { globSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { generatedPost } from '../../../bench/generate.ts';
import { splitFrontmatter } from '../../../src/lib/project/source.ts';
import { lazyLocator, parseYaml, swallowedHashtags, type YamlSource } from '../../../src/lib/project/yaml.ts';

/**
 * The loader's locator answers questions about top-level settings from the lines alone; a locator
 * without the parsed data always parses with positions. Both must point at the same place, for
 * every setting of every file, or a finding would point at the wrong line.
 */
function parsed(text: string, line = 2): YamlSource {
  const result = parseYaml('content/posts/2026/12/x.mdx', text, line);
  if (!result.ok) throw new Error(JSON.stringify(result.problems));
  return result.source;
}

/** Compares every path of the text's settings (and some that are missing); returns how many. */
function expectSamePositions(text: string, line = 2) {
  const source = parsed(text, line);
  const full = lazyLocator(text, line);
  const paths = (value: unknown, prefix: PropertyKey[]): PropertyKey[][] => {
    if (!value || typeof value !== 'object') return [];
    const keys: PropertyKey[] = Array.isArray(value) ? value.map((_, i) => i) : Object.keys(value);
    return [...keys, 'missing'].flatMap((key) => [
      [...prefix, key],
      ...paths((value as Record<PropertyKey, unknown>)[key], [...prefix, key]),
    ]);
  };
  const all = paths(source.data, []);
  for (const path of all) {
    expect(source.valueAt(path), `value of ${path.join('.')} in ${text}`).toEqual(full.valueAt(path));
    expect(source.keyAt(path), `key ${path.join('.')} in ${text}`).toEqual(full.keyAt(path));
  }
  return all.length;
}

const tricky = [
  'title: Plain\npublishAt: 2026-12-03 18:30\nchannels: [mastodon, x]',
  '# a comment first\ntitle:   "Quoted: with a colon"\npublishAt:\t2026-12-03 18:30\n\nchannels:\n  - mastodon\n  - x',
  "title: 'single ''quoted'''\nchannels: { a: 1 }\nkind: original # why",
  'title: Plain\nvariants:\n  x: |-\n    Text\n    title: not a key\npublishAt: 2026-12-03 18:30',
  'title: "multi\n  line"\nlink: https://example.org/a?b=c#d',
  'title: first line\n  goes on\nkind: reshare',
  'title: >-\n  folded\nkind: evergreen',
  'title:\n  on the next line\nkind: original',
  'title: T\nmedia:\n  - src: ./a.jpg\n    alt: An image\nrepeat: { every: P1M, until: 2027-12-31 }',
  'title: T\n"quoted key": 1',
  'title: T\nkey with space: 1',
  'title: !!str 2026\nkind: original',
  '---\ntitle: T',
  'variants:\n  x: |-\n    Text\n    y: not a key\n  # a comment\n\n  bluesky: "Quoted #tag"\n  linkedin: >\n    folded\ntitle: T',
  'variants:\n    x: deeper indented\n    y: [a, b]\nrepeat:\n  every: P1M\n  until: 2027-12-31',
  'variants:\n  x: one\n   continued\n  y: two',
  'variants: { x: flow }\ntitle: T',
  'media:\n  - src: ./a.jpg\n    alt: An image\n  - src: ./b.jpg\n    alt: Another',
  'outer:\n  inner:\n    deep: 1\n    deeper:\n      deepest: x\n  next: 2',
  'outer:\n  a: 1\n# a comment at the left\n  b: 2',
  'outer:\n  a: !!str 1\n  b: &anchor 2\n  c: |2\n     indented',
  "media:\n- src: ./a.jpg\n  alt: At the parent's indentation\nchannels:\n- x\n- mastodon",
  'media:\n  -   src: ./a.jpg\n      alt: Wide\n  -\n    src: ./b.jpg\n    alt: Below the dash\n  - # a comment\n    src: ./c.jpg\n    alt: After a comment',
  'labels:\n  - one\n  - "two"\n  - [three]\n  - - nested\n    - list',
];

describe('where settings stand', () => {
  it('the lines and the full parse agree on every top-level setting of tricky front matter', () => {
    for (const text of tricky) expectSamePositions(text);
  });

  it('they agree on every setting of the example content and of generated posts', () => {
    let checked = 0;
    for (const path of globSync('content/**/*.mdx')) {
      const split = splitFrontmatter(path, readFileSync(path, 'utf8').replace(/\r\n?/g, '\n'));
      if (split.ok) checked += expectSamePositions(split.value.yaml, split.value.yamlLine);
    }
    checked += expectSamePositions(readFileSync('content/herald.yaml', 'utf8'), 1);
    for (let i = 0; i < 150; i++) {
      const split = splitFrontmatter('x.mdx', generatedPost(i).text);
      if (split.ok) checked += expectSamePositions(split.value.yaml, split.value.yamlLine);
    }
    expect(checked).toBeGreaterThan(2000);
  });

  it('points at a setting on its file line and column', () => {
    const source = parsed('title: T\n\n# comment\nkind:   reshare', 5);
    expect(source.valueAt(['kind'])).toEqual({ line: 8, column: 9 });
    expect(source.keyAt(['kind'])).toEqual({ line: 8, column: 1 });
  });
});

describe('hashtags YAML reads as comments', () => {
  const cases: [string, string, string[]][] = [
    ['in a plain value', 'x: Join us #agm', ['#agm']],
    ['in a quoted value', 'x: "Join us #agm"', []],
    ['in a block', 'x: |\n  Join us #agm\n  and #more', []],
    ['after a block ends', 'x: |\n  Join us #agm\ny: Then #this', ['#this']],
    ['in a list item after a block', 'items:\n  - x: |\n      Join us #agm\n    y: Then #this', ['#this']],
    ['in a plain value after a quoted one', 'x: "a"\ny: b #tag', ['#tag']],
    ['in a plain value with a quote in it', 'x: 5" nails #tag and "more"', ['#tag']],
    ['in a comment written on purpose', 'x: Join us # the meeting', []],
  ];
  it.each(cases)('%s', (_, text, tags) => {
    expect(swallowedHashtags(text, 1, parsed(text, 1)).map((found) => found.tag)).toEqual(tags);
    expect(swallowedHashtags(text, 1).map((found) => found.tag)).toEqual(tags);
  });
});
