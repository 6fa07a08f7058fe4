import { describe, expect, it } from 'vitest';
import { file, post } from '../../helpers/project.ts';
import { findings, ofRule, postPath } from './helpers.ts';

const on = (channels: string, extra = '') =>
  `title: T\npublishAt: 2026-12-03 18:30\nchannels: [${channels}]${extra ? `\n${extra}` : ''}`;
const family = '👨‍👩‍👧‍👦';

describe('text/length', () => {
  it('passes 280 characters on X', () => {
    expect(ofRule(findings([file(postPath, post(on('x'), 'a'.repeat(280)))]), 'text/length')).toEqual([]);
  });

  it("points at a body over X's 280", () => {
    const [found, ...rest] = ofRule(findings([file(postPath, post(on('x'), 'a'.repeat(281)))]), 'text/length');
    expect(rest).toEqual([]);
    expect(found).toMatchObject({ file: postPath, line: 6, column: 1, severity: 'error' });
    expect(found!.message).toContain('281 characters on X (x), which allows 280: shorten it by 1');
  });

  it('counts each thread part on its own and points at the long one', () => {
    const body = `Short opener.\n\n---\n\n${'b'.repeat(300)}`;
    const found = ofRule(findings([file(postPath, post(on('mastodon, x'), body))]), 'text/length');
    expect(found).toEqual([expect.objectContaining({ file: postPath, line: 10, column: 1 })]);
    expect(found[0]!.message).toContain('Part 2 of 2 is 300 characters on X');
  });

  it('counts a variant instead of the body, and points at the variant', () => {
    const found = ofRule(
      findings([file(postPath, post(on('mastodon, x', `variants:\n  x: ${'v'.repeat(290)}`), 'Short body.'))]),
      'text/length',
    );
    expect(found).toEqual([expect.objectContaining({ file: postPath, line: 6, column: 6 })]);
  });

  it("counts Mastodon's content warning with the text", () => {
    const text = 'a'.repeat(495);
    expect(ofRule(findings([file(postPath, post(on('mastodon'), text))]), 'text/length')).toEqual([]);
    const found = ofRule(
      findings([file(postPath, post(on('mastodon', 'contentWarning: Ten chars'), text))]),
      'text/length',
    );
    expect(found).toEqual([expect.objectContaining({ line: 7, column: 1 })]);
    expect(found[0]!.message).toContain('with its content warning, is 504 characters on Mastodon');
  });
});

describe('text/bytes', () => {
  it('passes 3,000 bytes on Bluesky', () => {
    expect(ofRule(findings([file(postPath, post(on('bluesky'), family.repeat(120)))]), 'text/bytes')).toEqual([]);
  });

  it('flags 121 family emoji: 121 graphemes but 3,025 bytes', () => {
    const problems = findings([file(postPath, post(on('bluesky'), family.repeat(121)))]);
    expect(ofRule(problems, 'text/length')).toEqual([]);
    expect(ofRule(problems, 'text/bytes')).toEqual([
      expect.objectContaining({
        file: postPath,
        line: 6,
        column: 1,
        severity: 'error',
        message: expect.stringContaining('3,025 bytes'),
      }),
    ]);
  });
});

describe('text/refused-character', () => {
  it.each([
    ['\uFEFF', 'zero-width no-break space (U+FEFF'],
    ['\uFFFE', 'non-character U+FFFE'],
    ['\uFFFF', 'non-character U+FFFF'],
  ])('refuses %j on X although the length fits, and says where it is', (character, name) => {
    const body = `Join us tonight${character} at the hall.`;
    const found = findings([file(postPath, post(on('x, mastodon'), body))]);
    expect(ofRule(found, 'text/length')).toEqual([]);
    const [refused, ...rest] = ofRule(found, 'text/refused-character');
    expect(rest).toEqual([]);
    expect(refused).toMatchObject({ file: postPath, line: 6, column: 16, severity: 'error' });
    expect(refused!.message).toContain(name);
    expect(refused!.message).toContain('between "Join us tonight" and "at the hall."');
    expect(refused!.message).toContain('X (x) refuses');
    expect(refused!.message).toMatch(/delete the words on either side of it and type them again/);
  });

  it("finds it in an X variant, on the variant's line, and not on the other networks", () => {
    const found = ofRule(
      findings([
        file(
          postPath,
          post(on('x, mastodon, bluesky', 'variants:\n  x: "Tonight\uFEFF at the hall"'), 'Tonight\u00A0at the hall.'),
        ),
      ]),
      'text/refused-character',
    );
    expect(found).toEqual([expect.objectContaining({ line: 6, column: 14 })]);
    expect(found[0]!.message).toContain('between "Tonight" and "at the hall"');
  });

  it('passes the same text without it', () => {
    expect(
      ofRule(findings([file(postPath, post(on('x'), 'Join us tonight at the hall.'))]), 'text/refused-character'),
    ).toEqual([]);
  });
});
