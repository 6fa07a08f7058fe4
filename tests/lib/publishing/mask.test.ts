import { describe, expect, it } from 'vitest';
import { maskCommands, redact, secretsIn } from '../../../src/lib/publishing/mask.ts';

describe('secretsIn', () => {
  it("finds GitHub's tokens and every channel credential, and nothing else", () => {
    const env = {
      GITHUB_TOKEN: 'ghs_16C7e42F292c6912E7710c838347Ae178B4a',
      HERALD_MASTODON_TOKEN: 'mastodon-token-value',
      HERALD_BLUESKY_APP_PASSWORD: 'abcd-efgh-ijkl-mnop',
      HERALD_X_API_KEY: 'xkey1234',
      HERALD_X_ACCESS_SECRET: 'xsecret99',
      HERALD_TEAMS_TOKEN: 'github_pat_teams',
      HERALD_SLACK_URL: 'https://hooks.slack.com/services/T000/B000/XXXX',
      HERALD_PAUSED: '1',
      HERALD_DEBUG: 'verbose',
      GITHUB_REPOSITORY: 'riverside/social',
      PATH: '/usr/bin',
    };
    expect(secretsIn(env).filter((s) => !s.includes('%'))).toEqual([
      'https://hooks.slack.com/services/T000/B000/XXXX',
      'ghs_16C7e42F292c6912E7710c838347Ae178B4a',
      'mastodon-token-value',
      'abcd-efgh-ijkl-mnop',
      'github_pat_teams',
      'xsecret99',
      'xkey1234',
    ]);
  });

  it('adds the URL-encoded form of a secret that changes when encoded', () => {
    expect(secretsIn({ HERALD_SLACK_URL: 'https://hooks.example/a b' })).toEqual([
      'https%3A%2F%2Fhooks.example%2Fa%20b',
      'https://hooks.example/a b',
    ]);
  });

  it('takes a multi-line secret line by line, and skips empty and very short values', () => {
    expect(
      secretsIn({
        HERALD_X_API_KEY: 'first-line\r\nsecond-line\n',
        HERALD_X_API_SECRET: 'abc',
        HERALD_X_ACCESS_TOKEN: '',
      }),
    ).toEqual(['second-line', 'first-line']);
  });
});

describe('maskCommands', () => {
  it('registers each secret with the Actions runner, one command a line', () => {
    expect(maskCommands(['first-line', 'second-line'])).toEqual(['::add-mask::first-line', '::add-mask::second-line']);
  });
});

describe('redact', () => {
  it('replaces every occurrence of every secret', () => {
    expect(redact('token=ghs_abc123 again ghs_abc123, password xyzw-1234', ['ghs_abc123', 'xyzw-1234'])).toBe(
      'token=*** again ***, password ***',
    );
  });

  it('replaces the longer of two overlapping secrets whole, given secretsIn order', () => {
    const secrets = secretsIn({ HERALD_A_TOKEN: 'abcd', HERALD_B_TOKEN: 'abcdefgh' });
    expect(redact('key abcdefgh', secrets)).toBe('key ***');
  });

  it('leaves text without secrets as it is', () => {
    expect(redact('Published to mastodon.', ['ghs_abc123'])).toBe('Published to mastodon.');
  });
});
