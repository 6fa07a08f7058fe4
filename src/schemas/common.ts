import { z } from 'zod';

/**
 * Building blocks shared by every file format. Each carries a description and an example in its
 * metadata: the loader quotes them in error messages and the generated JSON Schema shows them in editors.
 */

/**
 * Names every JavaScript object already has (`constructor`, `toString`, `__proto__`, ...). As an id
 * they would find Object's own property wherever ids are looked up in an object, so they are refused.
 */
export const reservedNames: ReadonlySet<string> = new Set(Object.getOwnPropertyNames(Object.prototype));

export const slug = z
  .string()
  .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, { error: 'use lower-case letters, digits and single hyphens', abort: true })
  .refine((name) => !reservedNames.has(name), {
    error: (issue) => `"${String(issue.input)}" is a name every JavaScript object has, which Herald cannot use as an id; add a word, e.g. "${String(issue.input)}-1"`,
  })
  .meta({ description: 'An identifier of lower-case letters, digits and hyphens.' });

/** A GitHub login, or a team written as org/team. */
export const githubLogin = z
  .string()
  .regex(/^[A-Za-z0-9](?:[A-Za-z0-9-]{0,38})(?:\/[A-Za-z0-9_.-]+)?$/, 'use a GitHub login such as ada, or a team such as org/social')
  .meta({ description: 'A GitHub login, or a team as org/team.' });

/**
 * A wall-clock time in a time zone, kept as text: YAML would otherwise turn it into a UTC date.
 * The loader turns it into an instant (see src/lib/time/time.ts).
 */
export const localDateTime = z
  .string()
  .regex(
    /^\d{4}-\d{2}-\d{2}[ T]\d{2}:\d{2}(?::\d{2})?(?:Z|[+-]\d{2}:?\d{2})?$/,
    'write a date and a time like 2026-12-03 18:30 (optionally with an offset, like 2026-10-25 02:30+01:00)',
  )
  .meta({ description: 'Local date and time, YYYY-MM-DD HH:MM, in the post\'s time zone.', examples: ['2026-12-03 18:30'] });

/** A calendar date (or a date and time) after which something ends. */
export const localDateOrDateTime = z
  .string()
  .regex(
    /^\d{4}-\d{2}-\d{2}(?:[ T]\d{2}:\d{2}(?::\d{2})?(?:Z|[+-]\d{2}:?\d{2})?)?$/,
    'write a date like 2027-06-01, or a date and time like 2026-12-04 09:00',
  )
  .meta({ description: 'A date (YYYY-MM-DD) or a local date and time (YYYY-MM-DD HH:MM).', examples: ['2027-06-01'] });

export const isoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'write a date like 2026-11-23')
  .meta({ description: 'A calendar date, YYYY-MM-DD.' });

/** ISO 8601 duration such as P1Y, P3M, PT2H. Checked for sense by the loader with Temporal. */
export const isoDuration = z
  .string()
  .regex(
    /^P(?!$)(?:\d+Y)?(?:\d+M)?(?:\d+W)?(?:\d+D)?(?:T(?=\d)(?:\d+H)?(?:\d+M)?(?:\d+S)?)?$/,
    'write an ISO 8601 duration such as P1Y (a year), P3M (three months), P2W, PT2H (two hours)',
  )
  .meta({ description: 'An ISO 8601 duration such as P1Y, P3M or PT2H.' });

/** Who may reply to a post: anyone, the accounts it follows, its followers, the accounts it mentions, no one. */
export const replyRules = ['everyone', 'following', 'followers', 'mentioned', 'nobody'] as const;
export type ReplyRule = (typeof replyRules)[number];
/** Who may quote a post: anyone, the account's followers, no one. */
export const quoteRules = ['everyone', 'followers', 'nobody'] as const;
export type QuoteRule = (typeof quoteRules)[number];

export const httpUrl = z
  .url({ protocol: /^https?$/, error: 'write a full web address starting with https://' })
  .meta({ description: 'A web address.' });

/**
 * Whether a value is an http(s) address: the only kind Herald stores as a link or puts in an href.
 * Anything else (javascript:, data:, a relative path) could run a script on the site that also
 * hosts the CMS and its GitHub token.
 */
export function isHttpUrl(value: unknown): value is string {
  return httpUrl.safeParse(value).success;
}

/** An IANA time zone name; whether the zone exists is checked by the loader. */
export const timeZoneName = z
  .string()
  .min(1)
  .meta({ description: 'An IANA time zone name.' });

/** A BCP 47 locale such as en-GB or fa, as Intl reads it (which accepts any well-formed tag). */
export const localeTag = z
  .string()
  .refine((tag) => {
    try {
      return new Intl.Locale(tag).language.length > 0;
    } catch {
      return false;
    }
  }, 'write a language tag such as en-GB or fa-IR, with hyphens')
  .meta({ description: 'A BCP 47 language tag.' });

/**
 * The language of a post, a BCP 47 tag; whether it names a language a network can use is checked by
 * the loader (checkLanguage in src/lib/text/language.ts, rule post/language), which reads the IANA
 * registry that formats cannot depend on.
 */
export const postLanguage = z
  .string()
  .meta({ description: 'A BCP 47 language tag.', examples: ['en-GB'] });

export const severitySetting = z.enum(['error', 'warn', 'off']);
