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
}

/**
 * How a network counts a text:
 * - twitter-text: twitter-text's weighted length (config v3), every URL 23.
 * - mastodon: grapheme clusters, every URL the server links 23 and a remote mention as its local part.
 * - graphemes: grapheme clusters (Unicode UAX #29, as Intl.Segmenter finds them).
 * - code-points: Unicode code points.
 * - utf-16: UTF-16 code units, what a Java or JavaScript backend's length gives.
 */
export type Counting = 'twitter-text' | 'mastodon' | 'graphemes' | 'code-points' | 'utf-16';

export interface TextProfile {
  counting: Counting;
  /** The longest text (of each part of a thread), as counted; undefined: none. */
  limit?: number;
  /** The largest text in UTF-8 bytes, where the network caps that too. */
  maxBytes?: number;
  /** Whether the network shows a content warning folded over the text, counted against the limit. */
  contentWarning: boolean;
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
  /** Undefined: the network takes no video from Herald. */
  video?: VideoProfile;
}

/**
 * The MP4 video a network takes (see ./video-formats.ts): one per post, never together with images
 * on any network Herald sends to.
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
  /** Whether a WebVTT captions file goes with the video; where not, the preview says it is left out. */
  captions: boolean;
}
