import type { QuoteRule, ReplyRule } from '../../schemas/common.ts';
import type { ImageFormatId } from './formats.ts';

/**
 * What Herald knows about one network, the shape every file in this folder fills in. The rules, the
 * counts and previews, the site and the publisher read these facts from the network's profile and
 * nowhere else; each profile says where its figures come from.
 */
export interface NetworkProfile {
  /** The network's name as people write it. */
  label: string;
  text: TextProfile;
  /**
   * Whether the network takes a thread as posts replying to each other. Where it does not, the parts
   * go out as one post, joined by `partSeparator`, and are counted and previewed that way.
   */
  threads: boolean;
  /** Undefined: the network takes the images as links, without limits of its own. */
  media?: MediaProfile;
  /** Undefined: the network's API takes no polls. */
  poll?: PollProfile;
  /**
   * Who may reply to and quote a post, as far as the network's API lets the poster say; `none` for a
   * receiver where posts have no public replies or quotes at all (a webhook's message to a team chat),
   * so that any rule holds there.
   */
  gates: GatesProfile | 'none';
  /** Undefined: the network's API cannot quote a post. */
  quoting?: QuotingProfile;
  /** Undefined: Herald cannot repost (boost, retweet) a post there; the rules say why (repost/unsupported). */
  reposting?: RepostingProfile;
  /** What the network charges for publishing through its API; undefined: nothing. */
  costs?: CostProfile;
  /** How many times a day an account may log in, where the adapter logs in and the network limits it. */
  loginsPerDay?: number;
  /**
   * Whether a channel of this network is internal (left off the public site) unless herald.yaml says
   * `private: false`.
   */
  privateByDefault: boolean;
  /**
   * The secrets a channel of this network needs, each read from HERALD_<CHANNEL ID>_<NAME>
   * (see credentialVariable).
   */
  credentials: readonly string[];
  /**
   * How the network takes a post's language: `bcp47` the whole tag (Bluesky's langs), `iso639` its
   * language subtag alone (Mastodon's language); undefined: it takes none.
   */
  language?: 'bcp47' | 'iso639';
  /**
   * What the network does with a post's content labels (nudity, graphic media...): `self-labels`
   * sends them as labels on the post (Bluesky), `sensitive` marks its media sensitive, to be shown
   * only on a click (Mastodon); undefined: it has nothing of the kind, and the images show as they are.
   */
  contentLabels?: 'self-labels' | 'sensitive';
  /**
   * Posts the network lets one account publish through its API in a moving 24 hours (each part of
   * a thread is one), where it caps them; the calendar warns before a day goes over.
   */
  postsPerDay?: number;
  /**
   * Who makes the card (title, description, picture) of a post's link: `embed` the poster sends it
   * as part of the post (Bluesky's app.bsky.embed.external), `article` the poster sends it as an
   * article share (LinkedIn, which reads no page itself), `network` the network reads the page
   * itself (Mastodon, X); undefined: no card. An `embed` or `article` card is left out when the post
   * has images: the network takes one or the other.
   */
  linkCard?: 'embed' | 'article' | 'network';
}

/**
 * How a network counts a text:
 * - twitter-text: twitter-text's weighted length (config v3), every URL 23.
 * - mastodon: grapheme clusters, every URL the server links 23 and a remote mention as its local part.
 * - graphemes: grapheme clusters (Unicode UAX #29, as Intl.Segmenter finds them).
 * - code-points: Unicode code points.
 * - utf-16: UTF-16 code units, what a Java or JavaScript backend's length gives.
 * - threads: code points, but an emoji (a grapheme cluster with a pictograph or a flag) as its
 *   UTF-8 bytes.
 */
export type Counting = 'twitter-text' | 'mastodon' | 'graphemes' | 'code-points' | 'utf-16' | 'threads';

export interface TextProfile {
  counting: Counting;
  /** The longest text (of each part of a thread), as counted; undefined: none. */
  limit?: number;
  /** The largest text in UTF-8 bytes, where the network caps that too. */
  maxBytes?: number;
  /** Whether the network shows a content warning folded over the text, counted against the limit. */
  contentWarning: boolean;
  /** The most distinct web addresses one post (part) may hold, where the network caps them. */
  maxLinks?: number;
}

export interface MediaProfile {
  /** Images in one post. */
  images: number;
  /** The longest alt text of one image, counted as `altCounting` says. */
  altLength: number;
  altCounting: Counting;
  /** The formats the network takes, each with its largest file where the network sets one. */
  formats: Partial<Record<ImageFormatId, { maxBytes?: number }>>;
  /** Largest width × height. */
  maxPixels?: number;
  /**
   * The network fetches each image from a public address instead of receiving its bytes (Threads'
   * image_url): Herald gives it the site's copy (src/lib/publishing/public-media.ts).
   */
  byAddress?: boolean;
  /** Undefined: the network takes no video from Herald. */
  video?: VideoProfile;
}

/**
 * The MP4 video a network takes (see ./video-formats.ts): one per post, never together with images,
 * except where the network puts videos in a carousel (inCarousel).
 */
export interface VideoProfile {
  /** Shortest and longest video, in seconds. */
  minSeconds?: number;
  maxSeconds?: number;
  /** Largest file, in bytes. */
  maxBytes: number;
  /** The codec families (./video-formats.ts videoCodecs) the network plays; undefined: it re-encodes any. */
  codecs?: readonly string[];
  /** Largest width × height. */
  maxPixels?: number;
  /** Widest picture, in pixels, where the network caps the width rather than the area. */
  maxWidth?: number;
  /**
   * Whether videos go in a carousel with images and other videos (Threads' CAROUSEL of IMAGE and
   * VIDEO items, up to media.images items); elsewhere a video goes out alone.
   */
  inCarousel?: true;
  /** Whether a WebVTT captions file goes with the video; where not, the preview says it is left out. */
  captions: boolean;
}

/** The reply and quote rules a network's API takes; a rule not listed cannot be sent there. */
export interface GatesProfile {
  replies: readonly ReplyRule[];
  quotes: readonly QuoteRule[];
  /**
   * The network has no "no one may reply": Herald sends its "only the accounts mentioned" instead,
   * which leaves no one else able to reply only while the post mentions no one (the rules check).
   */
  nobodyAsMentioned?: true;
  /**
   * "everyone", what the network does when told nothing, stays out of the payload: the network took
   * reply rules from Herald later, and a post that said replies: everyone keeps the hash it went out with.
   */
  everyoneUnsent?: true;
}

/** A network's price list for what Herald sends, in `currency`, per request. */
export interface CostProfile {
  currency: string;
  /** Creating one post (each part of a thread is one). */
  post: number;
  /** Creating one post whose text holds a link. */
  postWithLink: number;
  /** Per image: the request that sets its alt text. */
  image: number;
  /** Reposting one post. */
  repost: number;
  /** Where the prices come from, and the day they were read there. */
  source: string;
  checked: string;
}

/** Which links are posts of the network a post of it can quote. */
export interface QuotingProfile {
  /** A post's address as the network's site shows it. */
  link: RegExp;
  example: string;
  /** Whether a quoting post may carry a poll too. */
  withPoll: boolean;
}

/**
 * How a network reposts a post named by its link: the account shares it as it is, with no text of
 * its own (with text, it is a quote).
 */
export interface RepostingProfile {
  /** A post's address as the network's site shows it. */
  link: RegExp;
  example: string;
  /** Where to find that link, when the one people usually copy is not it. */
  hint?: string;
  /**
   * Whether asking to repost a post already reposted changes nothing (Bluesky's record key from the
   * delivery, Mastodon's reblog, X's retweet): a repost whose answer was lost is then asked again,
   * never left unknown.
   */
  repeatable: boolean;
}

/** The polls a network's API takes with a post. */
export interface PollProfile {
  minOptions: number;
  maxOptions: number;
  /** The longest option, counted as `optionCounting` says. */
  optionLength: number;
  optionCounting: Counting;
  /** How long a poll may stay open, in seconds; the same twice where the network takes no duration and keeps every poll open that long. */
  minSeconds: number;
  maxSeconds: number;
  /** Whether voters may be allowed to pick more than one option. */
  multiple: boolean;
  /** Whether the post may carry images as well as the poll. */
  withMedia: boolean;
}
