/**
 * How a delivery can fail, in three kinds that decide what happens next:
 * - `transient`: rate limits, server errors, timeouts, dropped connections. Retried with backoff in
 *   this run, and again by the next run while the post is inside its window.
 * - `rejected`: the network refused this content (Mastodon's 422, X's 400...). Recorded as failed
 *   with the network's words and not sent again unless the post changes.
 * - `setup`: something only a person can fix: a missing or wrong credential, a missing image.
 *   Recorded as failed; the next run tries again, so fixing the secret is enough.
 * - `uncertain`: the request that creates the post may have been carried out (the connection broke
 *   or timed out after it was sent) on a network that cannot repeat a send safely. Recorded as
 *   unknown and never retried: a person checks the account.
 */
export type FailureKind = 'transient' | 'rejected' | 'setup' | 'uncertain';

export interface Failure {
  kind: FailureKind;
  /** What went wrong, in the network's words where it gave any. Never contains a secret. */
  message: string;
  status?: number;
  /** The network asked us to wait this long (Retry-After, x-rate-limit-reset). */
  retryAfterMs?: number;
  /** The request may have reached the server and been carried out before the failure. */
  mayHaveArrived?: boolean;
  /** It was the request that creates a post (see `creating`): the post may exist. */
  postMayExist?: boolean;
  /** The network refused the credentials: what to do to reconnect the channel (see `failureText`). */
  reconnect?: string;
}

/** What people read about a failure on a channel: a refused credential leads with "reconnect <channel>: <what to do>". */
export function failureText(failure: Failure, channelId: string): string {
  return failure.reconnect ? `reconnect ${channelId}: ${failure.reconnect} (${failure.message})` : failure.message;
}

/** An error whose kind is already known: thrown by Herald's own checks and by the adapters. */
export class DeliveryFailure extends Error {
  readonly failure: Failure;
  constructor(failure: Failure) {
    super(failure.message);
    this.failure = failure;
  }
}

/**
 * A failure while sending one file of a post (a video's captions), with the network's refusal
 * naming what it refused: "X refused the captions <file>: <its words>". Other kinds keep their words.
 */
export function fileFailure(failure: Failure, refused: string): DeliveryFailure {
  return new DeliveryFailure(
    failure.kind === 'rejected' ? { ...failure, message: `${refused}: ${failure.message}` } : failure,
  );
}

export function setupFailure(message: string): DeliveryFailure {
  return new DeliveryFailure({ kind: 'setup', message });
}

/**
 * The usual meaning of an HTTP status for a request that creates or deletes a post. `refused` says
 * what to do about a 401 when the adapter knows which credentials were sent (their variables).
 */
export function httpFailure(status: number, message: string, retryAfterMs?: number, refused?: string): Failure {
  const kind: FailureKind =
    status === 429 || status === 408 || status >= 500
      ? 'transient'
      : status === 401 || status === 403
        ? 'setup'
        : 'rejected';
  const hint = status === 403 ? ' (the account may lack the permission to post)' : '';
  const reconnect =
    status === 401
      ? (refused ??
        "create a new access token (or app password) on the network and store it in the channel's secret: this one was refused")
      : undefined;
  // A server error may come after the post was stored (and a gateway that gave up waiting does not
  // know whether the server behind it finished), so on a network without idempotency it is not retried.
  const mayHaveArrived = status >= 500;
  return {
    kind,
    status,
    message: `HTTP ${status}: ${message}${hint}`,
    ...(reconnect && { reconnect }),
    ...(retryAfterMs !== undefined ? { retryAfterMs } : {}),
    ...(mayHaveArrived ? { mayHaveArrived } : {}),
  };
}

/**
 * Retry-After as seconds or an HTTP date, in milliseconds from `now`.
 * https://www.rfc-editor.org/rfc/rfc9110#field.retry-after
 */
export function parseRetryAfter(value: string | null | undefined, now: number): number | undefined {
  if (!value) return undefined;
  if (/^\d+$/.test(value.trim())) return Number(value.trim()) * 1000;
  const at = Date.parse(value);
  return Number.isNaN(at) ? undefined : Math.max(0, at - now);
}

/** Failures to connect: the request never left, so it cannot have been carried out. */
const neverSent: Record<string, string> = {
  ECONNREFUSED: 'the server refused the connection',
  ENOTFOUND: 'the server name could not be found',
  EAI_AGAIN: 'the server name could not be looked up',
  EHOSTUNREACH: 'the server is unreachable',
  ENETUNREACH: 'the network is unreachable',
  UND_ERR_CONNECT_TIMEOUT: 'the connection timed out',
};

/** Failures after the request went out: the server may have carried it out. */
const brokenOff: Record<string, string> = {
  ECONNRESET: 'the connection was reset',
  EPIPE: 'the connection was closed',
  ETIMEDOUT: 'the connection timed out',
  UND_ERR_SOCKET: 'the connection was closed',
  UND_ERR_HEADERS_TIMEOUT: 'the server did not answer in time',
  UND_ERR_BODY_TIMEOUT: 'the server did not answer in time',
};

/**
 * A failure to reach the server or to get its answer (refused, reset, timed out, unknown host),
 * found anywhere in an error's chain of causes. Every one of these is transient; those that happen
 * after the request went out are marked `mayHaveArrived`.
 */
export function connectionFailure(error: unknown, where: string): Failure | undefined {
  for (let current: unknown = error, depth = 0; current && depth < 6; depth++) {
    const item = current as { name?: string; code?: string; cause?: unknown; message?: string };
    if (item.name === 'TimeoutError' || item.name === 'AbortError' || item.message === 'Request timeout.') {
      return { kind: 'transient', message: `${where} did not answer in time`, mayHaveArrived: true };
    }
    if (item.code && neverSent[item.code])
      return { kind: 'transient', message: `${where}: ${neverSent[item.code]} (${item.code})` };
    if (item.code && brokenOff[item.code])
      return { kind: 'transient', message: `${where}: ${brokenOff[item.code]} (${item.code})`, mayHaveArrived: true };
    current = item.cause;
  }
  return undefined;
}

/**
 * Runs the request that creates a post. A failure after which the post may exist becomes
 * `uncertain` on a network that cannot repeat a send safely, so it is reported, never sent twice;
 * on one that can (`repeatable`: an idempotency key, a record key) it stays retryable and is marked
 * `postMayExist`, so that a run that gives up looks for the post before a later run sends again.
 */
export async function creating<T>(
  call: () => Promise<T>,
  classify: (error: unknown) => Failure,
  options: { repeatable?: boolean } = {},
): Promise<T> {
  try {
    return await call();
  } catch (error) {
    const failure = classify(error);
    if (!failure.mayHaveArrived) throw error;
    throw new DeliveryFailure(
      options.repeatable ? { ...failure, postMayExist: true } : { ...failure, kind: 'uncertain' },
    );
  }
}

/** The failure an error stands for, when nothing more specific is known about it. */
export function genericFailure(error: unknown, where: string): Failure {
  if (error instanceof DeliveryFailure) return error.failure;
  return (
    connectionFailure(error, where) ?? {
      kind: 'transient',
      message: `${where}: ${error instanceof Error ? error.message : String(error)}`,
    }
  );
}
