import { lookup as dnsLookup } from 'node:dns';
import type { IncomingMessage } from 'node:http';
import { request as httpRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { isIP, type LookupFunction } from 'node:net';
import { Parser } from 'htmlparser2';
import { formatOfContent, imageFormats } from '../lib/networks/formats.ts';
import { publicAddress } from '../lib/text/web-address.ts';
import type { LoadedCard } from './networks/adapter.ts';

export { publicAddress };

/**
 * A link card read from a page's Open Graph tags (og:title, og:description, og:image; the Twitter
 * Card tags, <title> and the description meta tag where they are missing), for the networks whose
 * poster sends the card (Bluesky, LinkedIn). The page is on the open web and its address comes from a
 * post, so the fetch is kept small and local networks out of reach: every request has a deadline
 * and a size limit, follows few redirects, and connects only to addresses `allowAddress` accepts,
 * checked on the address the name resolved to (a DNS answer pointing at 127.0.0.1 or the cloud's
 * metadata service is refused, and the connection goes to the checked address, so a second answer
 * cannot differ). In production that is public unicast addresses only (`publicAddress`); tests pass
 * another check through the code, which no post or setting can reach.
 */

export interface CardLimits {
  /** For the page and its picture together. */
  timeoutMs: number;
  maxPageBytes: number;
  /** Bluesky takes a card's thumb up to 1,000,000 bytes (app.bsky.embed.external). */
  maxImageBytes: number;
  maxRedirects: number;
}

export interface CardFetchOptions extends CardLimits {
  allowAddress(address: string): boolean;
}

export interface FetchedCard extends LoadedCard {
  /** Why the page's picture is not on the card, when it has one that could not be used. */
  imageProblem?: string;
}

export type CardFetch = { ok: true; card: FetchedCard } | { ok: false; reason: string };
export type CardFetcher = (url: string) => Promise<CardFetch>;

export const defaultCardLimits: CardLimits = {
  timeoutMs: 8_000,
  maxPageBytes: 2_000_000,
  maxImageBytes: 1_000_000,
  maxRedirects: 3,
};

/** The longest card title and description Herald sends, in characters (graphemes), ellipsis included. */
export const maxTitle = 300;
export const maxDescription = 1_000;

/** Line breaks and tabs become spaces; other C0 and C1 controls and the bidi overrides and isolates go. */
const spacing = /[\t\n\v\f\r\u0085\u2028\u2029]+/g;
const invisible = /[\p{Cc}\u202a-\u202e\u2066-\u2069]/gu;
const graphemes = new Intl.Segmenter('en', { granularity: 'grapheme' });

/**
 * A page's title or description as a card can carry it: a page is anyone's text, so controls that
 * could reorder or hide what a reader sees are removed, and a long text is cut at a grapheme
 * boundary (never inside an emoji or an accented letter) with an ellipsis.
 */
export function cardText(text: string, max: number): string {
  const clean = text.replace(spacing, ' ').replace(invisible, '').replace(/ {2,}/g, ' ').trim();
  const parts = [...graphemes.segment(clean)].map((s) => s.segment);
  if (parts.length <= max) return clean;
  return `${parts
    .slice(0, max - 1)
    .join('')
    .trimEnd()}…`;
}

/** The card reader a real run uses: public addresses only. */
export function cardFetcher(
  options: CardFetchOptions = { ...defaultCardLimits, allowAddress: publicAddress },
): CardFetcher {
  return (url) => fetchCard(url, options);
}

/** Something about the page that keeps it off the card, said in words. */
class CardError extends Error {}

export async function fetchCard(url: string, options: CardFetchOptions): Promise<CardFetch> {
  const signal = AbortSignal.timeout(options.timeoutMs);
  try {
    const page = await get(new URL(url), options, signal, options.maxPageBytes, 'text/html');
    const tags = openGraph(decode(page.body, page.contentType), page.url);
    const title = cardText(tags.title ?? '', maxTitle);
    if (!title) return { ok: false, reason: `${url} has no title (og:title or <title>)` };
    const card: FetchedCard = { url, title, description: cardText(tags.description ?? '', maxDescription) };
    if (tags.image) {
      try {
        const picture = await get(tags.image, options, signal, options.maxImageBytes, 'image/*');
        const format = formatOfContent(picture.body);
        if (format) card.image = { data: picture.body, mimeType: imageFormats[format].mimeType };
        else card.imageProblem = `${tags.image.href} is not a JPEG, PNG, GIF or WebP image`;
      } catch (error) {
        card.imageProblem = reasonOf(error, tags.image.href, options, signal);
      }
    }
    return { ok: true, card };
  } catch (error) {
    return { ok: false, reason: reasonOf(error, url, options, signal) };
  }
}

/**
 * Why a read failed, in words. A deadline that passes while the body is still coming in (a page
 * that trickles bytes) surfaces as the stream's "aborted", not as a TimeoutError: the signal tells.
 */
function reasonOf(error: unknown, url: string, options: CardLimits, signal: AbortSignal): string {
  if (error instanceof CardError) return error.message;
  const code = (error as { code?: unknown }).code;
  if (signal.aborted || (error as Error).name === 'AbortError' || (error as Error).name === 'TimeoutError')
    return `${url} did not answer within ${options.timeoutMs / 1000} s`;
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN') return `${url}: no such host`;
  if (code === 'ECONNREFUSED') return `${url} refused the connection`;
  return `${url}: ${error instanceof Error ? error.message : String(error)}`;
}

interface Got {
  url: URL;
  body: Uint8Array;
  contentType: string;
}

async function get(
  url: URL,
  options: CardFetchOptions,
  signal: AbortSignal,
  maxBytes: number,
  accept: string,
  redirects = 0,
): Promise<Got> {
  if (url.protocol !== 'https:' && url.protocol !== 'http:') throw new CardError(`${url.href} is not a web address`);
  const host = url.hostname.replace(/^\[|\]$/g, '');
  if (isIP(host) && !options.allowAddress(host)) throw new CardError(refused(url, host));
  // Node connects to what this answers, so the address checked is the address used.
  const lookup: LookupFunction = (hostname, lookupOptions, callback) => {
    dnsLookup(hostname, { ...lookupOptions, all: true }, (error, addresses) => {
      if (error) return callback(error, '', 0);
      const allowed = addresses.filter((a) => options.allowAddress(a.address));
      const first = allowed[0];
      if (!first) return callback(new CardError(refused(url, addresses[0]?.address ?? hostname)), '', 0);
      if (lookupOptions.all) callback(null, allowed);
      else callback(null, first.address, first.family);
    });
  };
  const response = await new Promise<IncomingMessage>((resolve, reject) => {
    const send = url.protocol === 'https:' ? httpsRequest : httpRequest;
    const request = send(url, {
      lookup,
      signal,
      agent: false,
      headers: { accept, 'user-agent': 'Herald (link card)' },
    });
    request.on('response', resolve).on('error', reject).end();
  });
  const status = response.statusCode ?? 0;
  const location = response.headers.location;
  if (status >= 300 && status < 400 && location) {
    response.destroy();
    if (redirects >= options.maxRedirects)
      throw new CardError(`${url.href} redirects more than ${options.maxRedirects} times`);
    return get(new URL(location, url), options, signal, maxBytes, accept, redirects + 1);
  }
  if (status < 200 || status >= 300) {
    response.destroy();
    throw new CardError(`${url.href} answered ${status}`);
  }
  const tooLarge = () =>
    new CardError(
      `${url.href} is larger than ${Math.round(maxBytes / 1000).toLocaleString('en')} kB, the most Herald reads`,
    );
  if (Number(response.headers['content-length'] ?? 0) > maxBytes) {
    response.destroy();
    throw tooLarge();
  }
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of response) {
    size += (chunk as Buffer).length;
    if (size > maxBytes) {
      response.destroy();
      throw tooLarge();
    }
    chunks.push(chunk as Buffer);
  }
  return {
    url,
    body: new Uint8Array(Buffer.concat(chunks)),
    contentType: String(response.headers['content-type'] ?? ''),
  };
}

function refused(url: URL, address: string): string {
  return `${url.href} is on a private or local network (${address}); Herald reads cards only from public addresses`;
}

/** The page's text in the character set its Content-Type names (UTF-8 when it names none it knows). */
function decode(body: Uint8Array, contentType: string): string {
  const charset = /charset=["']?([\w-]+)/i.exec(contentType)?.[1];
  try {
    return new TextDecoder(charset ?? 'utf-8').decode(body);
  } catch {
    return new TextDecoder('utf-8').decode(body);
  }
}

/** A page's card tags, read with htmlparser2 (entities decoded); the first of each counts. */
export function openGraph(html: string, base: URL): { title?: string; description?: string; image?: URL } {
  const meta = new Map<string, string>();
  let title = '';
  let inTitle = false;
  const parser = new Parser(
    {
      onopentag(name, attributes) {
        if (name === 'title') inTitle = true;
        if (name !== 'meta') return;
        const key = (attributes['property'] ?? attributes['name'] ?? '').toLowerCase();
        const content = attributes['content']?.trim();
        if (key && content && !meta.has(key)) meta.set(key, content);
      },
      ontext(text) {
        if (inTitle) title += text;
      },
      onclosetag(name) {
        if (name === 'title') inTitle = false;
      },
    },
    { decodeEntities: true },
  );
  parser.write(html);
  parser.end();
  const pick = (...keys: string[]) => keys.map((key) => meta.get(key)).find(Boolean);
  const image = pick('og:image:secure_url', 'og:image', 'og:image:url', 'twitter:image');
  let imageUrl: URL | undefined;
  try {
    imageUrl = image ? new URL(image, base) : undefined;
  } catch {
    imageUrl = undefined;
  }
  const found = pick('og:title', 'twitter:title') ?? (title.trim() || undefined);
  const description = pick('og:description', 'twitter:description', 'description');
  return {
    ...(found && { title: found }),
    ...(description && { description }),
    ...(imageUrl && { image: imageUrl }),
  };
}
