import { describe, expect, it } from 'vitest';
import { showHidden } from '../../../src/lib/rules/hidden-characters.ts';
import { file, post } from '../../helpers/project.ts';
import { findings, lineOf, ofRule, postPath } from './helpers.ts';

const frontmatter = 'title: T\npublishAt: 2026-12-03 18:30\nchannels: [mastodon, x]';

describe('hidden characters in what a post sends', () => {
  it.each([
    ['a backspace', 'Hello\b\b\b\b\bBye world', 'a control character (U+0008)'],
    [
      'an escape sequence that hides a link',
      'See \u001b]8;;https://evil.example\u0007click\u001b]8;;\u0007 now',
      'a control character (U+001B)',
    ],
    ['a right-to-left override', 'Prices \u202Eevorppa\u202C today', 'a bidirectional override (U+202E)'],
    ['a C1 control', 'Next\u0085line', 'a control character (U+0085)'],
  ])('refuses %s in the text, on its line, naming it', (_, body, named) => {
    const text = post(frontmatter, `First line.\n\n${body}`);
    const found = ofRule(findings([file(postPath, text)]), 'text/hidden-character');
    expect(found).toEqual([
      expect.objectContaining({ file: postPath, line: lineOf(text, body.slice(0, 4)), severity: 'error' }),
    ]);
    expect(found[0]!.message).toContain(`The text contains ${named}`);
  });

  it('refuses them in a variant, a poll option, the content warning and alt text, at their lines', () => {
    const text = post(
      `${frontmatter}\ncontentWarning: "Flood\\u0007"\nvariants:\n  x: "Short\\u202E text"\npoll:\n  options: ["Sat\\u0000", Sun]\n  duration: P1D`,
      'Which day?',
    );
    const found = ofRule(findings([file(postPath, text)]), 'text/hidden-character');
    expect(found.map((p) => [p.line, p.message.split(' contains')[0]])).toEqual([
      [lineOf(text, 'contentWarning'), 'The content warning'],
      [lineOf(text, 'x: "Short'), 'The variant for x'],
      [lineOf(text, 'options:'), 'Poll option 1'],
    ]);
  });

  it('passes tabs, line breaks and the marks that Persian and Arabic text use', () => {
    const text = post(frontmatter, 'Line one\twith a tab.\n\nسلام \u200Fدنیا\u200E and \u2067isolated\u2069 text.');
    expect(ofRule(findings([file(postPath, text)]), 'text/hidden-character')).toEqual([]);
  });

  it('writes them out for a terminal, with carriage returns', () => {
    expect(showHidden('a\u001b[31mred\rb\nc\td')).toBe('a⟨U+001B⟩[31mred⟨U+000D⟩b\nc\td');
  });
});
