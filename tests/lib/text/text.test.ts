import { describe, expect, it } from 'vitest';
import { renderText } from '../../../src/lib/text/text.ts';

const parts = (markdown: string) => renderText(markdown).parts;

describe('the text a network receives', () => {
  it.each([
    [
      'a link becomes "text address"',
      'See [the agenda](https://riverside.example/agm).',
      'See the agenda https://riverside.example/agm.',
    ],
    [
      'a link whose text is its address stays as written',
      '[riverside.example/agm](https://riverside.example/agm)',
      'riverside.example/agm',
    ],
    [
      'a bare address stays',
      'Watch at https://riverside.example/live?utm_source=social&utm_medium=post',
      'Watch at https://riverside.example/live?utm_source=social&utm_medium=post',
    ],
    ['an internationalised address is shown readable', 'Go to https://zażółć.pl/x', 'Go to https://zażółć.pl/x'],
    [
      'emphasis is dropped',
      'This is **very** _important_ and ~~not~~ code `x`',
      'This is very important and ~~not~~ code x',
    ],
    [
      'mentions and hashtags stay as written',
      'Thanks @ada@mastodon.social and @city.bsky.social #RiversideAGM',
      'Thanks @ada@mastodon.social and @city.bsky.social #RiversideAGM',
    ],
    ['a hashtag at the start of a line is not a heading', '#RiversideAGM starts now', '#RiversideAGM starts now'],
    ['line breaks stay where the author put them', 'First line\nsecond line', 'First line\nsecond line'],
    ['paragraphs are a blank line apart', 'One.\n\nTwo.', 'One.\n\nTwo.'],
    ['<, { and } are words, not syntax', 'We <3 Riverside {really}', 'We <3 Riverside {really}'],
    ['escapes and entities are resolved', '\\*not emphasis\\* AT&amp;T', '*not emphasis* AT&T'],
    ['lists keep their markers', '- bread\n- milk\n\n1. first\n2. second', '- bread\n- milk\n\n1. first\n2. second'],
  ])('%s', (_, markdown, expected) => {
    expect(parts(markdown)).toEqual([expected]);
  });

  it('splits a thread at each line of ---', () => {
    expect(parts('One\n\n---\n\nTwo\n\n---\n\nThree')).toEqual(['One', 'Two', 'Three']);
  });

  it('splits at --- written right under a line, where Markdown would make a heading', () => {
    expect(parts('One\n---\nTwo')).toEqual(['One', 'Two']);
  });

  it('never yields an empty part', () => {
    expect(parts('---\n\n---\n\nOnly\n\n---\n')).toEqual(['Only']);
    expect(parts('   \n\n')).toEqual([]);
  });

  it('drops an image in the text and says on which line', () => {
    expect(renderText('Look\n\n![a hall](hall.jpg) here')).toEqual({
      parts: ['Look\n\n here'],
      lines: [1],
      dropped: [{ line: 3, what: 'the image "a hall" (images go in the media setting, with alt text)' }],
    });
  });
});
