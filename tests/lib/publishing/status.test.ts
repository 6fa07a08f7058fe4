import { describe, expect, it } from 'vitest';
import { ledgerKey } from '../../../src/lib/publishing/schedule.ts';
import { channelStatus, ledgerLookup, type LedgerRecord } from '../../../src/lib/publishing/status.ts';
import type { Ledger } from '../../../src/schemas/ledger.ts';
import { file, load, post } from '../../helpers/project.ts';

const { posts } = load([
  file('content/posts/2026/12/plain.mdx', post('title: Plain\npublishAt: 2026-12-03 18:30\nchannels: [mastodon, x]')),
  file(
    'content/posts/2026/12/expiring.mdx',
    post('title: Expiring\npublishAt: 2026-12-03 18:30\nexpiresAt: 2026-12-03 19:00\nchannels: [mastodon]'),
  ),
  file(
    'content/posts/2026/12/retracted.mdx',
    post('title: Retracted\npublishAt: 2026-12-03 18:30\nretract: true\nchannels: [mastodon]'),
  ),
]);
const byId = (id: string) => posts.find((p) => p.id === id)!;
// 18:30 in Warsaw on 3 December is 17:30 UTC.
const at = (iso: string) => Date.parse(iso);
const context = (now: string, extra: { paused?: boolean; ledger?: Record<string, LedgerRecord> } = {}) => ({
  now: at(now),
  window: 'PT2H',
  paused: extra.paused ?? false,
  ...(extra.ledger && { ledger: (id: string, channel: string) => extra.ledger![`${id}/${channel}`] }),
});

describe('post status', () => {
  it('is scheduled before its time and within the window', () => {
    expect(channelStatus(byId('plain'), 'mastodon', context('2026-12-01T00:00:00Z'))).toEqual({ state: 'scheduled' });
    expect(channelStatus(byId('plain'), 'mastodon', context('2026-12-03T19:29:00Z'))).toEqual({ state: 'scheduled' });
  });

  it('is paused while publishing is paused', () => {
    expect(channelStatus(byId('plain'), 'mastodon', context('2026-12-01T00:00:00Z', { paused: true }))).toEqual({
      state: 'paused',
    });
  });

  it('is missed once the window has passed without a record', () => {
    expect(channelStatus(byId('plain'), 'x', context('2026-12-03T19:31:00Z'))).toEqual({
      state: 'missed',
      at: '2026-12-03T19:30:00Z',
    });
  });

  it('is expired after its expiry, before being missed', () => {
    expect(channelStatus(byId('expiring'), 'mastodon', context('2026-12-03T18:00:00Z'))).toEqual({
      state: 'expired',
      at: '2026-12-03T18:00:00Z',
    });
    expect(channelStatus(byId('expiring'), 'mastodon', context('2026-12-03T17:59:00Z'))).toEqual({
      state: 'scheduled',
    });
  });

  it('is retracted when the post asks to be taken down', () => {
    expect(channelStatus(byId('retracted'), 'mastodon', context('2026-12-01T00:00:00Z'))).toEqual({
      state: 'retracted',
    });
  });

  it('takes what happened from the ledger, per channel', () => {
    const ledger: Record<string, LedgerRecord> = {
      'plain/mastodon': { state: 'published', url: 'https://mastodon.social/@riverside/1', at: '2026-12-03T17:30:04Z' },
      'plain/x': { state: 'failed', message: 'duplicate content', at: '2026-12-03T17:30:05Z' },
    };
    const now = context('2026-12-04T00:00:00Z', { ledger });
    expect(channelStatus(byId('plain'), 'mastodon', now)).toEqual({
      state: 'published',
      url: 'https://mastodon.social/@riverside/1',
      at: '2026-12-03T17:30:04Z',
    });
    expect(channelStatus(byId('plain'), 'x', now)).toEqual({
      state: 'failed',
      message: 'duplicate content',
      at: '2026-12-03T17:30:05Z',
    });
  });

  describe('an evergreen post', () => {
    const weekly = load([
      file(
        'content/posts/2026/12/tip.mdx',
        post(
          'title: Tip\npublishAt: 2026-12-01 10:00\nchannels: [mastodon]\nkind: evergreen\nrepeat: { every: P1W, until: 2026-12-31 }\nmedia:\n  - { src: ./hall.jpg, alt: The hall, rights: licensed, credit: Jan, expiresAt: 2026-12-20 }',
        ),
      ),
    ]).posts[0]!;
    const first = '2026-12-01T09:00:00Z';
    const ledger: Ledger = {
      version: 1,
      entries: {
        [ledgerKey('tip', 'mastodon', first)]: {
          post: 'tip',
          channel: 'mastodon',
          network: 'mastodon',
          occurrence: first,
          state: 'published',
          attempts: 1,
          contentHash: `sha256:${'0'.repeat(64)}`,
          scheduledAt: first,
          publishedAt: '2026-12-01T09:00:03Z',
          updatedAt: '2026-12-01T09:00:03Z',
          parts: [{ id: '7', url: 'https://mastodon.social/@riverside/7' }],
        },
      },
    };
    const on = (now: string) => ({ now: at(now), window: 'PT2H', paused: false, ledger: ledgerLookup(ledger) });

    it('tells its publications apart: each by its own ledger entry, window and licence', () => {
      const now = on('2026-12-09T12:00:00Z');
      expect(channelStatus(weekly, 'mastodon', now, first)).toMatchObject({
        state: 'published',
        url: 'https://mastodon.social/@riverside/7',
      });
      expect(channelStatus(weekly, 'mastodon', now, '2026-12-08T09:00:00Z')).toEqual({
        state: 'missed',
        at: '2026-12-08T11:00:00Z',
      });
      expect(channelStatus(weekly, 'mastodon', now, '2026-12-15T09:00:00Z')).toEqual({ state: 'scheduled' });
      // The photo's licence ends on the 20th: the repetition on the 22nd will not go out.
      expect(channelStatus(weekly, 'mastodon', now, '2026-12-22T09:00:00Z')).toMatchObject({ state: 'expired' });
    });

    it('stands as a whole for its next publication still in its window', () => {
      expect(channelStatus(weekly, 'mastodon', on('2026-12-01T10:00:00Z'))).toMatchObject({ state: 'published' });
      expect(channelStatus(weekly, 'mastodon', on('2026-12-09T12:00:00Z'))).toEqual({ state: 'scheduled' });
    });
  });

  it('never shows an unconfirmed send as scheduled', () => {
    const ledger: Record<string, LedgerRecord> = { 'plain/x': { state: 'pending', at: '2026-12-03T17:30:00Z' } };
    expect(channelStatus(byId('plain'), 'x', context('2026-12-03T17:31:00Z', { ledger }))).toEqual({
      state: 'unknown',
      at: '2026-12-03T17:30:00Z',
    });
  });
});
