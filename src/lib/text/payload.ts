import { createHash } from 'node:crypto';
import type { Channel } from '../../schemas/config.ts';
import type { Post } from '../project/model.ts';
import { networkProfiles } from '../networks/profiles.ts';
import { partsFor } from './posts.ts';
import { segments } from './rich-text.ts';
import { isHttpUrl, type QuoteRule, type ReplyRule } from '../../schemas/common.ts';
import { durationSeconds } from '../time/time.ts';

/**
 * Exactly what a channel receives for a post: the dry run prints it, the adapter sends it and the
 * ledger stores its hash. The text comes from `partsFor`, the one source of sent text.
 */
export interface Payload {
  /** The thread, one string per part. */
  parts: string[];
  /**
   * Images, or one video (on Threads, videos and images together in a carousel), attached to the first part. `file` and `captions` (a video's WebVTT file,
   * only for a network that takes one) are relative to the project root.
   */
  media: { file: string; alt: string; captions?: { file: string; lang: string } }[];
  /** Only for a network that shows one before the text (its profile's text.contentWarning). */
  contentWarning?: string;
  /** Mastodon only. */
  visibility?: 'public' | 'unlisted' | 'private';
  /**
   * The post's language, where the network takes one (its profile's `language`): the BCP 47 tag for
   * Bluesky's langs, its ISO 639 language subtag for Mastodon's language.
   */
  language?: string;
  /** Bluesky's self-labels (com.atproto.label.defs#selfLabels) on the first part. */
  contentLabels?: string[];
  /** Mastodon: the images are hidden until a click, for content labels or behind a content warning. */
  sensitive?: boolean;
  /** On the first part, only for a network whose profile takes polls. */
  poll?: PayloadPoll;
  /** Who may reply, where the post or its channel says and the network can be told (its profile's gates). */
  replies?: ReplyRule;
  /** Who may quote, likewise. */
  quotes?: QuoteRule;
  /** The link of the post the first part quotes, where it is a post of this channel's network. */
  quote?: string;
  /**
   * The link of the post this delivery reposts, where the network can repost it: the delivery is
   * that repost alone, with no parts of its own (a post with text around it is a quote).
   */
  repost?: string;
  /**
   * The link card Bluesky (an embed) or LinkedIn (an article share) receives, where the post has a
   * link and no images. From the post's `card:`, all of it is reviewed content; otherwise only its
   * `url`, and the publisher reads the rest from that page when it sends.
   */
  card?: PayloadCard;
}

export interface PayloadPoll {
  options: string[];
  /** How long it stays open from the post's time. */
  seconds: number;
  multiple: boolean;
}

export interface PayloadCard {
  url: string;
  /** Absent: the card is read from the page at publish time. */
  title?: string;
  description?: string;
  /** The card's picture, relative to the project root. */
  image?: string;
}

export function payloadFor(post: Post, channel: Channel): Payload {
  if (post.repost) return repostPayload(post, channel, post.repost);
  const payload: Payload = {
    parts: partsFor(post, channel),
    media: post.media.map((item) => ({
      file: item.file,
      alt: item.alt,
      ...(item.captionsFile &&
        networkProfiles[channel.network].media?.video?.captions && {
          captions: { file: item.captionsFile, lang: item.captionsLang ?? 'en' },
        }),
    })),
  };
  if (post.contentWarning && networkProfiles[channel.network].text.contentWarning)
    payload.contentWarning = post.contentWarning;
  // Visibility is a setting of Mastodon channels (herald.yaml) and posts.
  if (channel.network === 'mastodon') payload.visibility = post.visibility ?? channel.visibility ?? 'public';
  // Only where the poster sends the card; Mastodon and X make their own from the link.
  const { linkCard } = networkProfiles[channel.network];
  const card = linkCard === 'embed' || linkCard === 'article' ? cardFor(post, payload) : undefined;
  if (card) payload.card = card;
  const language = languageFor(post.language, networkProfiles[channel.network].language);
  if (language) payload.language = language;
  const labels = networkProfiles[channel.network].contentLabels;
  // Labels say what the images show (docs/networks.md): on Bluesky a post's labels would hide the
  // whole post, text and all, so a post without images sends none (the rules say so).
  if (labels === 'self-labels' && post.media.length > 0 && post.contentLabels.length > 0)
    payload.contentLabels = [...post.contentLabels];
  if (labels === 'sensitive' && post.media.length > 0 && (post.contentLabels.length > 0 || payload.contentWarning))
    payload.sensitive = true;
  // A network without polls never receives one; the rules say so (poll/unsupported).
  if (post.poll && networkProfiles[channel.network].poll)
    payload.poll = {
      options: post.poll.options,
      seconds: durationSeconds(post.poll.duration, post.publishAt, post.timezone),
      multiple: post.poll.multiple,
    };
  const gates = networkProfiles[channel.network].gates;
  const replies = gateOf(post, channel, 'replies');
  const quotes = gateOf(post, channel, 'quotes');
  // Only where the network can be told: elsewhere the rules say it cannot (gates/unsupported).
  if (gates !== 'none') {
    if (
      replies &&
      gates.replies.length > 1 &&
      gates.replies.includes(replies) &&
      !(replies === 'everyone' && gates.everyoneUnsent)
    )
      payload.replies = replies;
    if (quotes && gates.quotes.length > 1 && gates.quotes.includes(quotes)) payload.quotes = quotes;
  }
  if (post.quote && networkProfiles[channel.network].quoting?.link.test(post.quote)) payload.quote = post.quote;
  return payload;
}

/**
 * A repost: the reposted post's link, and on Mastodon who sees the boost (its visibility). Nothing
 * else goes with it; the rules refuse a repost with text, images or a poll (repost/with-content).
 */
function repostPayload(post: Post, channel: Channel, link: string): Payload {
  const payload: Payload = { parts: [], media: [] };
  if (networkProfiles[channel.network].reposting?.link.test(link)) payload.repost = link;
  if (channel.network === 'mastodon') payload.visibility = post.visibility ?? channel.visibility ?? 'public';
  return payload;
}

/** How many items a delivery puts on the network: the parts of its thread, or its one repost. */
export function partCount(payload: Payload): number {
  return payload.repost ? 1 : payload.parts.length;
}

/** Who may reply (or quote): the post's own rule, or else its channel's default from herald.yaml. */
export function gateOf(post: Post, channel: Channel, setting: 'replies'): ReplyRule | undefined;
export function gateOf(post: Post, channel: Channel, setting: 'quotes'): QuoteRule | undefined;
export function gateOf(post: Post, channel: Channel, setting: 'replies' | 'quotes'): ReplyRule | QuoteRule | undefined {
  if (post[setting]) return post[setting];
  return setting === 'replies'
    ? 'replies' in channel
      ? channel.replies
      : undefined
    : 'quotes' in channel
      ? channel.quotes
      : undefined;
}

/**
 * The card of a post without images: its `card:`, else the first link of its first part (the one
 * readers see first), else its `link:`. Networks take one attachment or the other, never both.
 */
function cardFor(post: Post, payload: Payload): PayloadCard | undefined {
  if (payload.media.length > 0) return undefined;
  if (post.card) {
    const { url, title, description, file } = post.card;
    return { url, title, description, ...(file && { image: file }) };
  }
  const url = firstLink(payload.parts[0] ?? '') ?? post.link;
  return url ? { url } : undefined;
}

/** The first web address in a text, as Bluesky links it (a bare domain gets https://). */
export function firstLink(text: string): string | undefined {
  for (const segment of segments(text, 'bluesky')) {
    if (segment.kind !== 'link') continue;
    const url = /^https?:\/\//i.test(segment.text) ? segment.text : `https://${segment.text}`;
    if (isHttpUrl(url)) return url;
  }
  return undefined;
}

function languageFor(tag: string | undefined, takes: 'bcp47' | 'iso639' | undefined): string | undefined {
  if (!tag || !takes) return undefined;
  const canonical = Intl.getCanonicalLocales(tag)[0];
  if (!canonical) return undefined;
  return takes === 'bcp47' ? canonical : new Intl.Locale(canonical).language;
}

/**
 * What goes with the first part besides its text (media, content warning, visibility and the
 * settings after them): it takes part in both fingerprints. A setting the payload lacks adds
 * nothing, so fingerprints taken before it existed stay the same.
 */
function withFirstPart(payload: Payload): unknown[] {
  return [
    mediaFingerprint(payload),
    payload.contentWarning ?? null,
    payload.visibility ?? null,
    ...(payload.language ? [{ language: payload.language }] : []),
    ...(payload.contentLabels ? [{ contentLabels: payload.contentLabels }] : []),
    ...(payload.sensitive ? [{ sensitive: true }] : []),
    ...addedSettings(payload),
    ...(payload.card
      ? [
          {
            card: [
              payload.card.url,
              payload.card.title ?? null,
              payload.card.description ?? null,
              payload.card.image ?? null,
            ],
          },
        ]
      : []),
  ];
}

/**
 * A stable fingerprint of a payload. Two payloads hash alike exactly when a network would receive
 * the same thing, so an edit to a post after it went out is noticed, and a cosmetic change elsewhere
 * in its file (title, labels) is not.
 */
export function contentHash(payload: Payload): string {
  const canonical = JSON.stringify([payload.parts, ...withFirstPart(payload)]);
  return `sha256:${createHash('sha256').update(canonical).digest('hex')}`;
}

/**
 * The fingerprint of part `index` of a payload as it went out: its text, and for the first part the
 * images and settings sent with it. The ledger keeps one per part that went out, so a thread is
 * continued only when the parts already out are what the post still says.
 */
export function partHash(payload: Payload, index: number): string {
  const extra = index === 0 ? withFirstPart(payload) : null;
  return `sha256:${createHash('sha256')
    .update(JSON.stringify([payload.parts[index] ?? null, extra]))
    .digest('hex')}`;
}

/** The files and alt texts sent, with a video's captions file and language where it has them. */
function mediaFingerprint(payload: Payload): unknown[] {
  return payload.media.map((m) => (m.captions ? [m.file, m.alt, m.captions.file, m.captions.lang] : [m.file, m.alt]));
}

/**
 * The settings added to payloads after ledgers were first written, as one object when any is set and
 * nothing when none is: a post without them keeps the hash it had, so its deliveries are not taken
 * for edited ones.
 */
function addedSettings(payload: Payload): [Record<string, unknown>] | [] {
  const added = {
    ...(payload.poll && { poll: payload.poll }),
    ...(payload.replies && { replies: payload.replies }),
    ...(payload.quotes && { quotes: payload.quotes }),
    ...(payload.quote && { quote: payload.quote }),
    ...(payload.repost && { repost: payload.repost }),
  };
  return Object.keys(added).length > 0 ? [added] : [];
}
