import { lexicons, RichText } from '@atproto/api';
import { describe, expect, it } from 'vitest';
import type { Channel } from '../../../src/schemas/config.ts';
import { graphemeCount, measure } from '../../../src/lib/text/count.ts';
import { networkProfiles } from '../../../src/lib/networks/profiles.ts';

/**
 * What each network counts for a text. Where the expectations come from:
 * - x: X's counting rules as twitter-text (config v3) implements them: NFC first; code points
 *   U+0000–U+10FF, U+2000–U+200D, U+2010–U+201F and U+2032–U+2037 weigh 1, everything else 2; an
 *   emoji sequence (ZWJ, skin tone, flag, keycap) weighs 2 as a whole; every URL twitter-text finds,
 *   with or without https://, weighs 23.
 * - mastodon: the server's StatusLengthValidator: grapheme clusters, where a URL with a scheme its
 *   Extractor links (Mastodon's twitter_regex.rb: any non-space path, non-ASCII queries, gemini:// and
 *   others) counts 23 and @user@domain counts as @user; a domain without a scheme is plain text.
 * - bluesky: the app.bsky.feed.post lexicon counts graphemes (maxGraphemes) and UTF-8 bytes
 *   (maxLength); each row is also checked against @atproto/api's RichText below.
 * - linkedin: UTF-16 code units (see src/lib/text/count.ts for why).
 */
interface Row {
  name: string;
  text: string;
  x: number;
  mastodon: number;
  /** Bluesky graphemes and UTF-8 bytes. */
  bluesky: [number, number];
  linkedin: number;
}

const rows: Row[] = [
  { name: 'plain ASCII', text: 'hello', x: 5, mastodon: 5, bluesky: [5, 5], linkedin: 5 },
  { name: 'empty', text: '', x: 0, mastodon: 0, bluesky: [0, 0], linkedin: 0 },
  { name: 'precomposed é', text: 'café', x: 4, mastodon: 4, bluesky: [4, 5], linkedin: 4 },
  // X normalises to NFC (one é); graphemes join e + U+0301; bytes and UTF-16 see two code points.
  { name: 'e with a combining acute accent', text: 'cafe\u0301', x: 4, mastodon: 4, bluesky: [4, 6], linkedin: 5 },
  { name: 'one emoji', text: '👍', x: 2, mastodon: 1, bluesky: [1, 4], linkedin: 2 },
  { name: 'emoji with a skin tone', text: '👍🏽', x: 2, mastodon: 1, bluesky: [1, 8], linkedin: 4 },
  // Four people joined by three ZERO WIDTH JOINERs (3 bytes each).
  { name: 'ZWJ family', text: '👨‍👩‍👧‍👦', x: 2, mastodon: 1, bluesky: [1, 25], linkedin: 11 },
  { name: 'flag (two regional indicators)', text: '🇵🇱', x: 2, mastodon: 1, bluesky: [1, 8], linkedin: 4 },
  { name: 'rainbow flag (ZWJ with variation selector)', text: '🏳️‍🌈', x: 2, mastodon: 1, bluesky: [1, 14], linkedin: 6 },
  // Black flag + five tag characters + cancel tag: one grapheme, 28 bytes.
  { name: 'subdivision flag (England)', text: '🏴󠁧󠁢󠁥󠁮󠁧󠁿', x: 2, mastodon: 1, bluesky: [1, 28], linkedin: 14 },
  { name: 'sun with variation selector 16', text: '☀️', x: 2, mastodon: 1, bluesky: [1, 6], linkedin: 2 },
  { name: 'keycap one', text: '1️⃣', x: 2, mastodon: 1, bluesky: [1, 7], linkedin: 3 },
  // Polish letters are Latin Extended-A: weight 1 on X, 2 bytes each in UTF-8 (9 of them).
  { name: 'Polish diacritics', text: 'Zażółć gęślą jaźń', x: 17, mastodon: 17, bluesky: [17, 26], linkedin: 17 },
  { name: 'Cyrillic', text: 'Привет, мир!', x: 12, mastodon: 12, bluesky: [12, 21], linkedin: 12 },
  { name: 'Persian', text: 'سلام دنیا', x: 9, mastodon: 9, bluesky: [9, 17], linkedin: 9 },
  // ZERO WIDTH NON-JOINER (U+200C) weighs 1 on X and extends the previous grapheme.
  { name: 'Persian with a zero-width non-joiner', text: 'می‌خواهم', x: 8, mastodon: 7, bluesky: [7, 17], linkedin: 8 },
  { name: 'Hebrew with vowel points', text: 'שָׁלוֹם', x: 7, mastodon: 4, bluesky: [4, 14], linkedin: 7 },
  { name: 'Thai with combining vowels', text: 'สวัสดี', x: 6, mastodon: 4, bluesky: [4, 18], linkedin: 6 },
  { name: 'Japanese (CJK weighs 2 on X)', text: '日本語のテキスト', x: 16, mastodon: 8, bluesky: [8, 24], linkedin: 8 },
  { name: 'Korean, precomposed', text: '한국어', x: 6, mastodon: 3, bluesky: [3, 9], linkedin: 3 },
  // Conjoining jamo: X composes them to one syllable (NFC), graphemes join them, bytes do not.
  { name: 'Korean, decomposed jamo', text: '\u1112\u1161\u11AB', x: 2, mastodon: 1, bluesky: [1, 9], linkedin: 3 },
  {
    name: 'full-width at sign (not a mention on Mastodon)',
    text: '＠ada',
    x: 5,
    mastodon: 4,
    bluesky: [4, 6],
    linkedin: 4,
  },
  { name: 'URL with https', text: 'https://example.com', x: 23, mastodon: 23, bluesky: [19, 19], linkedin: 19 },
  { name: 'URL in capitals', text: 'HTTPS://EXAMPLE.COM', x: 23, mastodon: 23, bluesky: [19, 19], linkedin: 19 },
  {
    name: 'long URL with a query',
    text: 'Read https://example.com/a/very/long/path/that/goes/on/and/on/for/a/while?with=query&and=more',
    x: 28,
    mastodon: 28,
    bluesky: [93, 93],
    linkedin: 93,
  },
  {
    name: 'URL followed by a full stop',
    text: 'Go to https://example.com/path.',
    x: 30,
    mastodon: 30,
    bluesky: [31, 31],
    linkedin: 31,
  },
  {
    name: 'URL with balanced parentheses',
    text: 'https://en.wikipedia.org/wiki/Primer_(film)',
    x: 23,
    mastodon: 23,
    bluesky: [43, 43],
    linkedin: 43,
  },
  // X links a bare domain; Mastodon only links addresses with a scheme.
  { name: 'domain without a scheme', text: 'example.com', x: 23, mastodon: 11, bluesky: [11, 11], linkedin: 11 },
  {
    name: 'www address without a scheme',
    text: 'www.example.com/page',
    x: 23,
    mastodon: 20,
    bluesky: [20, 20],
    linkedin: 20,
  },
  {
    name: 'internationalised domain with https',
    text: 'https://bücher.de',
    x: 23,
    mastodon: 23,
    bluesky: [17, 18],
    linkedin: 17,
  },
  // twitter-text takes ü as a Latin accent of an ASCII-like domain, so X links it even without a scheme.
  {
    name: 'internationalised domain without a scheme',
    text: 'bücher.de',
    x: 23,
    mastodon: 9,
    bluesky: [9, 10],
    linkedin: 9,
  },
  // twitter-text's path stops at the Japanese path (2 × 2); Mastodon's path takes any non-space.
  {
    name: 'Japanese domain and path',
    text: 'https://例え.jp/パス',
    x: 27,
    mastodon: 23,
    bluesky: [16, 24],
    linkedin: 16,
  },
  // Persian path: 5 letters after twitter-text's URL, each weighing 1; one URL on Mastodon.
  {
    name: 'Persian Wikipedia path',
    text: 'https://fa.wikipedia.org/wiki/ایران',
    x: 28,
    mastodon: 23,
    bluesky: [35, 40],
    linkedin: 35,
  },
  {
    name: 'gemini:// (Mastodon links it, X does not)',
    text: 'gemini://example.org/x',
    x: 22,
    mastodon: 23,
    bluesky: [22, 22],
    linkedin: 22,
  },
  {
    name: 'localhost has no top-level domain',
    text: 'http://localhost:3000/path',
    x: 26,
    mastodon: 26,
    bluesky: [26, 26],
    linkedin: 26,
  },
  { name: 'local mention', text: '@ada', x: 4, mastodon: 4, bluesky: [4, 4], linkedin: 4 },
  {
    name: 'remote mention counts its local part on Mastodon',
    text: '@ada@mastodon.social',
    x: 20,
    mastodon: 4,
    bluesky: [20, 20],
    linkedin: 20,
  },
  {
    name: 'remote mention in capitals before a full stop',
    text: '@Ada@Social.Example.org.',
    x: 24,
    mastodon: 5,
    bluesky: [24, 24],
    linkedin: 24,
  },
  {
    name: 'Bluesky handle is one local mention on Mastodon',
    text: '@alice.bsky.social',
    x: 18,
    mastodon: 18,
    bluesky: [18, 18],
    linkedin: 18,
  },
  {
    name: 'e-mail address is neither mention nor URL',
    text: 'ada@example.com',
    x: 15,
    mastodon: 15,
    bluesky: [15, 15],
    linkedin: 15,
  },
  {
    name: 'mention and URL together',
    text: 'Hi @ada@mastodon.social, see https://example.com/x!',
    x: 53,
    mastodon: 37,
    bluesky: [51, 51],
    linkedin: 51,
  },
  { name: 'hashtag', text: '#riverside', x: 10, mastodon: 10, bluesky: [10, 10], linkedin: 10 },
  { name: 'Japanese hashtag', text: '#日本語', x: 7, mastodon: 4, bluesky: [4, 10], linkedin: 4 },
  { name: 'blank lines between paragraphs', text: 'a\n\nb', x: 4, mastodon: 4, bluesky: [4, 4], linkedin: 4 },
  // CR LF is one grapheme cluster.
  { name: 'Windows line end', text: 'a\r\nb', x: 4, mastodon: 3, bluesky: [3, 4], linkedin: 4 },
  // Mastodon counts a blank text as empty (String#blank?).
  { name: 'only spaces', text: '   ', x: 3, mastodon: 0, bluesky: [3, 3], linkedin: 3 },
  { name: "one over X's limit", text: 'a'.repeat(281), x: 281, mastodon: 281, bluesky: [281, 281], linkedin: 281 },
];

describe('counting as each network counts', () => {
  it('has a table of at least 40 tricky strings', () => {
    expect(rows.length).toBeGreaterThanOrEqual(40);
  });

  it.each(rows)('$name', ({ text, x, mastodon, bluesky, linkedin }) => {
    expect(measure(text, 'x').length, 'x').toBe(x);
    expect(measure(text, 'mastodon').length, 'mastodon').toBe(mastodon);
    expect(measure(text, 'bluesky'), 'bluesky').toMatchObject({ length: bluesky[0], bytes: { length: bluesky[1] } });
    expect(measure(text, 'linkedin').length, 'linkedin').toBe(linkedin);
  });

  it.each(rows)('Bluesky agrees with @atproto/api for $name', ({ text }) => {
    const official = new RichText({ text });
    expect(measure(text, 'bluesky')).toMatchObject({
      length: official.graphemeLength,
      bytes: { length: official.length },
    });
  });

  it("holds each network to its limit, Bluesky also to the lexicon's byte limit", () => {
    expect(measure('a', 'x').limit).toBe(280);
    expect(measure('a', 'mastodon').limit).toBe(500);
    expect(measure('a', 'linkedin').limit).toBe(3000);
    const text = lexicons.getDefOrThrow('app.bsky.feed.post') as unknown as {
      record: { properties: { text: { maxGraphemes: number; maxLength: number } } };
    };
    expect(measure('a', 'bluesky')).toMatchObject({
      limit: text.record.properties.text.maxGraphemes,
      bytes: { limit: text.record.properties.text.maxLength },
    });
  });

  it("uses a Mastodon instance's own limit when herald.yaml gives one", () => {
    const channel: Channel = {
      id: 'social',
      network: 'mastodon',
      instance: 'https://example.social',
      maxCharacters: 1000,
    };
    expect(measure('a', 'mastodon', channel).limit).toBe(1000);
  });

  it('counts a content warning against the Mastodon limit, as the server joins them', () => {
    expect(
      measure('Details: https://example.com/agenda', 'mastodon', undefined, { contentWarning: 'AGM papers' }).length,
    ).toBe(10 + 9 + 23);
    expect(measure('   ', 'mastodon', undefined, { contentWarning: 'CW only' }).length).toBe(7);
    expect(measure('Hello', 'x', undefined, { contentWarning: 'ignored on X' }).length).toBe(5);
  });

  it('takes the Bluesky image limits from the lexicon', () => {
    const images = lexicons.getDefOrThrow('app.bsky.embed.images') as unknown as {
      properties: { images: { maxLength: number } };
    };
    const image = lexicons.getDefOrThrow('app.bsky.embed.images#image') as unknown as {
      properties: { image: { maxSize: number } };
    };
    expect(networkProfiles.bluesky.media?.images).toBe(images.properties.images.maxLength);
    expect(networkProfiles.bluesky.media?.formats.jpg?.maxBytes).toBe(image.properties.image.maxSize);
  });

  it('counts graphemes as Intl.Segmenter does, whatever the mix of scripts, marks and emoji', () => {
    // Pieces that join their neighbours (marks, joiners, CR LF, prepend, flags, skin tones, © + VS16)
    // and pieces that do not, strung together at random: every boundary case between them occurs.
    const pieces = [
      'a',
      ' ',
      '\n',
      '\r',
      '\t',
      'é',
      'ł',
      '©',
      '®',
      '\uFE0F',
      '\u200D',
      '\u0301',
      '\u0308',
      'e\u0301',
      '👩',
      '👩\u200D👩\u200D👧',
      '🇵🇱',
      '🇵',
      '👍🏽',
      '🌧️',
      '\u0600',
      'क्षि',
      'ก',
      '\u0E33',
      '한',
      '\u1100\u1161',
      'ا',
      '😀',
      '\uD83D',
      '#',
      '️',
    ];
    const segmenter = new Intl.Segmenter(undefined, { granularity: 'grapheme' });
    let seed = 42;
    const next = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
    for (let n = 0; n < 3000; n++) {
      const text = Array.from(
        { length: 1 + Math.floor(next() * 12) },
        () => pieces[Math.floor(next() * pieces.length)],
      ).join('');
      expect(graphemeCount(text), JSON.stringify(text)).toBe([...segmenter.segment(text)].length);
    }
  });
});
