import { describe, expect, it } from 'vitest';
import { accountOf, initialOf } from '../../../src/lib/text/account.ts';
import type { Channel } from '../../../src/schemas/config.ts';

const organization = "Riverside Residents' Association";

describe('the account a preview shows', () => {
  it('is the organisation with its handle on Mastodon, Bluesky and X', () => {
    const mastodon: Channel = {
      id: 'mastodon',
      network: 'mastodon',
      name: '@riverside@mastodon.social',
      instance: 'https://mastodon.social',
    };
    const bluesky: Channel = {
      id: 'bluesky',
      network: 'bluesky',
      handle: 'riverside.bsky.social',
      service: 'https://bsky.social',
    };
    const x: Channel = { id: 'x', network: 'x', handle: 'RiversideRA' };
    expect([mastodon, bluesky, x].map((channel) => accountOf(channel, organization))).toEqual([
      { name: organization, handle: '@riverside@mastodon.social' },
      { name: organization, handle: '@riverside.bsky.social' },
      { name: organization, handle: '@RiversideRA' },
    ]);
  });

  it('falls back to what herald.yaml does say: the Mastodon server, an X name written as a handle', () => {
    expect(
      accountOf(
        { id: 'm', network: 'mastodon', name: 'Our Mastodon', instance: 'https://social.example:8443/' },
        organization,
      ),
    ).toEqual({ name: organization, handle: 'social.example:8443' });
    expect(accountOf({ id: 'x', network: 'x', name: '@RiversideRA' }, organization)).toEqual({
      name: organization,
      handle: '@RiversideRA',
    });
    expect(accountOf({ id: 'x', network: 'x', name: 'Riverside on X' }, organization)).toEqual({ name: organization });
  });

  it('is the company page on LinkedIn and the channel itself on a webhook', () => {
    expect(
      accountOf({ id: 'linkedin', network: 'linkedin', organization: 'urn:li:organization:1' }, organization),
    ).toEqual({ name: organization });
    expect(
      accountOf(
        { id: 'team', network: 'webhook', name: '#social in Slack', format: 'slack', notify: false },
        organization,
      ),
    ).toEqual({ name: '#social in Slack' });
  });

  it('puts the first character of the name on the avatar, whole', () => {
    expect(['Riverside', '@riverside', '#social', '🎉 Party', '👩🏽‍🔬 Lab', 'élan', '', '  x'].map(initialOf)).toEqual([
      'R',
      'R',
      'S',
      '🎉',
      '👩🏽‍🔬',
      'É',
      '',
      'X',
    ]);
  });
});
