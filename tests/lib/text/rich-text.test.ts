import { describe, expect, it } from 'vitest';
import { segments } from '../../../src/lib/text/rich-text.ts';
import type { NetworkName } from '../../../src/schemas/config.ts';

/** The pieces as "kind:text", text pieces left out. */
const marked = (text: string, network: NetworkName) =>
  segments(text, network)
    .filter((segment) => segment.kind !== 'text')
    .map((segment) => `${segment.kind}:${segment.text}`);

describe('styled pieces of a post, per network', () => {
  const text = 'Join @ada@mastodon.social and @riverside.bsky.social at https://riverside.org/agm #RiversideAGM';

  it.each<[NetworkName, string[]]>([
    // Mastodon's usernames may hold dots: to its server, @riverside.bsky.social is a local account.
    [
      'mastodon',
      [
        'mention:@ada@mastodon.social',
        'mention:@riverside.bsky.social',
        'link:https://riverside.org/agm',
        'hashtag:#RiversideAGM',
      ],
    ],
    ['bluesky', ['mention:@riverside.bsky.social', 'link:https://riverside.org/agm', 'hashtag:#RiversideAGM']],
    // X links no @name followed by another @, and only its own kind of name: @riverside of the handle.
    ['x', ['mention:@riverside', 'link:https://riverside.org/agm', 'hashtag:#RiversideAGM']],
    ['linkedin', ['link:https://riverside.org/agm', 'hashtag:#RiversideAGM']],
    // Threads' usernames may hold dots, and @ada@… is not one.
    ['threads', ['mention:@riverside.bsky.social', 'link:https://riverside.org/agm', 'hashtag:#RiversideAGM']],
    ['webhook', []],
  ])('%s links what it links', (network, expected) => {
    expect(marked(text, network)).toEqual(expected);
  });

  it.each<NetworkName>(['mastodon', 'bluesky', 'x', 'linkedin', 'threads', 'webhook'])(
    '%s: the pieces put together are the text, exactly',
    (network) => {
      for (const sample of [
        text,
        '',
        'No links here.',
        '#first and last #',
        'a\n\nhttps://example.org/x?y=1\n',
        'ایمیل: @نام #تگ https://مثال.example/',
      ]) {
        expect(
          segments(sample, network)
            .map((segment) => segment.text)
            .join(''),
        ).toBe(sample);
      }
    },
  );

  it('links no address on a domain that is not a real one, as the networks do not', () => {
    expect(marked('See https://riverside.example/agm', 'x')).toEqual([]);
    expect(marked('See https://riverside.example/agm', 'mastodon')).toEqual([]);
  });

  it('does not take an e-mail address for a mention', () => {
    expect(marked('Write to board@riverside.example', 'mastodon')).toEqual([]);
    expect(marked('Write to board@riverside.example', 'bluesky')).toEqual([]);
    expect(marked('Write to board@riverside.example', 'x')).toEqual([]);
  });
});
