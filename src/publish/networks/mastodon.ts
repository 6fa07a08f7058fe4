import { createRestAPIClient, MastoHttpError, MastoTimeoutError, MastoUnexpectedError, type mastodon } from 'masto';
import type { Payload } from '../../lib/text/payload.ts';
import { isHttpUrl } from '../../schemas/common.ts';
import type { Channel } from '../../schemas/config.ts';
import type { RemotePart } from '../../schemas/ledger.ts';
import { credentialsFor } from '../credentials.ts';
import {
  connectionFailure,
  creating,
  DeliveryFailure,
  httpFailure,
  parseRetryAfter,
  type Failure,
} from '../failure.ts';
import { deliveryId, type Adapter, type AdapterOptions, type HandedOff, type SendRequest } from './adapter.ts';
import { LinkError, parseLink } from './link.ts';

type MastodonChannel = Extract<Channel, { network: 'mastodon' }>;

/** Mastodon keeps an Idempotency-Key for an hour; a resend later than this could post twice. */
const idempotencyKeptMs = 50 * 60_000;
/** How often to ask, a second apart, whether an uploaded image or video has finished processing. */
const mediaPolls = { image: 30, video: 300 };
/** A server's clock may be this far behind the runner's: statuses are looked for from this long before the post was due. */
const clockSkewMs = 10 * 60_000;
/** Pages of the account's latest statuses (40 each) searched for a send that may have arrived. */
const lookupPages = 5;

/**
 * Mastodon through masto.js: images uploaded with their descriptions, the thread as replies, the
 * post's visibility and content warning, and an Idempotency-Key per part derived from the ledger key
 * and content, so a retry in this run returns the status already created. Mastodon forgets the key
 * after an hour, so a send that may have arrived is looked up among the account's own latest
 * statuses (the exact source text of each, its reply and content warning) before a later run sends
 * anything again. That needs the read:accounts and read:statuses scopes; without them the delivery is
 * reported unknown. A repost is a boost of the status found from its link, which Mastodon makes once
 * however often it is asked, undone with unreblog.
 */
export class MastodonAdapter implements Adapter {
  readonly network = 'mastodon';
  /** See networkTraits in index.ts. */
  static readonly traits = { safeResendMs: idempotencyKeptMs, lookup: true, handOff: true };
  readonly #client: mastodon.rest.Client;
  readonly #channel: MastodonChannel;
  readonly #options: AdapterOptions;

  constructor(channel: MastodonChannel, env: Record<string, string | undefined>, options: AdapterOptions) {
    const { TOKEN } = credentialsFor(channel, env);
    this.#channel = channel;
    this.#options = options;
    this.#client = createRestAPIClient({
      url: channel.instance,
      accessToken: TOKEN,
      timeout: options.timeoutMs,
      log: 'error',
    });
  }

  async send(request: SendRequest): Promise<RemotePart[]> {
    const { payload } = request;
    if (payload.repost) return this.#boost(request, payload.repost);
    const parts = [...request.sent];
    const mediaIds = parts.length === 0 ? await this.#upload(request) : [];
    const quoted = parts.length === 0 ? await this.#quoted(payload) : {};
    for (let i = parts.length; i < payload.parts.length; i++) {
      const status = await creating(
        () =>
          this.#client.v1.statuses.create(
            {
              status: payload.parts[i]!,
              visibility: payload.visibility ?? 'public',
              ...(payload.language ? { language: payload.language } : {}),
              ...(payload.contentWarning ? { spoilerText: payload.contentWarning } : {}),
              ...(i === 0 ? attachments(payload, mediaIds) : {}),
              ...quotePolicy(payload),
              ...(i === 0 ? quoted : {}),
              ...(i > 0 ? { inReplyToId: parts[i - 1]!.id } : {}),
            },
            { requestInit: { headers: { 'Idempotency-Key': deliveryId(request, i) } } },
          ),
        (error) => this.classify(error),
        { repeatable: true },
      );
      // The server names the address: only an http(s) one is kept, the site links to it.
      const url = [status.url, status.uri].find(isHttpUrl);
      const part: RemotePart = { id: status.id, ...(url && { url }) };
      parts.push(part);
      await request.onPart(part);
    }
    return parts;
  }

  /**
   * A scheduled status (POST /api/v1/statuses with scheduled_at): Mastodon publishes it at that time
   * by itself. Its Idempotency-Key is the delivery's, marked as a hand-off and with the time, so a
   * run that died after creating it gets the same one back within the hour; after that, the key is
   * still in the scheduled status's params, and the account's scheduled statuses are looked through
   * for it first.
   */
  async schedule(request: SendRequest, at: string): Promise<HandedOff> {
    const key = `${deliveryId(request, 0)}-at-${Date.parse(at)}`;
    for await (const page of this.#client.v1.scheduledStatuses.list({ limit: 40 })) {
      const found = (page as ScheduledWithKey[]).find((item) => item.params.idempotency === key);
      if (found) return { id: found.id, at: new Date(found.scheduledAt).toISOString() };
    }
    const { payload } = request;
    const mediaIds = await this.#upload(request);
    const quoted = await this.#quoted(payload);
    const scheduled = await this.#client.v1.statuses.create(
      {
        status: payload.parts[0]!,
        visibility: payload.visibility ?? 'public',
        scheduledAt: at,
        ...(payload.language ? { language: payload.language } : {}),
        ...(payload.contentWarning ? { spoilerText: payload.contentWarning } : {}),
        ...attachments(payload, mediaIds),
        ...quotePolicy(payload),
        ...quoted,
      },
      { requestInit: { headers: { 'Idempotency-Key': key } } },
    );
    return { id: scheduled.id, at: new Date(scheduled.scheduledAt).toISOString() };
  }

  async unschedule(id: string): Promise<void> {
    try {
      await this.#client.v1.scheduledStatuses.$select(id).remove();
    } catch (error) {
      if (!(error instanceof MastoHttpError && error.statusCode === 404)) throw error;
    }
  }

  async stillScheduled(id: string): Promise<boolean> {
    try {
      await this.#client.v1.scheduledStatuses.$select(id).fetch();
      return true;
    } catch (error) {
      if (error instanceof MastoHttpError && error.statusCode === 404) return false;
      throw error;
    }
  }

  async find(request: Omit<SendRequest, 'media' | 'onPart'>): Promise<RemotePart[]> {
    try {
      return await this.#find(request);
    } catch (error) {
      if (!(error instanceof MastoHttpError && error.statusCode === 403)) throw error;
      throw new DeliveryFailure({
        kind: 'setup',
        status: 403,
        message: `the token cannot read the account's statuses: give it the read:accounts and read:statuses scopes too, so Herald can look by itself`,
      });
    }
  }

  async #find(request: Omit<SendRequest, 'media' | 'onPart'>): Promise<RemotePart[]> {
    const { payload } = request;
    if (payload.repost) {
      if (request.sent.length > 0) return [...request.sent];
      // The status as this account sees it says whether the account boosted it; the boost's own id
      // is not in it, and undoing a boost names only the boosted status.
      const status = await this.#status(payload.repost, 'repost');
      return status.reblogged ? [{ id: status.id, url: payload.repost, repostOf: status.id }] : [];
    }
    const parts = [...request.sent];
    const me = await this.#client.v1.accounts.verifyCredentials();
    const since = Date.parse(request.scheduledAt) - clockSkewMs;
    const recent: mastodon.v1.Status[] = [];
    let pages = 0;
    let reachedSince = false;
    for await (const page of this.#client.v1.accounts
      .$select(me.id)
      .statuses.list({ limit: 40, excludeReblogs: true })) {
      recent.push(...page);
      if (page.length === 0 || page.some((status) => Date.parse(status.createdAt) < since)) {
        reachedSince = true;
        break;
      }
      if (++pages >= lookupPages) break;
    }
    if (!reachedSince && pages >= lookupPages) {
      throw new DeliveryFailure({
        kind: 'uncertain',
        message: `${this.#channel.instance}: the account posted more than ${lookupPages * 40} statuses since ${request.scheduledAt}, too many to look through`,
      });
    }
    for (let i = parts.length; i < payload.parts.length; i++) {
      const parent = parts[i - 1]?.id ?? null;
      const candidates = recent.filter(
        (status) =>
          (status.inReplyToId ?? null) === parent &&
          status.spoilerText === (payload.contentWarning ?? '') &&
          Date.parse(status.createdAt) >= since,
      );
      let found: mastodon.v1.Status | undefined;
      for (const candidate of candidates) {
        const source = await this.#client.v1.statuses.$select(candidate.id).source.fetch();
        if (source.text === payload.parts[i]) {
          found = candidate;
          break;
        }
      }
      if (!found) break;
      parts.push({ id: found.id, url: found.url ?? found.uri });
    }
    return parts;
  }

  /** The status the post quotes, as this server knows it. */
  async #quoted(payload: Payload): Promise<{ quotedStatusId?: string }> {
    if (!payload.quote) return {};
    return { quotedStatusId: (await this.#status(payload.quote, 'quote')).id };
  }

  /**
   * Boosts the status the link names (POST /api/v1/statuses/:id/reblog) with the post's visibility.
   * Asked again, Mastodon answers the boost it already has (ReblogService), so a retry or a later
   * run never boosts twice.
   */
  async #boost(request: SendRequest, link: string): Promise<RemotePart[]> {
    if (request.sent.length > 0) return [...request.sent];
    const status = await this.#status(link, 'repost');
    const boost = await creating(
      () => this.#client.v1.statuses.$select(status.id).reblog({ visibility: request.payload.visibility ?? 'public' }),
      (error) => this.classify(error),
      { repeatable: true },
    );
    const part: RemotePart = { id: boost.id, url: link, repostOf: status.id };
    await request.onPart(part);
    return [part];
  }

  /**
   * A status by its link, as this server knows it, to quote or boost: the link resolved through
   * search (resolve=true fetches a remote one), which needs the read:search scope.
   */
  async #status(link: string, to: 'quote' | 'repost'): Promise<mastodon.v1.Status> {
    let found: mastodon.v1.Status | undefined;
    try {
      const result = await this.#client.v2.search.list({ q: link, type: 'statuses', resolve: true, limit: 1 });
      found = result.statuses[0];
    } catch (error) {
      if (!(error instanceof MastoHttpError && error.statusCode === 403)) throw error;
      throw new DeliveryFailure({
        kind: 'setup',
        status: 403,
        message: `the token cannot search, so Herald cannot find the post to ${to}: give it the read:search scope`,
      });
    }
    if (!found)
      throw new DeliveryFailure({
        kind: 'rejected',
        message: `${this.#channel.instance} cannot find the post to ${to}, ${link}: check the link, or that the post is public`,
      });
    return found;
  }

  async #upload(request: SendRequest): Promise<string[]> {
    const ids: string[] = [];
    for (const item of request.media) {
      const file = new Blob([item.data as Uint8Array<ArrayBuffer>], { type: item.mimeType });
      let attachment = await this.#client.v2.media.create({ file, description: item.alt, skipPolling: true });
      // A 202 means the server is still processing the file (always so for a video, which it
      // re-encodes); a status cannot use it until GET /api/v1/media/:id shows its url.
      for (let poll = 0; !attachment.url && poll < mediaPolls[item.video ? 'video' : 'image']; poll++) {
        await this.#options.sleep(1000);
        attachment = await this.#client.v1.media.$select(attachment.id).fetch();
      }
      if (!attachment.url)
        throw new DeliveryFailure({
          kind: 'transient',
          message: `${this.#channel.instance} is still processing ${item.file}`,
        });
      ids.push(attachment.id);
    }
    return ids;
  }

  async retract(parts: RemotePart[]): Promise<void> {
    for (const part of [...parts].reverse()) {
      try {
        // A boost is undone on the boosted status; undoing one that is gone changes nothing.
        if (part.repostOf) await this.#client.v1.statuses.$select(part.repostOf).unreblog();
        else await this.#client.v1.statuses.$select(part.id).remove();
      } catch (error) {
        // Already gone is what we wanted.
        if (!(error instanceof MastoHttpError && error.statusCode === 404)) throw error;
      }
    }
  }

  classify(error: unknown): Failure {
    if (error instanceof DeliveryFailure) return error.failure;
    if (error instanceof MastoHttpError) {
      const response = error.cause instanceof Response ? error.cause : undefined;
      const details = error.details
        ? Object.values(error.details)
            .flat()
            .map((d) => d.description)
            .join('; ')
        : '';
      const message = [error.message, details].filter(Boolean).join(': ');
      return httpFailure(
        error.statusCode,
        message || 'no message',
        parseRetryAfter(response?.headers.get('retry-after'), this.#options.now()),
      );
    }
    if (error instanceof MastoTimeoutError)
      return { kind: 'transient', message: `${this.#channel.instance} did not answer in time`, mayHaveArrived: true };
    const connection = connectionFailure(error, this.#channel.instance);
    if (connection) return connection;
    if (error instanceof MastoUnexpectedError)
      return {
        kind: 'transient',
        message: `${this.#channel.instance} answered something that is not Mastodon's API (is the server down?)`,
      };
    return {
      kind: 'transient',
      message: `${this.#channel.instance}: ${error instanceof Error ? error.message : String(error)}`,
    };
  }
}

/**
 * What the first status carries besides its text: the images, or the poll as POST /api/v1/statuses
 * takes it (poll[options][], poll[expires_in] in seconds, poll[multiple]). Mastodon refuses both
 * together, and so do the rules (poll/with-media).
 */
function attachments(
  payload: Payload,
  mediaIds: string[],
): { mediaIds: string[]; sensitive?: true } | { poll: mastodon.rest.v1.CreateStatusPollParam } | Record<string, never> {
  if (mediaIds.length > 0) return { mediaIds, ...(payload.sensitive && { sensitive: true }) };
  if (payload.poll)
    return {
      poll: {
        options: payload.poll.options,
        expiresIn: Math.round(payload.poll.seconds),
        multiple: payload.poll.multiple,
      },
    };
  return {};
}

/**
 * Who may quote each status (Mastodon 4.5's quote_approval_policy); without it, the account's own
 * setting applies. Older servers ignore it.
 */
function quotePolicy(payload: Payload): { quoteApprovalPolicy?: mastodon.rest.v1.QuoteApprovalPolicy } {
  if (!payload.quotes) return {};
  return { quoteApprovalPolicy: payload.quotes === 'everyone' ? 'public' : payload.quotes };
}

/** Mastodon keeps a scheduled status's Idempotency-Key in its params; masto.js does not type it. */
type ScheduledWithKey = mastodon.v1.ScheduledStatus & { params: { idempotency?: string | null } };

/** A status from its link, as the server shows it: https://server/@account/123 (or /users/account/statuses/123). */
export function mastodonPart(channel: MastodonChannel, link: string): RemotePart {
  const url = parseLink(link, `${channel.instance.replace(/\/$/, '')}/@account/113567`);
  const id = /^\/(?:@[^/]+|users\/[^/]+\/statuses)\/(\d+)\/?$/.exec(url.pathname)?.[1];
  if (url.host !== new URL(channel.instance).host || !id) {
    throw new LinkError(
      `"${link}" is not a status on ${channel.instance}; give its link as the server shows it, e.g. ${channel.instance.replace(/\/$/, '')}/@account/113567`,
    );
  }
  return { id, url: url.href };
}
