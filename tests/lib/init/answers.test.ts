import { describe, expect, it } from 'vitest';
import {
  checkChannel,
  checkChannels,
  checkLocale,
  checkOrganization,
  checkRepository,
  checkTimeZone,
} from '../../../src/lib/init/answers.ts';

describe('the answers herald init takes', () => {
  it.each([
    ['Europe/Warsaw', 'Europe/Warsaw'],
    ['europe/warsaw', 'Europe/Warsaw'],
    ['UTC', 'UTC'],
  ])('time zone %s is %s', (given, value) => expect(checkTimeZone(given)).toEqual({ ok: true, value }));

  it('refuses a time zone that does not exist, with the one meant', () => {
    expect(checkTimeZone('Europe/Warsw')).toEqual({
      ok: false,
      message: '"Europe/Warsw" is not a time zone. Did you mean Europe/Warsaw? Write it as --time-zone Region/City.',
    });
  });

  it.each([
    ['en', 'en'],
    ['en-gb', 'en-GB'],
    ['fa-IR', 'fa-IR'],
    ['pl', 'pl'],
    // Unicode extensions (here the Islamic calendar for dates) are part of a tag, as in herald.yaml.
    ['en-u-ca-islamic', 'en-u-ca-islamic'],
    ['ar-EG-u-nu-latn', 'ar-EG-u-nu-latn'],
  ])('locale %s is %s', (given, value) => expect(checkLocale(given)).toEqual({ ok: true, value }));

  it.each(['english', 'en_GB', 'xx', '', 'xx-u-ca-islamic'])(
    'refuses the locale "%s", saying what to write',
    (given) => {
      const checked = checkLocale(given);
      expect(checked.ok).toBe(false);
      if (!checked.ok) expect(checked.message).toContain('--locale en-GB');
    },
  );

  it('takes a repository as owner/name, or its address, and refuses a name alone', () => {
    expect(checkRepository('harbour-rowing/social')).toEqual({ ok: true, value: 'harbour-rowing/social' });
    expect(checkRepository('https://github.com/harbour-rowing/social.git')).toEqual({
      ok: true,
      value: 'harbour-rowing/social',
    });
    for (const name of ['a/..', 'a/.']) expect(checkRepository(name).ok).toBe(false);
    expect(checkRepository('riverside')).toEqual({
      ok: false,
      message: expect.stringContaining('write its owner and name with a slash, e.g. --repo harbour-rowing/social'),
    });
  });

  it('refuses an organisation name the handbook could read as code', () => {
    expect(checkOrganization('  Harbour Rowing Club ')).toEqual({ ok: true, value: 'Harbour Rowing Club' });
    expect(checkOrganization('<Harbour>').ok).toBe(false);
    expect(checkOrganization(' ').ok).toBe(false);
  });
});

describe('channels from network:account', () => {
  it.each([
    [
      'mastodon:@news@social.example',
      { id: 'mastodon', network: 'mastodon', name: '@news@social.example', instance: 'https://social.example' },
    ],
    [
      'bluesky:@harbour.bsky.social',
      {
        id: 'bluesky',
        network: 'bluesky',
        name: '@harbour.bsky.social',
        handle: 'harbour.bsky.social',
        service: 'https://bsky.social',
      },
    ],
    ['x:HarbourNews', { id: 'x', network: 'x', name: '@HarbourNews', handle: 'HarbourNews' }],
    [
      'linkedin:123456',
      { id: 'linkedin', network: 'linkedin', name: 'Our LinkedIn page', organization: 'urn:li:organization:123456' },
    ],
    [
      'webhook:slack',
      { id: 'team-chat', network: 'webhook', name: 'Team chat', format: 'slack', notify: true, private: true },
    ],
  ])('%s', (spec, channel) => expect(checkChannel(spec)).toEqual({ ok: true, value: channel }));

  it('numbers a second account on the same network', () => {
    const checked = checkChannels(['mastodon:@news@social.example', 'mastodon:@events@social.example']);
    expect(checked.ok && checked.value.map((c) => c.id)).toEqual(['mastodon', 'mastodon-2']);
  });

  it('refuses an unknown network, an account in the wrong form, and no channel at all', () => {
    expect(checkChannel('myspace:@news')).toEqual({
      ok: false,
      message: expect.stringContaining(
        '"myspace" is not a network Herald publishes to. Write one of mastodon, bluesky, x, linkedin, threads, webhook',
      ),
    });
    expect(checkChannel('mastodn:@a@b.example')).toEqual({
      ok: false,
      message: expect.stringContaining('(did you mean mastodon?)'),
    });
    expect(checkChannel('mastodon:news')).toEqual({
      ok: false,
      message:
        '"mastodon:news" does not say which mastodon account: write --channel mastodon:@news@social.example (the account, then its server).',
    });
    expect(checkChannels([]).ok).toBe(false);
  });

  it.each([
    [['x:foo', 'x:foo'], 'x'],
    [['mastodon:@a@b.social', 'MASTODON:@A@B.SOCIAL'], 'mastodon'],
    [['bluesky:Club.bsky.social', 'bluesky:@club.bsky.social'], 'bluesky'],
    [['linkedin:123', 'linkedin:urn:li:organization:123'], 'linkedin'],
  ])('refuses the same account twice: %j', (specs, id) => {
    expect(checkChannels(specs)).toEqual({
      ok: false,
      message: `"${specs[1]}" is the account of channel ${id} again: name each account once, or every post would go out to it twice.`,
    });
  });

  it('takes two team chats of one kind: they are two chats', () => {
    const checked = checkChannels(['webhook:slack', 'webhook:slack']);
    expect(checked.ok && checked.value.map((channel) => channel.id)).toEqual(['team-chat', 'team-chat-2']);
  });
});
