import { fileStart, problem, type Problem } from './problems.ts';

/** A file as read from disk, before anything is parsed. Paths are relative to the project root. */
export interface SourceFile {
  path: string;
  bytes: Uint8Array;
  /** Set when the file was too large to read: its size on disk, while bytes stay empty. */
  size?: number;
  /** Set for a file that is not text (an image next to a post): what was measured, bytes stay empty. */
  media?: MediaFileInfo;
}

/** What the rules need to know about a media file, measured from its first bytes where it is read. */
export interface MediaFileInfo {
  /** Bytes on disk. */
  size: number;
  /**
   * What the content is: an image format of src/lib/networks/formats.ts by its signature, else the
   * name image-size gives it (tiff, heic, svg, ...); absent when neither recognises it.
   */
  format?: string;
  width?: number;
  height?: number;
  /** A symbolic link, which Herald never follows: nothing was read. */
  symlink?: true;
  /** An MP4 file (format "mp4"), as mp4box reads its movie header; absent when it could not. */
  video?: VideoInfo;
  /** A WebVTT file (format "vtt"): the first problem webvtt-parser found, or none. */
  captions?: { problem?: { line: number; message: string } };
}

/** What the rules and the previews need to know about a video. */
export interface VideoInfo {
  /** Length of the movie. */
  seconds: number;
  /** The first video track's RFC 6381 codec string (avc1.64001f), and its picture size. */
  codec?: string;
  width?: number;
  height?: number;
}

/** Larger files are refused unread: no post or handbook page comes near this. */
export const maxTextFileBytes = 1_000_000;

export type Result<T> = { ok: true; value: T } | { ok: false; problem: Problem };

/**
 * Turns bytes into text with LF line ends, or says why the file is not a text file we can read.
 * A byte-order mark is dropped and CRLF (or a lone CR) becomes LF, so line numbers stay those an
 * editor shows.
 */
export function decodeText(file: SourceFile): Result<string> {
  const { path, bytes } = file;
  const size = file.size ?? bytes.length;
  if (size > maxTextFileBytes) {
    const mb = (size / 1_000_000).toFixed(1);
    return fail(
      path,
      'file/too-large',
      `This file is ${mb} MB; Herald reads files up to 1 MB. Is it really a post? Move large media out of the text file.`,
    );
  }
  if (bytes.length === 0) {
    return fail(
      path,
      'file/empty',
      'This file is empty. Add the front matter (between two lines of ---) and the text, or delete the file.',
    );
  }
  const nul = bytes.indexOf(0);
  if (nul !== -1) {
    return fail(
      path,
      'file/binary',
      'This is not a text file (it contains binary data). Save it as UTF-8 text, or move it out of content/.',
      lineAtByte(bytes, nul),
    );
  }
  let text: string;
  try {
    text = utf8.decode(bytes);
  } catch {
    const lossy = new TextDecoder('utf-8').decode(bytes);
    const line = lossy.slice(0, lossy.indexOf('\uFFFD')).split('\n').length;
    return fail(
      path,
      'file/encoding',
      'This file is not UTF-8 text. Save it with the UTF-8 encoding (most editors offer it under "Save with encoding").',
      { line, column: 1 },
    );
  }
  return { ok: true, value: text.includes('\r') ? text.replace(/\r\n?/g, '\n') : text };
}

const utf8 = new TextDecoder('utf-8', { fatal: true });

function lineAtByte(bytes: Uint8Array, offset: number) {
  let line = 1;
  for (let i = 0; i < offset; i++) if (bytes[i] === 0x0a) line++;
  return { line, column: 1 };
}

function fail<T>(file: string, rule: string, message: string, at = fileStart): Result<T> {
  return { ok: false, problem: problem(file, at, rule, message) };
}

/** The two halves of an MDX file: YAML between the `---` fences, and the body after them. */
export interface FrontmatterSplit {
  yaml: string;
  /** Line of the file on which the YAML starts. */
  yamlLine: number;
  body: string;
  /** Line of the file on which the body starts. */
  bodyLine: number;
}

const fence = /^---[ \t]*$/;
const closingFence = /^(?:---|\.\.\.)[ \t]*$/;

/**
 * Splits front matter from the body by lines: a fence is a line of `---` (or `...` to close, as YAML
 * ends a document), with nothing after it but blanks. gray-matter, which the design named, splits at
 * any line that starts with `---` and reads a missing closing fence as "the whole file is front
 * matter"; DEVELOPERS.md says what that costs in line accuracy and speed.
 */
export function splitFrontmatter(path: string, text: string): Result<FrontmatterSplit> {
  const firstEnd = lineEnd(text, 0);
  if (!fence.test(text.slice(0, firstEnd))) {
    return fail(
      path,
      'frontmatter/missing',
      'The file must start with front matter: a line of three dashes (---), the settings such as title and publishAt, and another line of ---.',
    );
  }
  // Only the lines up to the closing fence are looked at: the body is taken whole.
  let line = 2;
  for (let start = firstEnd + 1; start <= text.length && firstEnd < text.length; line++) {
    const end = lineEnd(text, start);
    if (closingFence.test(text.slice(start, end))) {
      const yaml = text.slice(firstEnd + 1, Math.max(firstEnd + 1, start - 1));
      if (yaml.trim() === '') {
        return fail(
          path,
          'frontmatter/empty',
          'The front matter between the --- lines is empty. Add at least the required settings (see the README).',
        );
      }
      return { ok: true, value: { yaml, yamlLine: 2, body: text.slice(end + 1), bodyLine: line + 1 } };
    }
    start = end + 1;
  }
  return fail(
    path,
    'frontmatter/unclosed',
    'The front matter is never closed. Add a line of three dashes (---) after the last setting.',
  );
}

function lineEnd(text: string, start: number): number {
  const end = text.indexOf('\n', start);
  return end === -1 ? text.length : end;
}
