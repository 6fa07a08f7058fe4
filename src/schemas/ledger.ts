import { z } from 'zod';
import { httpUrl } from './common.ts';
import { networkName } from './config.ts';

/**
 * The publishing ledger: what Herald sent where. One entry per post and channel (and occurrence, for
 * an evergreen post that repeats). It is a file format: `.herald/ledger.json` for local runs, the same
 * JSON on the `herald-ledger` branch in Actions. People read it and, to settle an "unknown" delivery,
 * edit it by hand; unknown keys are refused so a typo is not silently ignored.
 */

export const deliveryStates = ['pending', 'published', 'failed', 'missed', 'unknown', 'retracted'] as const;
export const deliveryState = z.enum(deliveryStates);
export type DeliveryState = z.infer<typeof deliveryState>;

const instant = z.iso.datetime({ offset: true }).meta({ description: 'A UTC instant, ISO 8601.' });

/** One published part of a thread (a status, a record, a tweet, a LinkedIn post, a webhook message). */
export const remotePart = z.strictObject({
  id: z.string().min(1).meta({ description: 'The network\'s id: status id, at:// URI, tweet id, share URN.' }),
  url: httpUrl.optional().meta({ description: 'Where people can see it: an http(s) address, never another scheme.' }),
  cid: z.string().min(1).optional().meta({ description: 'Bluesky only: the record\'s content id, needed to reply to it.' }),
});
export type RemotePart = z.infer<typeof remotePart>;

export const deliveryError = z.strictObject({
  message: z.string().min(1).meta({ description: 'What the network (or Herald) said, without secrets.' }),
  status: z.int().optional().meta({ description: 'HTTP status, when the network answered.' }),
  permanent: z
    .boolean()
    .meta({ description: 'true: the network refused this content; it is not sent again unless the post changes.' }),
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
  claim: z
    .strictObject({ run: z.string().min(1), at: instant })
    .optional()
    .meta({ description: 'The run that is sending (state pending), so a second run leaves it alone.' }),
  error: deliveryError.optional(),
});
export type LedgerEntry = z.infer<typeof ledgerEntry>;

export const ledgerSchema = z.strictObject({
  version: z.literal(1),
  entries: z.record(z.string().min(1), ledgerEntry).default({}),
});
export type Ledger = z.infer<typeof ledgerSchema>;

export const emptyLedger = (): Ledger => ({ version: 1, entries: {} });

