import { createHash } from 'node:crypto';
import type { Payload } from '../../lib/text/payload.ts';
import type { PublicImage } from '../../lib/publishing/public-media.ts';
import type { NetworkName } from '../../schemas/config.ts';
import type { RemotePart } from '../../schemas/ledger.ts';
import type { Failure } from '../failure.ts';
import type { LoadedMedia } from '../media.ts';

/** One delivery as an adapter receives it. */
export interface SendRequest {
  /** The ledger key: stable across runs, the seed of idempotency keys and record keys. */
  key: string;
  /** Hash of the payload, so an idempotency key changes when the content does. */
  contentHash: string;
  /** When it was due: no send of it can have begun earlier, which bounds a look for it on the network. */
  scheduledAt: string;
  payload: Payload;
  media: LoadedMedia[];
  /**
   * Where each image (in `media`'s order) is on the web, for a network that fetches images itself
   * (Threads); the others upload `media`.
   */
  publicMedia?: PublicImage[];
  /** The link card with its picture, where the payload has one and it could be made (see Payload.card). */
  card?: LoadedCard;
  /** Parts an earlier attempt already published: the adapter continues the thread after them. */
  sent: RemotePart[];
  /** Called after each part the network accepted, so the ledger can record it before the next. */
  onPart(part: RemotePart): Promise<void>;
}

/** A link card ready to send: from the post's `card:`, or read from the page when publishing. */
export interface LoadedCard {
  url: string;
  title: string;
  description: string;
  image?: { data: Uint8Array; mimeType: string };
}

/**
 * What every network adapter offers: the same few methods, so the publish run treats them alike.
 * Network quirks live next to the adapter in named helpers (bluesky-text.ts, linkedin-text.ts).
 */
export interface Adapter {
  readonly network: NetworkName;
  /** Publishes the parts not yet in `sent`; returns every part of the thread. */
  send(request: SendRequest): Promise<RemotePart[]>;
  /**
   * Which parts of this delivery the network already has, in thread order, starting with `sent`:
   * asked before anything is sent again that may have arrived. Only on networks that can be asked for
   * free (see networkTraits); where it is absent, a delivery that may have arrived is reported unknown.
   */
  find?(request: Omit<SendRequest, 'media' | 'onPart'>): Promise<RemotePart[]>;
  /**
   * Hands a one-part delivery to the network's own scheduler, to be published at `at`; returns the
   * scheduled item's id and time. Only where the network has one (Mastodon); repeating it for the
   * same delivery returns the item already scheduled.
   */
  schedule?(request: SendRequest, at: string): Promise<HandedOff>;
  /** Takes back a scheduled item; one already gone is fine. */
  unschedule?(id: string): Promise<void>;
  /** Whether the network's scheduler still holds the item (false: published, or deleted on the network). */
  stillScheduled?(id: string): Promise<boolean>;
  /** When the credentials expire, where the network can tell (LinkedIn's token introspection); undefined when it cannot. */
  credentialsExpire?(): Promise<string | undefined>;
  /** How many times this adapter logged in, where the network limits logins a day (its profile's loginsPerDay). */
  logins?(): number;
  /** Deletes a published thread, last part first. */
  retract(parts: RemotePart[]): Promise<void>;
  /** Whether an error from `send` or `retract` is worth retrying, and what to tell people. */
  classify(error: unknown): Failure;
}

/** A delivery the network's scheduler holds. */
export interface HandedOff {
  id: string;
  at: string;
}

/** How adapters reach the outside world; tests shorten the timeout. */
export interface AdapterOptions {
  /** Milliseconds before one request is given up (and retried). */
  timeoutMs: number;
  now(): number;
  /** Waiting, e.g. for an uploaded video or image to be processed; tests pass one that returns at once. */
  sleep(ms: number): Promise<void>;
}

/**
 * The id of one delivery of one content (and of one part of it, when given): the same in every
 * attempt of every run, another as soon as the content changes. Mastodon receives it as the
 * Idempotency-Key of each part, webhooks as the Idempotency-Key of their one message.
 */
export function deliveryId(request: Pick<SendRequest, 'key' | 'contentHash'>, part?: number): string {
  const seed =
    part === undefined ? `${request.key}\n${request.contentHash}` : `${request.key}\n${request.contentHash}\n${part}`;
  return `herald-${createHash('sha256').update(seed).digest('hex').slice(0, 40)}`;
}
