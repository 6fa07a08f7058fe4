import { describe, expect, it } from 'vitest';
import { placePosts } from '../../../src/lib/calendar/calendar.ts';
import { costOf, monthCosts } from '../../../src/lib/networks/costs.ts';
import { networkProfiles } from '../../../src/lib/networks/profiles.ts';
import { payloadFor } from '../../../src/lib/text/payload.ts';
import { file, load, post } from '../../helpers/project.ts';

const path = (name: string) => `content/posts/2026/12/${name}.mdx`;

describe("X's pay-per-use price of a post", () => {
  const project = load([
    file(path('plain'), post('title: P\npublishAt: 2026-12-03 18:30\nchannels: [x, mastodon]', 'Doors open at seven.')),
    file(
      path('linked'),
      post(
        'title: L\npublishAt: 2026-12-03 18:30\nchannels: [x]',
        'Agenda: example.org/agm\n\n---\n\nQuestions? Reply here.',
      ),
    ),
    file(
      path('repost'),
      post(
        'title: RP\npublishAt: 2026-12-03 18:30\nchannels: [x]\nrepost: https://x.com/ada/status/1860000000000000042',
        '',
      ),
    ),
    file(
      path('repeat'),
      post(
        'title: R\npublishAt: 2026-12-03 18:30\nkind: evergreen\nrepeat: { every: P1W, until: 2027-01-10 }\nchannels: [x]',
        'Weekly reminder.',
      ),
    ),
  ]);
  const payload = (id: string, channel = 'x') =>
    payloadFor(
      project.posts.find((p) => p.id === id)!,
      project.channels[channel]!,
    );

  it('is the price of creating a post, and nothing on Mastodon', () => {
    expect(costOf(payload('plain'), 'x')).toEqual({ network: 'x', amount: 0.015, currency: 'USD' });
    expect(costOf(payload('plain', 'mastodon'), 'mastodon')).toBeUndefined();
  });

  it("is one repost's price for a repost, whatever the reposted post holds", () => {
    expect(costOf(payload('repost'), 'x')).toEqual({ network: 'x', amount: 0.015, currency: 'USD' });
  });

  it('charges a part with a link (as X finds links, without https:// too) over 13 times as much', () => {
    expect(costOf(payload('linked'), 'x')!.amount).toBe(0.215);
    expect(networkProfiles.x.costs.postWithLink / networkProfiles.x.costs.post).toBeGreaterThan(13);
  });

  it("adds each image's alt text request", () => {
    const withImages = {
      ...payload('plain'),
      media: [
        { file: 'a.png', alt: 'A' },
        { file: 'b.png', alt: 'B' },
      ],
    };
    expect(costOf(withImages, 'x')!.amount).toBe(0.025);
  });

  it('sums a month per network, every repetition counted, none from the next month', () => {
    const placed = placePosts(project.posts, 'Europe/Warsaw');
    // December: plain, linked (two parts), the repost and the repetitions on 3, 10, 17, 24 and 31 December.
    expect(monthCosts(placed, project.channels, '2026-12')).toEqual([
      { network: 'x', amount: 0.015 + 0.215 + 0.015 + 5 * 0.015, currency: 'USD', deliveries: 8 },
    ]);
    expect(monthCosts(placed, project.channels, '2027-01')).toEqual([
      { network: 'x', amount: 0.015, currency: 'USD', deliveries: 1 },
    ]);
    expect(monthCosts(placed, project.channels, '2027-02')).toEqual([]);
  });

  it('names its source and the day the prices were read', () => {
    expect(networkProfiles.x.costs).toMatchObject({
      source: 'https://docs.x.com/x-api/getting-started/pricing',
      checked: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/),
    });
  });
});
