/**
 * The image formats Herald sends, each defined once: its names, its MIME type and the bytes its files
 * start with. A file is an image of a format only when its content and its name agree: a GIF named
 * card.html is refused, because a web server (GitHub Pages among them) types a file by its name and
 * would serve those bytes as a page. The rules (src/lib/rules/media.ts), the site's media route
 * (src/site/media.ts) and the publisher's loader (src/publish/media.ts) all judge files here; which
 * network takes which format is in its profile (./profiles.ts).
 *
 * Signatures, from the format specifications:
 * - JPEG: FF D8 FF, the SOI marker and the first segment's marker (ITU-T T.81, B.2.1).
 * - PNG: the 8-byte signature 89 50 4E 47 0D 0A 1A 0A (RFC 2083, 3.1).
 * - GIF: "GIF87a" or "GIF89a" (GIF89a specification, 17).
 * - WebP: "RIFF", a 4-byte size, "WEBP" (RFC 9649, 2.5).
 * HEIC, HEIF and AVIF are not among them: see ./mastodon.ts for why (no other network takes them).
 */

export const imageFormatIds = ['jpg', 'png', 'gif', 'webp'] as const;
/** Named as image-size names them, so a measured format and a table entry compare directly. */
export type ImageFormatId = (typeof imageFormatIds)[number];

export interface ImageFormat {
  /** How people name it. */
  label: string;
  mimeType: string;
  /** Lower case, with the dot; the first is the usual one. */
  extensions: readonly string[];
  /** Byte strings at fixed offsets that every file of the format has. */
  signature: readonly { offset: number; bytes: readonly number[] }[];
}

const ascii = (text: string) => [...text].map((c) => c.charCodeAt(0));

export const imageFormats: Record<ImageFormatId, ImageFormat> = {
  jpg: {
    label: 'JPEG',
    mimeType: 'image/jpeg',
    extensions: ['.jpg', '.jpeg'],
    signature: [{ offset: 0, bytes: [0xff, 0xd8, 0xff] }],
  },
  png: {
    label: 'PNG',
    mimeType: 'image/png',
    extensions: ['.png'],
    signature: [{ offset: 0, bytes: [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a] }],
  },
  gif: { label: 'GIF', mimeType: 'image/gif', extensions: ['.gif'], signature: [{ offset: 0, bytes: ascii('GIF8') }] },
  webp: {
    label: 'WebP',
    mimeType: 'image/webp',
    extensions: ['.webp'],
    signature: [
      { offset: 0, bytes: ascii('RIFF') },
      { offset: 8, bytes: ascii('WEBP') },
    ],
  },
};

const gifVersion = new Set(ascii('79'));

/** The format whose signature the bytes (the start of a file) carry, or undefined. */
export function formatOfContent(header: Uint8Array): ImageFormatId | undefined {
  return imageFormatIds.find((id) => {
    const matches = imageFormats[id].signature.every(({ offset, bytes }) =>
      bytes.every((byte, i) => header[offset + i] === byte),
    );
    // GIF8 must go on with 7a or 9a.
    return matches && (id !== 'gif' || (gifVersion.has(header[4]!) && header[5] === 0x61));
  });
}

/** The format a file name says, by its extension, or undefined. */
export function formatOfName(path: string): ImageFormatId | undefined {
  const name = path.slice(path.lastIndexOf('/') + 1).toLowerCase();
  const dot = name.lastIndexOf('.');
  if (dot <= 0) return undefined;
  const extension = name.slice(dot);
  return imageFormatIds.find((id) => imageFormats[id].extensions.includes(extension));
}

/**
 * Where Herald takes media from: a regular file under content/posts/. Anything else (a path that
 * climbs out with ../, a symbolic link to somewhere else) is never read, served or sent.
 */
export const mediaFolder = 'content/posts/';

export type MediaVerdict = { ok: true; format: ImageFormatId } | { ok: false; reason: string };

/** Why Herald does not take media from this path (relative to the project root), or undefined. */
export function mediaPathProblem(path: string): string | undefined {
  if (path.startsWith(mediaFolder) && !path.split('/').includes('..')) return undefined;
  return `${path} is outside ${mediaFolder}; Herald only sends images kept next to the posts. Move it there and point media.src at it`;
}

/**
 * Whether a file is an image Herald sends, judged from its path and what its content is (the format
 * formatOfContent found, or another name such as image-size's "tiff" for messages). `reason` says
 * what is wrong in words for the person who added the file.
 */
export function judgeImage(path: string, content: string | undefined): MediaVerdict {
  const name = path.slice(path.lastIndexOf('/') + 1);
  const outside = mediaPathProblem(path);
  if (outside) return { ok: false, reason: outside };
  const byName = formatOfName(path);
  const known =
    content !== undefined && (imageFormatIds as readonly string[]).includes(content)
      ? (content as ImageFormatId)
      : undefined;
  const sent = `${imageFormatIds
    .slice(0, -1)
    .map((id) => imageFormats[id].label)
    .join(', ')} or ${imageFormats[imageFormatIds.at(-1)!].label}`;
  if (!known) {
    return {
      ok: false,
      reason: content
        ? `${path} is ${content.toUpperCase()}, which no network takes from Herald: save it as ${sent} (photos as JPEG)`
        : `${path} is not an image Herald can send (use ${sent})`,
    };
  }
  if (byName !== known) {
    const usual = `${name.includes('.') ? name.slice(0, name.lastIndexOf('.')) : name}${imageFormats[known].extensions[0]}`;
    return {
      ok: false,
      reason: `${path} holds a ${imageFormats[known].label} image, but its name says otherwise: rename it to ${usual}, as a web server would serve it by its name`,
    };
  }
  return { ok: true, format: known };
}
