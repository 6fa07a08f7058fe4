import { closeSync, fstatSync, globSync, openSync, readSync, realpathSync } from 'node:fs';
import { readFile as readWhole, realpath } from 'node:fs/promises';
import { join, relative, resolve } from 'node:path';
import { imageSize } from 'image-size';
import { createFile, MP4BoxBuffer, type Movie } from 'mp4box';
import webvtt from 'webvtt-parser';
import {
  formatOfContent,
  imageFormats,
  judgeImage,
  mediaPathProblem,
  type ImageFormatId,
} from '../networks/formats.ts';
import { isCaptionsName, isIsoMedia, isVideoName, videoFormatId } from '../networks/video-formats.ts';
import { maxTextFileBytes, type MediaFileInfo, type SourceFile, type VideoInfo } from './source.ts';

const textFile = /^content\/(?:herald\.yaml|(?:posts|handbook)\/.*\.mdx?)$/;

/** image-size finds every format it knows within the first 512 KB, as its own file reader does. */
const headerBytes = 512 * 1024;

/**
 * Reads the content folder for the loader: the only file-system access in the core, everything after
 * it works on the returned data. Text files are read whole; a file too large to be a post is measured,
 * not read, so a stray video cannot exhaust memory. Any other file (an image next to a post) is
 * measured from its first bytes: size, format and dimensions, which the media rules check.
 *
 * The files are read one after another, synchronously: for thousands of small files that is three to
 * five times faster than as many promises queued on libuv's thread pool, and nothing else runs while
 * content is loaded.
 */
export async function readContent(root: string): Promise<SourceFile[]> {
  const base = resolve(root);
  const realBase = realpathSync(base);
  // Node's glob follows links to folders: a folder that is not where its path says is a link.
  const linkedFolders = new Map<string, boolean>();
  const inLinkedFolder = (folder: string) => {
    let linked = linkedFolders.get(folder);
    if (linked === undefined)
      linkedFolders.set(folder, (linked = realpathSync(folder) !== join(realBase, relative(base, folder))));
    return linked;
  };
  const found: { path: string; text: boolean; link: boolean }[] = [];
  for (const entry of globSync('content/**/*', { cwd: base, withFileTypes: true })) {
    const link = entry.isSymbolicLink() || (entry.isFile() && inLinkedFolder(entry.parentPath));
    if ((!entry.isFile() && !link) || entry.name.startsWith('.')) continue;
    const path = relative(base, join(entry.parentPath, entry.name)).split('\\').join('/');
    const text = textFile.test(path);
    // A link could point anywhere on the machine that builds or publishes: it is never read. A text
    // file behind one is left out; an image is listed, so the media rules can say why.
    if (link && text) continue;
    found.push({ path, text, link });
  }
  found.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  return found.map(({ path, text, link }) =>
    link
      ? { path, bytes: new Uint8Array(0), media: { size: 0, symlink: true } }
      : readFile(join(base, path), path, text),
  );
}

function readFile(full: string, path: string, text: boolean): SourceFile {
  const fd = openSync(full, 'r');
  try {
    const { size } = fstatSync(fd);
    if (!text) {
      const header = new Uint8Array(Math.min(size, headerBytes));
      readSync(fd, header, 0, header.length, 0);
      const readAt = (offset: number, length: number) => {
        const chunk = new Uint8Array(Math.max(0, Math.min(length, size - offset)));
        readSync(fd, chunk, 0, chunk.length, offset);
        return chunk;
      };
      return { path, bytes: new Uint8Array(0), media: { size, ...measureMedia(header, size, readAt) } };
    }
    if (size > maxTextFileBytes) return { path, bytes: new Uint8Array(0), size };
    // The size is known: reading into a buffer of that size spares readFileSync its own fstat.
    const bytes = new Uint8Array(size);
    let read = 0;
    for (let n = 1; read < size && n > 0; read += n) n = readSync(fd, bytes, read, size - read, read);
    return { path, bytes: read === size ? bytes : bytes.subarray(0, read) };
  } finally {
    closeSync(fd);
  }
}

/**
 * What a media file is: an MP4 video with its length, codec and picture size (read by mp4box from the
 * boxes it asks for, which may be at the end of a large file: `readAt` reads them, a bounded chunk at
 * a time); a WebVTT file and whether it is valid (read whole, as captions are small); else what
 * measureImage finds in the first bytes.
 */
export function measureMedia(
  header: Uint8Array,
  size: number,
  readAt: (offset: number, length: number) => Uint8Array,
): Omit<MediaFileInfo, 'size'> {
  if (isIsoMedia(header)) {
    const video = readVideo(header, size, readAt);
    return { format: videoFormatId, ...(video && { video }) };
  }
  if (startsWebVtt(header)) {
    if (size > maxTextFileBytes) {
      return { format: 'vtt', captions: { problem: { line: 1, message: 'the file is larger than 1 MB' } } };
    }
    return { format: 'vtt', captions: checkCaptions(size <= header.length ? header : readAt(0, size)) };
  }
  return measureImage(header);
}

/** The WebVTT signature: "WEBVTT" after an optional byte order mark (W3C WebVTT, 4.1). */
function startsWebVtt(header: Uint8Array): boolean {
  const start = header[0] === 0xef && header[1] === 0xbb && header[2] === 0xbf ? 3 : 0;
  return new TextDecoder().decode(header.subarray(start, start + 6)) === 'WEBVTT';
}

/** The first problem webvtt-parser finds in a captions file, if any. */
function checkCaptions(bytes: Uint8Array): MediaFileInfo['captions'] {
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return { problem: { line: 1, message: 'the file is not UTF-8 text, which WebVTT requires' } };
  }
  const [first] = new webvtt.WebVTTParser().parse(text, 'metadata').errors;
  return first ? { problem: { line: first.line, message: first.message } } : {};
}

/** Bytes mp4box is given at a time: a box it skips (the media data) is never read. */
const videoChunk = 512 * 1024;

/**
 * The movie header of an MP4 file, through mp4box: each appendBuffer answers the offset it wants
 * next, so only the boxes before and including the movie header are read. Undefined when mp4box
 * finds no movie header (a cut-off or broken file).
 */
function readVideo(
  header: Uint8Array,
  size: number,
  readAt: (offset: number, length: number) => Uint8Array,
): VideoInfo | undefined {
  const file = createFile();
  let movie: Movie | undefined;
  file.onReady = (info) => (movie = info);
  // mp4box reports broken boxes here; a file without a movie header is reported by the rules.
  file.onError = () => undefined;
  let offset = 0;
  let chunk = header;
  while (!movie && offset < size && chunk.length > 0) {
    const copy = chunk.slice().buffer;
    const next = file.appendBuffer(MP4BoxBuffer.fromArrayBuffer(copy, offset), offset + chunk.length >= size);
    offset = next > offset ? next : offset + chunk.length;
    if (!movie && offset < size) chunk = readAt(offset, videoChunk);
  }
  if (!movie || !movie.timescale) return undefined;
  const track = movie.videoTracks[0];
  return {
    seconds: movie.duration / movie.timescale,
    ...(track && {
      codec: track.codec,
      width: track.video?.width ?? track.track_width,
      height: track.video?.height ?? track.track_height,
    }),
  };
}

/** What the first bytes of a file are, and the image's size where image-size can read it. */
export function measureImage(header: Uint8Array): Omit<MediaFileInfo, 'size'> {
  const format = formatOfContent(header);
  try {
    const { type, width, height } = imageSize(header);
    return { format: format ?? type, width, height };
  } catch {
    // Not an image image-size knows, or one cut off before its dimensions: the rules say so.
    return format ? { format } : {};
  }
}

/** An image as the site serves it and the publisher sends it. */
export interface ImageFile {
  bytes: Uint8Array<ArrayBuffer>;
  format: ImageFormatId;
  mimeType: string;
  width?: number;
  height?: number;
}

/**
 * Reads an image a post names (`file`, relative to the project root) for the site or the publisher,
 * with the same judgement the media rules make: a regular file under content/posts/, not reached
 * through a link, whose content and name agree on a format of src/lib/networks/formats.ts. A file
 * outside content/posts/ or behind a link is never read. Otherwise the result says why, in words for
 * the person who added the file.
 */
export async function readImage(
  root: string,
  file: string,
): Promise<{ ok: true; image: ImageFile } | { ok: false; reason: string }> {
  const read = await readMediaBytes(root, file, 'image');
  return read.ok ? imageFromBytes(file, read.bytes) : read;
}

/**
 * The bytes of a file a post names (an image, a video, captions), read as readImage reads an image:
 * only a regular file under content/posts/, never through a link.
 */
export async function readMediaBytes(
  root: string,
  file: string,
  noun: string,
  field = 'media.src',
): Promise<{ ok: true; bytes: Uint8Array<ArrayBuffer> } | { ok: false; reason: string }> {
  const outside = mediaPathProblem(file);
  if (outside) return { ok: false, reason: outside };
  const base = resolve(root);
  const full = join(base, file);
  let real: string;
  try {
    real = await realpath(full);
  } catch (error) {
    const missing = (error as { code?: string }).code === 'ENOENT';
    return {
      ok: false,
      reason: missing
        ? `the ${noun} ${file} does not exist: add the file or fix ${field} in the post`
        : `the ${noun} ${file} cannot be read: ${(error as Error).message}`,
    };
  }
  if (real !== join(await realpath(base), relative(base, full))) {
    return {
      ok: false,
      reason: `${file} is a symbolic link, which Herald never follows: copy the ${noun} there instead`,
    };
  }
  let bytes: Uint8Array<ArrayBuffer>;
  try {
    bytes = new Uint8Array(await readWhole(full));
  } catch (error) {
    return { ok: false, reason: `the ${noun} ${file} cannot be read: ${(error as Error).message}` };
  }
  return { ok: true, bytes };
}

/** The video `bytes` hold, judged as the media rules judge a video file (an MP4 named .mp4 that mp4box reads). */
export function videoFromBytes(
  file: string,
  bytes: Uint8Array<ArrayBuffer>,
): { ok: true; video: VideoInfo } | { ok: false; reason: string } {
  const measured = measureMedia(bytes.subarray(0, headerBytes), bytes.length, (offset, length) =>
    bytes.subarray(offset, offset + length),
  );
  if (!isVideoName(file) || measured.format !== videoFormatId) {
    return { ok: false, reason: `${file} is not an MP4 video named .mp4, which is the video Herald sends` };
  }
  if (!measured.video) return { ok: false, reason: `${file} cannot be read as a video: export it again as MP4` };
  return { ok: true, video: measured.video };
}

/** Whether `bytes` are valid WebVTT captions, as the media rules judge a captions file. */
export function captionsFromBytes(file: string, bytes: Uint8Array): { ok: true } | { ok: false; reason: string } {
  const measured = measureMedia(bytes.subarray(0, headerBytes), bytes.length, (offset, length) =>
    bytes.subarray(offset, offset + length),
  );
  const problem = measured.captions?.problem;
  if (!isCaptionsName(file) || !measured.captions)
    return { ok: false, reason: `${file} is not a WebVTT file named .vtt` };
  if (problem) return { ok: false, reason: `${file} is not valid WebVTT: line ${problem.line}: ${problem.message}` };
  return { ok: true };
}

/** The image `bytes` hold, judged as readImage judges a file's (for bytes read from git, say). */
export function imageFromBytes(
  file: string,
  bytes: Uint8Array<ArrayBuffer>,
): { ok: true; image: ImageFile } | { ok: false; reason: string } {
  const measured = measureImage(bytes.subarray(0, headerBytes));
  const verdict = judgeImage(file, measured.format);
  if (!verdict.ok) return { ok: false, reason: verdict.reason };
  const { width, height } = measured;
  return {
    ok: true,
    image: {
      bytes,
      format: verdict.format,
      mimeType: imageFormats[verdict.format].mimeType,
      ...(width !== undefined && { width }),
      ...(height !== undefined && { height }),
    },
  };
}
