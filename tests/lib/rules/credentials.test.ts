import { describe, expect, it } from 'vitest';
import { testConfig } from '../../helpers/project.ts';
import { findings, lineOf } from './helpers.ts';

/** testNow is 2026-11-23T12:00Z; herald.yaml's zone is Europe/Warsaw. */
const expiring = (date: string) =>
  testConfig.replace(
    'instance: https://mastodon.social',
    `instance: https://mastodon.social\n    credentialsExpire: ${date}`,
  );
const credentialFindings = (config: string) =>
  findings([], { config }).filter((p) => p.rule.startsWith('channel/credentials'));

describe('channel/credentials-expiring and channel/credentials-expired', () => {
  it('says nothing more than 14 days ahead', () => {
    expect(credentialFindings(expiring('2026-12-09'))).toEqual([]);
  });

  it('warns 14 days ahead, on the line of credentialsExpire, saying what to do', () => {
    const config = expiring('2026-12-05');
    expect(credentialFindings(config)).toEqual([
      expect.objectContaining({
        file: 'content/herald.yaml',
        line: lineOf(config, 'credentialsExpire'),
        rule: 'channel/credentials-expiring',
        severity: 'warning',
        message:
          'The credentials of channel "mastodon" expire on 2026-12-05, in 11 days: reconnect mastodon (create new credentials, store them in its secrets) and set its credentialsExpire to the new date.',
      }),
    ]);
  });

  it('is an error 3 days ahead and after', () => {
    expect(credentialFindings(expiring('2026-11-26')).map((p) => [p.rule, p.severity])).toEqual([
      ['channel/credentials-expired', 'error'],
    ]);
    expect(credentialFindings(expiring('2026-11-01'))[0]!.message).toContain('expired on 2026-11-01');
  });
});
