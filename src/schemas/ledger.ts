import { z } from 'zod';
import { httpUrl } from './common.ts';
import { networkName } from './config.ts';

/**
 * The publishing ledger: what Herald sent where. One entry per post and channel (and occurrence, for
 * an evergreen post that repeats). It is a file format: `.herald/ledger.json` for local runs, the same
 * JSON on the `herald-ledger` branch in Actions. People read it; they change it only through
 * `herald ledger`, because every entry and the whole ledger carry a seal (an HMAC with a key only the
 * publisher has), and a ledger changed any other way stops publishing. Unknown keys are refused.
 */

export const deliveryStates = ['pending', 'published', 'failed', 'missed', 'unknown', 'retracted', 'handedOff'] as const;
export const deliveryState = z.enum(deliveryStates);
export type DeliveryState = z.infer<typeof deliveryState>;

/** HMAC-SHA256 with HERALD_LEDGER_KEY, in hex (src/publish/ledger/seal.ts). */
const seal = z
  .string()
  .regex(/^hmac-sha256:[0-9a-f]{64}$/)
  .meta({ description: 'Proof that Herald wrote this: an HMAC-SHA256 with the key only the publisher has (HERALD_LEDGER_KEY).' });

const instant = z.iso.datetime({ offset: true }).meta({ description: 'A UTC instant, ISO 8601.' });

/** One published part of a thread (a status, a record, a tweet, a LinkedIn post, a webhook message). */
export const remotePart = z.strictObject({
  id: z.string().min(1).meta({ description: 'The network\'s id: status id, at:// URI, tweet id, share URN.' }),
  url: httpUrl.optional().meta({ description: 'Where people can see it: an http(s) address, never another scheme.' }),
  cid: z.string().min(1).optional().meta({ description: 'Bluesky only: the record\'s content id, needed to reply to it.' }),
  repostOf: z
    .string()
    .min(1)
    .optional()
    .meta({ description: 'A repost: the network\'s id of the reposted post (a status id, a post id, an at:// URI), which undoing the repost names.' }),
  hash: z
    .string()
    .regex(/^sha256:[0-9a-f]{64}$/)
    .optional()
    .meta({ description: 'Hash of what this part said (the first part: with its images and settings), so a thread is continued only under the parts that went out.' }),
});
export type RemotePart = z.infer<typeof remotePart>;

export const deliveryError = z.strictObject({
  message: z.string().min(1).meta({ description: 'What the network (or Herald) said, without secrets.' }),
  status: z.int().optional().meta({ description: 'HTTP status, when the network answered.' }),
  permanent: z
    .boolean()
    .meta({ description: 'true: the network refused this content; it is not sent again unless the post changes.' }),
  takeDown: z
    .boolean()
    .optional()
    .meta({ description: 'true: the error is about taking the post down (retract: true), not about sending it.' }),
});
export type DeliveryError = z.infer<typeof deliveryError>;

export const ledgerEntry = z.strictObject({
  post: z.string().min(1),
  channel: z.string().min(1),
  occurrence: instant.optional().meta({ description: 'For a repeating post: the scheduled instant of this occurrence.' }),
  network: networkName,
  state: deliveryState,
  contentHash: z
    .string()
    .regex(/^sha256:[0-9a-f]{64}$/)
    .meta({ description: 'Hash of exactly what was (to be) sent: the parts, media and their alt texts, settings.' }),
  parts: z.array(remotePart).default([]).meta({ description: 'The parts the network accepted, in thread order.' }),
  attempts: z.int().nonnegative().default(0),
  scheduledAt: instant,
  updatedAt: instant,
  publishedAt: instant.optional(),
  retractedAt: instant.optional(),
  handOff: z
    .strictObject({
      id: z.string().min(1).meta({ description: 'The scheduled status\'s id on the instance.' }),
      at: instant.meta({ description: 'When the instance is to publish it.' }),
    })
    .optional()
    .meta({ description: 'State handedOff: the network\'s own scheduler holds it (Mastodon\'s scheduled statuses) until a run confirms it went live.' }),
  claim: z
    .strictObject({ run: z.string().min(1), at: instant })
    .optional()
    .meta({ description: 'The run that is sending (state pending), so a second run leaves it alone.' }),
  error: deliveryError.optional(),
  file: z
    .string()
    .min(1)
    .optional()
    .meta({ description: 'The post\'s file when this was recorded: how a post whose file was renamed is recognised.' }),
  seal: seal.optional(),
});
export type LedgerEntry = z.infer<typeof ledgerEntry>;

const commitId = z.string().regex(/^[0-9a-f]{40}$/, 'a full commit id');

/**
 * What the approval gate remembers about an input it found reviewed (a post or image file, a setting
 * of herald.yaml), so later runs need not walk its history again: who approved each change it relied
 * on. The seal is keyed by the credentials of the channels it was judged for, which only the publish
 * run has, so an entry written by anyone else (who can push this branch) is ignored, never trusted.
 */
export const clearance = z.strictObject({
  input: z.string().min(1).meta({ description: 'A file path, or a setting of herald.yaml: channels.<id>, approvals, timezone, defaultBranch.' }),
  value: z.string().min(1).meta({ description: 'The reviewed value: a blob id, or sha256: of the setting as canonical JSON.' }),
  commit: commitId.meta({ description: 'The change on the default branch that brought the value.' }),
  rules: z.string().regex(/^sha256:[0-9a-f]{64}$/).meta({ description: 'Fingerprint of the channels, rules and authors it was judged by.' }),
  steps: z
    .array(
      z.strictObject({
        pull: z.int().positive(),
        approvals: z.array(z.strictObject({ login: z.string().min(1), commit: commitId })),
        extra: z.array(z.strictObject({ scopes: z.array(z.string()), required: z.int().min(0), reviewers: z.array(z.string()) })).optional(),
      }),
    )
    .meta({ description: 'Every reviewed change it relies on, newest first: the pull request and the approvals that counted.' }),
  clearedAt: instant,
  seal: z.string().regex(/^hmac-sha256:[0-9a-f]{64}$/),
});
export type Clearance = z.infer<typeof clearance>;

/**
 * What started a publish run (GITHUB_EVENT_NAME): GitHub's schedule, a `repository_dispatch` an
 * outside scheduler sent, a person (`workflow_dispatch`), a push, or a run outside Actions.
 */
export const runTriggers = ['schedule', 'dispatch', 'manual', 'push', 'local'] as const;
export const runTrigger = z.enum(runTriggers);
export type RunTrigger = z.infer<typeof runTrigger>;

/** One publish run: when it started against the schedule slot it stands for (src/lib/ledger/runs.ts). */
export const runRecord = z.strictObject({
  run: z.string().min(1).meta({ description: 'The run\'s id, as in the claims it wrote.' }),
  startedAt: instant,
  trigger: runTrigger,
  cron: z.string().min(1).optional().meta({ description: 'The schedule that started it (the workflow\'s cron line), for a scheduled run.' }),
  slot: instant.optional().meta({ description: 'The schedule slot it stands for: the first time of its cron after the slot the previous scheduled run stood for.' }),
  lateSeconds: z.int().nonnegative().optional().meta({ description: 'How long after its slot it started.' }),
  finishedAt: instant.optional().meta({ description: 'When it ended; a run without one died, or is still going.' }),
  logins: z
    .record(z.string().min(1), z.int().positive())
    .optional()
    .meta({ description: 'Logins per channel id, on networks that limit them a day (Bluesky\'s createSession).' }),
});
export type RunRecord = z.infer<typeof runRecord>;

export const ledgerSchema = z.strictObject({
  version: z.literal(1),
  entries: z.record(z.string().min(1), ledgerEntry).default({}),
  seal: seal.optional().meta({ description: 'Seals every entry and which entries there are, so none is removed unnoticed.' }),
  sealedWith: z
    .string()
    .regex(/^[0-9a-f]{16}$/)
    .optional()
    .meta({ description: 'Which HERALD_LEDGER_KEY sealed it: an HMAC of a fixed text, which tells keys apart without revealing them.' }),
  notices: z
    .array(
      z.strictObject({
        channel: z.string().min(1),
        level: z.enum(['warning', 'alarm']).meta({ description: 'warning: 14 days ahead; alarm: 3 days ahead.' }),
        expires: instant.meta({ description: 'The expiry the notice was about: a new date is told about again.' }),
        at: instant,
      }),
    )
    .optional()
    .meta({ description: 'Notices sent to the notify webhooks about expiring credentials, so each is sent once (src/lib/publishing/expiry-notices.ts).' }),
  runs: z.array(runRecord).optional().meta({ description: 'The latest publish runs, oldest first, bounded (src/lib/ledger/runs.ts).' }),
  cleared: z.array(clearance).optional().meta({ description: 'The approval gate\'s memory of reviewed inputs (src/publish/approvals/cache.ts).' }),
});
export type Ledger = z.infer<typeof ledgerSchema>;

export const emptyLedger = (): Ledger => ({ version: 1, entries: {} });

