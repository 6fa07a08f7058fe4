import { Temporal } from 'temporal-polyfill';
import type { Channel } from '../../schemas/config.ts';

/**
 * Credentials that expire (LinkedIn's access tokens after 60 days; any a channel says
 * `credentialsExpire:` for): a warning 14 days ahead, an alarm 3 days ahead and after. `herald
 * validate` reports them, and the publish run tells the notify webhooks once at each step.
 */

export const expiryWarningDays = 14;
export const expiryAlarmDays = 3;
const dayMs = 24 * 60 * 60_000;

export interface CredentialExpiry {
  channel: string;
  /** When the credentials stop working, UTC ISO 8601. */
  expires: string;
  /** That day in herald.yaml's time zone, YYYY-MM-DD. */
  day: string;
  /** Whole days left, rounded down; negative once expired. */
  daysLeft: number;
  /** `warning`: within 14 days; `alarm`: within 3 days, or expired. */
  level: 'warning' | 'alarm';
}

/** The instant a `credentialsExpire` date begins in herald.yaml's time zone. */
export function expiryInstant(date: string, zone: string): string {
  return Temporal.PlainDate.from(date).toZonedDateTime(zone).toInstant().toString();
}

/** The expiry of one channel's credentials, when it is near; `expires` overrides the channel's own date (e.g. what the network reported). */
export function credentialExpiry(
  channel: Pick<Channel, 'id' | 'credentialsExpire'>,
  zone: string,
  now: number,
  expires?: string,
): CredentialExpiry | undefined {
  const at = expires ?? (channel.credentialsExpire ? expiryInstant(channel.credentialsExpire, zone) : undefined);
  if (!at) return undefined;
  const left = Date.parse(at) - now;
  if (left > expiryWarningDays * dayMs) return undefined;
  const day = Temporal.Instant.from(at).toZonedDateTimeISO(zone).toPlainDate().toString();
  return {
    channel: channel.id,
    expires: at,
    day,
    daysLeft: Math.floor(left / dayMs),
    level: left <= expiryAlarmDays * dayMs ? 'alarm' : 'warning',
  };
}

/** What to tell people about it. */
export function expiryMessage(expiry: CredentialExpiry): string {
  const when =
    expiry.daysLeft < 0
      ? `expired on ${expiry.day}`
      : `expire on ${expiry.day}, in ${expiry.daysLeft} day${expiry.daysLeft === 1 ? '' : 's'}`;
  return `The credentials of channel "${expiry.channel}" ${when}: reconnect ${expiry.channel} (create new credentials, store them in its secrets) and set its credentialsExpire to the new date.`;
}
