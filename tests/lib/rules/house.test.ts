import { describe, expect, it } from 'vitest';
import { file, post } from '../../helpers/project.ts';
import { findings, image, ofRule, photo, postPath, styleGuide } from './helpers.ts';

const guide = styleGuide(`
bannedPhrases:
  - { phrase: utilise, use: use }
  - { phrase: click here, use: words that say where the link goes }
firstPerson:
  en: [I, me, my]
maxHashtags: 2
ownDomains: [riverside.example]
trackingParameters: [utm_source, utm_medium]
linkShorteners: [bit.ly]
altText: { minLength: 20 }
`);
const frontmatter = 'title: T\npublishAt: 2026-12-03 18:30\nchannels: [mastodon, x]';
/** Lints one post (body from line 6) with the style guide above. */
const check = (body: string, extra = '') => findings([guide, file(postPath, post(`${frontmatter}${extra}`, body))]);

describe('house/banned-phrase', () => {
  it('passes text without banned words, and words that only contain one', () => {
    expect(ofRule(check('We use the hall. It was well utilised.'), 'house/banned-phrase')).toEqual([]);
  });

  it('points at the banned word where it is written, inside emphasis', () => {
    const found = ofRule(check('Come along.\n\nWe will **Utilise** the hall.'), 'house/banned-phrase');
    expect(found).toEqual([expect.objectContaining({ file: postPath, line: 8, column: 11, severity: 'error' })]);
    expect(found[0]!.message).toBe('"Utilise" is on the style guide\'s list of words we avoid. Write "use" instead.');
  });

  it('finds a phrase across a line break, and in a variant', () => {
    const found = ofRule(
      check('Please click\nhere for the agenda.', '\nvariants:\n  x: Please utilise the form'),
      'house/banned-phrase',
    );
    expect(found.map((p) => [p.line, p.column])).toEqual([
      [6, 13],
      [8, 8],
    ]);
  });
});

describe('house/first-person', () => {
  it('passes "we", and a lower-case "i" (Polish "and")', () => {
    expect(ofRule(check('We hope to see you. Kot i pies.'), 'house/first-person')).toEqual([]);
  });

  it('warns at the first-person word', () => {
    const found = ofRule(check('Thanks! I hope to see you.'), 'house/first-person');
    expect(found).toEqual([expect.objectContaining({ file: postPath, line: 6, column: 9, severity: 'warning' })]);
  });
});

describe('house/hashtags', () => {
  it('passes two hashtags', () => {
    expect(ofRule(check('Join us #riverside #agm'), 'house/hashtags')).toEqual([]);
  });

  it('points at the first hashtag over the limit', () => {
    const found = ofRule(check('Join us #riverside #agm #vote'), 'house/hashtags');
    expect(found).toEqual([expect.objectContaining({ file: postPath, line: 6, column: 25 })]);
    expect(found[0]!.message).toContain('3 hashtags (#riverside, #agm and #vote); the style guide allows 2');
  });
});

describe('house/link-tracking', () => {
  it('passes our links with every tracking parameter, and other sites without', () => {
    expect(
      ofRule(
        check('Agenda: https://riverside.example/agm?utm_source=social&utm_medium=post and https://city.example/x'),
        'house/link-tracking',
      ),
    ).toEqual([]);
  });

  it('passes an e-mail address and a mention on our domain: they are not links', () => {
    expect(
      ofRule(check('Write to news@riverside.example or follow @news@riverside.example.'), 'house/link-tracking'),
    ).toEqual([]);
  });

  it('points at our link without them, also on a subdomain and in link:', () => {
    const found = ofRule(
      check('Agenda: https://www.riverside.example/agm?utm_source=social', '\nlink: https://riverside.example/agm'),
      'house/link-tracking',
    );
    expect(found.map((p) => [p.line, p.column])).toEqual([
      [5, 7],
      [7, 9],
    ]);
    expect(found[1]!.message).toContain('need the tracking parameters utm_medium. Add &utm_medium=…');
  });
});

describe('house/link-shortener', () => {
  it('passes a full address', () => {
    expect(ofRule(check('See https://city.example/flood-barrier'), 'house/link-shortener')).toEqual([]);
  });

  it('points at a shortened link written without https://', () => {
    expect(ofRule(check('Sign up (bit.ly/3xYz) today.'), 'house/link-shortener')).toEqual([
      expect.objectContaining({ line: 6, column: 10 }),
    ]);
  });

  it('points at a shortened link', () => {
    const found = ofRule(check('See https://bit.ly/3xYz for more.'), 'house/link-shortener');
    expect(found).toEqual([expect.objectContaining({ file: postPath, line: 6, column: 5, severity: 'error' })]);
  });
});

describe('house/alt-text', () => {
  const withAlt = (alt: string) =>
    findings([
      guide,
      image('content/posts/2026/12/hall.jpg', photo),
      file(postPath, post(`${frontmatter}\nmedia:\n  - src: ./hall.jpg\n    alt: ${alt}\n    rights: owned`, 'Hello.')),
    ]);

  it('passes alt text of at least 20 characters', () => {
    expect(ofRule(withAlt('Members in the main hall'), 'house/alt-text')).toEqual([]);
  });

  it('points at alt text that is too short', () => {
    expect(ofRule(withAlt('A hall'), 'house/alt-text')).toEqual([
      expect.objectContaining({ file: postPath, line: 7, column: 10 }),
    ]);
  });
});

describe('without a style guide', () => {
  it('checks no house rule', () => {
    const problems = findings([file(postPath, post(frontmatter, 'I will utilise https://bit.ly/x #a #b #c'))]);
    expect(problems.filter((p) => p.rule.startsWith('house/'))).toEqual([]);
  });
});
