import { TID } from '@atproto/common-web';
import { describe, expect, it } from 'vitest';
import { credentialVariable } from '../../src/lib/networks/profiles.ts';
import { credentialsFor } from '../../src/publish/credentials.ts';
import { connectionFailure, failureText, httpFailure, parseRetryAfter } from '../../src/publish/failure.ts';
import { recordKey } from '../../src/publish/networks/bluesky.ts';
import { littleText } from '../../src/publish/networks/linkedin-text.ts';
import { deliveryId as idempotencyKey } from '../../src/publish/networks/adapter.ts';

describe('LinkedIn little text', () => {
  it('escapes the characters LinkedIn reads as markup', () => {
    expect(littleText('Vote (today) *now* for [item 3] ~ <3 _really_ \\ | {x} @board')).toBe(
      'Vote \\(today\\) \\*now\\* for \\[item 3\\] \\~ \\<3 \\_really\\_ \\\\ \\| \\{x\\} \\@board',
    );
  });

  it('leaves web addresses clickable and hashtags linked', () => {
    expect(littleText('See https://riverside.example/a_(b)?x=1 #green_city (now)')).toBe(
      'See https://riverside.example/a_(b)?x=1 #green_city \\(now\\)',
    );
  });

  it('leaves plain text, accents and emoji alone', () => {
    expect(littleText('Zażółć gęślą jaźń 🌧️, nothing to escape.')).toBe('Zażółć gęślą jaźń 🌧️, nothing to escape.');
  });
});

describe('keys that make a repeated send safe', () => {
  it('gives Mastodon the same Idempotency-Key for the same part and content, another for anything else', () => {
    const request = { key: 'agm/mastodon', contentHash: `sha256:${'a'.repeat(64)}` };
    expect(idempotencyKey(request, 0)).toBe(idempotencyKey({ ...request }, 0));
    expect(
      new Set([
        idempotencyKey(request, 0),
        idempotencyKey(request, 1),
        idempotencyKey({ ...request, contentHash: `sha256:${'b'.repeat(64)}` }, 0),
        idempotencyKey({ ...request, key: 'agm/mastodon-fr' }, 0),
      ]).size,
    ).toBe(4);
  });

  it('gives Bluesky a valid TID per part and attempt, the same in every run, in the second it was due', () => {
    const first = recordKey('agm/bluesky', '2026-12-03T17:30:00Z', 0);
    expect(first).toMatch(/^[234567abcdefghij][234567abcdefghijklmnopqrstuvwxyz]{12}$/);
    expect(recordKey('agm/bluesky', '2026-12-03T17:30:00Z', 0)).toBe(first);
    expect(TID.fromStr(first).timestamp()).toBeGreaterThanOrEqual(Date.parse('2026-12-03T17:30:00Z') * 1000);
    expect(TID.fromStr(first).timestamp()).toBeLessThan(Date.parse('2026-12-03T17:30:01Z') * 1000);
    expect(
      new Set([
        first,
        recordKey('agm/bluesky', '2026-12-03T17:30:00Z', 1),
        recordKey('agm/bluesky', '2026-12-03T17:30:00Z', 0, 1),
      ]).size,
    ).toBe(3);
  });

  it('gives Bluesky different keys for a thousand posts due in the same minute', () => {
    const keys = Array.from({ length: 1000 }, (_, i) => recordKey(`post-${i}/bluesky`, '2026-12-03T17:30:00Z', 0));
    expect(new Set(keys).size).toBe(1000);
  });
});

describe('failures', () => {
  it('reads Retry-After as seconds or as a date', () => {
    const now = Date.parse('2026-12-03T17:30:00Z');
    expect(parseRetryAfter('7', now)).toBe(7000);
    expect(parseRetryAfter('Thu, 03 Dec 2026 17:31:00 GMT', now)).toBe(60_000);
    expect(parseRetryAfter('soon', now)).toBeUndefined();
  });

  it('retries rate limits and server errors, asks a person about credentials, records the rest as refused', () => {
    expect(httpFailure(429, 'Too many requests').kind).toBe('transient');
    expect(httpFailure(503, 'Unavailable').kind).toBe('transient');
    expect(httpFailure(401, 'Invalid token')).toMatchObject({
      kind: 'setup',
      message: 'HTTP 401: Invalid token',
      reconnect:
        "create a new access token (or app password) on the network and store it in the channel's secret: this one was refused",
    });
    expect(failureText(httpFailure(401, 'Invalid token', undefined, 'store a new token in HERALD_M_TOKEN'), 'm')).toBe(
      'reconnect m: store a new token in HERALD_M_TOKEN (HTTP 401: Invalid token)',
    );
    expect(httpFailure(422, 'Validation failed').kind).toBe('rejected');
    // Any server error may come after the post was stored: networks without idempotency never retry it.
    expect(httpFailure(500, 'Internal error').mayHaveArrived).toBe(true);
    expect(httpFailure(504, 'Gateway timeout').mayHaveArrived).toBe(true);
    expect(httpFailure(429, 'Too many requests').mayHaveArrived).toBeUndefined();
  });

  it('tells a refused connection (nothing sent) from a reset one (maybe carried out)', () => {
    const refused = new TypeError('fetch failed', {
      cause: Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' }),
    });
    const reset = new TypeError('fetch failed', {
      cause: Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' }),
    });
    expect(connectionFailure(refused, 'https://m.example')).toEqual({
      kind: 'transient',
      message: 'https://m.example: the server refused the connection (ECONNREFUSED)',
    });
    expect(connectionFailure(reset, 'https://m.example')).toMatchObject({ kind: 'transient', mayHaveArrived: true });
    expect(connectionFailure(new Error('something else'), 'x')).toBeUndefined();
  });
});

describe('credentials', () => {
  it('are named after the channel id, upper-cased, hyphens as underscores', () => {
    expect(credentialVariable('mastodon-fr', 'TOKEN')).toBe('HERALD_MASTODON_FR_TOKEN');
  });

  it('name every missing variable at once, and a blank one counts as missing', () => {
    const channel = { id: 'x', network: 'x' as const };
    expect(() => credentialsFor(channel, { HERALD_X_API_KEY: 'k', HERALD_X_API_SECRET: '  ' })).toThrow(
      'channel "x" has no credentials: set HERALD_X_API_SECRET, HERALD_X_ACCESS_TOKEN, HERALD_X_ACCESS_SECRET (a repository secret in GitHub Actions)',
    );
  });
});
