/**
 * The video Herald sends and the captions that go with it, each defined once, as formats.ts defines
 * the image formats: names, MIME type and the bytes a file starts with. Which network takes a video,
 * how long and how large, is in its profile (./profiles.ts).
 *
 * - MP4: an ISO base media file (ISO/IEC 14496-12, 4.3) starts with a box whose type, at offset 4,
 *   is "ftyp", followed by its major brand. HEIF and AVIF images are ISO base media files too, told
 *   apart by their brands (ISO/IEC 23008-12, Annex B; AV1 Image File Format, 7): they are images. Its duration, tracks, codecs and picture size are read by mp4box (GPAC's MP4Box in
 *   JavaScript) in src/lib/project/read-content.ts, never by a parser of our own.
 * - WebVTT: a file starts with "WEBVTT" (after an optional byte order mark), then a space, a tab or a
 *   line break (W3C WebVTT, 4.1); src/lib/project/read-content.ts checks the rest with webvtt-parser, the
 *   validator the specification's editors maintain.
 */

export const videoFormat = { label: 'MP4', mimeType: 'video/mp4', extensions: ['.mp4'] } as const;

export const captionsFormat = { label: 'WebVTT', mimeType: 'text/vtt', extensions: ['.vtt'] } as const;

/** What read-content calls an MP4 file in MediaFileInfo.format. */
export const videoFormatId = 'mp4';

/**
 * Codec families by the sample entry type that starts a track's codec string (RFC 6381), named as
 * people know them. A network's profile lists the families it takes.
 */
export const videoCodecs = {
  avc1: 'H.264',
  avc3: 'H.264',
  hvc1: 'HEVC (H.265)',
  hev1: 'HEVC (H.265)',
  av01: 'AV1',
  vp09: 'VP9',
  mp4v: 'MPEG-4 Part 2',
} as const satisfies Record<string, string>;

/** The family of an RFC 6381 codec string ("avc1.64000a" → "avc1"). */
export function codecFamily(codec: string): string {
  return codec.split('.')[0] ?? codec;
}

/** How people name a codec string's family ("avc1.64000a" → "H.264"); the string itself when unknown. */
export function codecLabel(codec: string): string {
  return (videoCodecs as Record<string, string>)[codecFamily(codec)] ?? codec;
}

const imageBrands = new Set([
  'heic',
  'heix',
  'heim',
  'heis',
  'hevc',
  'hevx',
  'hevm',
  'hevs',
  'mif1',
  'msf1',
  'avif',
  'avis',
]);

/** Whether the bytes (the start of a file) are an ISO base media file that is not an image: MP4, MOV and kin. */
export function isIsoMedia(header: Uint8Array): boolean {
  if (String.fromCharCode(...header.subarray(4, 8)) !== 'ftyp') return false;
  return !imageBrands.has(String.fromCharCode(...header.subarray(8, 12)));
}

/** Whether a file name says MP4. */
export function isVideoName(path: string): boolean {
  return hasExtension(path, videoFormat.extensions);
}

/** Whether a file name says WebVTT. */
export function isCaptionsName(path: string): boolean {
  return hasExtension(path, captionsFormat.extensions);
}

function hasExtension(path: string, extensions: readonly string[]): boolean {
  const name = path.slice(path.lastIndexOf('/') + 1).toLowerCase();
  return extensions.some((extension) => name.endsWith(extension) && name.length > extension.length);
}
