import jsYaml from 'js-yaml';
import {
  isMap,
  isPair,
  isScalar,
  isSeq,
  LineCounter,
  parseDocument,
  visit,
  type Document,
  type Node,
  type YAMLError,
} from 'yaml';
import { problem, type Position, type Problem } from './problems.ts';

export type YamlPath = readonly PropertyKey[];

/** Says where any key or value of a YAML text stands in its file. */
export interface YamlLocator {
  /** Where the value at `path` starts; for a path that is not there, the deepest part that is. */
  valueAt(path: YamlPath): Position;
  /** Where the key of `path` stands (for unknown keys); falls back like valueAt. */
  keyAt(path: YamlPath): Position;
}

export interface YamlSource extends YamlLocator {
  data: unknown;
}

export type YamlResult = { ok: true; source: YamlSource } | { ok: false; problems: Problem[] };

/**
 * Parses YAML 1.2 with the core schema: `2026-12-03 18:30` stays the text the author wrote instead
 * of silently becoming a UTC date, and `yes`/`no` stay text rather than booleans.
 * `firstLine` is the file line on which `text` starts, so positions are those of the file.
 *
 * Two parsers, one meaning: js-yaml reads the common case about ten times faster, and `yaml`, which
 * keeps every node's position, runs only when a position is asked for, when js-yaml fails (for its
 * clearer messages), or when anchors and aliases need its expansion limit.
 */
export function parseYaml(file: string, text: string, firstLine = 1): YamlResult {
  if (!/(?:^|[\s[{,])[&*]\S/.test(text)) {
    try {
      const data = jsYaml.load(text, { schema: jsYaml.CORE_SCHEMA, filename: file });
      const located = lazyLocator(text, firstLine, data);
      return { ok: true, source: Object.assign(located, { data }) };
    } catch {
      // Fall through: the full parser says what is wrong, and where.
    }
  }
  const { doc, toFile } = parseWithPositions(text, firstLine);
  if (doc.errors.length > 0) {
    // One problem per line: a single slip often trips several parser errors on the same line.
    const problems = doc.errors.map((error) => yamlProblem(file, error, text, doc, toFile));
    return { ok: false, problems: problems.filter((p, i) => problems.findIndex((q) => q.line === p.line) === i) };
  }
  try {
    const data = doc.toJS({ maxAliasCount: 100 });
    const located = locator(doc, toFile);
    documents.set(located, () => ({ doc, toFile }));
    return { ok: true, source: Object.assign(located, { data }) };
  } catch (error) {
    // toJS throws only for aliases (*name): one without its anchor (&name), or so many they would expand without end.
    const message = error instanceof Error ? error.message : String(error);
    const alias = /(?:^|[\s[{,])(\*[^\s,\]}]+)/.exec(text);
    const at = alias ? alias.index + alias[0].indexOf('*') : 0;
    return {
      ok: false,
      problems: [
        problem(
          file,
          toFile(at),
          'yaml/syntax',
          /Unresolved alias/.test(message) && alias
            ? `A value cannot start with * unless it is in quotes: YAML reads ${alias[1]} as a reference to another value (anchors and aliases). Write it as "${alias[1]}".`
            : 'These settings repeat other values through YAML anchors and aliases (& and *) too many times to be read. Write the values out instead.',
        ),
      ],
    };
  }
}

type Parsed = ReturnType<typeof parseWithPositions>;

/** The document behind a locator, parsed with positions on the first question (see swallowedHashtags). */
const documents = new WeakMap<YamlLocator, () => Parsed>();

/**
 * Positions in a YAML text that parsed before. Given the parsed `data`, a key or item of a block
 * mapping or sequence (at the top or nested) and a value that starts on its line are found from the
 * lines alone (see blockAt); anything else needs the full parse with positions, which happens on the
 * first such question and is kept.
 */
export function lazyLocator(text: string, firstLine = 1, data?: unknown): YamlLocator {
  let parsed: Parsed | undefined;
  const document = () => (parsed ??= parseWithPositions(text, firstLine));
  let full: YamlLocator | undefined;
  const blocks = new Map<string, Map<PropertyKey, Entry> | null>();
  /** The entry of `path` as the lines say, or undefined when they cannot say for certain. */
  const entryOf = (path: YamlPath): Entry | undefined => {
    let value = data;
    let from = 0;
    let parent = -1;
    for (const [depth, segment] of path.entries()) {
      const cacheKey = path.slice(0, depth).join('\0');
      let entries = blocks.get(cacheKey);
      if (entries === undefined) blocks.set(cacheKey, (entries = blockAt(text, value, from, parent) ?? null));
      const entry = entries?.get(segment);
      if (!entry || depth === path.length - 1) return entry;
      value = (value as Record<PropertyKey, unknown>)[segment];
      from = entry.inner;
      parent = entry.indent;
    }
    return undefined;
  };
  const at = (path: YamlPath, wantKey: boolean): Position => {
    if (data !== undefined && path.length > 0) {
      const entry = entryOf(path);
      const offset = wantKey ? entry?.key : entry?.value;
      if (offset !== undefined) return positionIn(text, offset, firstLine);
    }
    full ??= locator(document().doc, document().toFile);
    return wantKey ? full.keyAt(path) : full.valueAt(path);
  };
  const located: YamlLocator = { valueAt: (path) => at(path, false), keyAt: (path) => at(path, true) };
  documents.set(located, document);
  return located;
}

interface Entry {
  /**
   * Offsets in the text of the key and of the value; no value when it does not start on the key's
   * line, or starts with an anchor, tag or alias. An item of a sequence has no key: its position is
   * its value's, as for the full parse.
   */
  key?: number;
  value?: number;
  /** Where a block under this entry would begin (its value's start, or the next line), and the indentation it must exceed. */
  inner: number;
  indent: number;
}

/** `key: value` with a plain key; the value, if any, after blanks on the same line. */
const mappingLine = /^([A-Za-z_][\w-]*):(?:([ \t]+)([^ \t&!*#?%@`])?|$)/;
/** `- value`, the value, if any, after blanks on the same line. */
const sequenceLine = /^-(?:( +)([^ \t&!*#?%@`])?|$)/;

/**
 * Where each key (or item) of a block mapping (or sequence) and its value start, read from the
 * lines, or undefined when the lines cannot say for certain. The block is `data`, read from offset
 * `from` on (a line's start, or where the value after "- " starts), over the lines indented deeper
 * than `parent` (-1 for the whole text). The lines can say when every line at the block's
 * indentation (other than a comment) is `key: ...` with a plain key (or `- ...`), and those keys
 * are exactly the keys of `data`, in the same order (or as many items): then no such line was part
 * of a multi-line value, deeper lines belong to the values, and a value on its key's line starts at
 * its first character (a plain scalar, a quote, [, {, | or >), where the full parse puts it.
 */
function blockAt(text: string, data: unknown, from: number, parent: number): Map<PropertyKey, Entry> | undefined {
  if (!data || typeof data !== 'object') return undefined;
  const sequence = Array.isArray(data);
  const entries = new Map<PropertyKey, Entry>();
  let indent = -1;
  for (let start = from, lineStart = text.lastIndexOf('\n', from - 1) + 1; start < text.length; lineStart = start) {
    const newline = text.indexOf('\n', start);
    const end = newline === -1 ? text.length : newline;
    let column = start;
    while (text.charCodeAt(column) === 0x20) column++;
    start = end + 1;
    // Blank, or a comment: neither ends a block nor is part of it.
    if (column === end || text.charCodeAt(column) === 0x23) continue;
    const depth = column - lineStart;
    if (depth <= parent) break;
    if (indent === -1) indent = depth;
    if (depth > indent) continue;
    if (depth < indent || text.charCodeAt(column) === 0x09) return undefined;
    const line = text.slice(column, end);
    if (sequence) {
      const match = sequenceLine.exec(line);
      if (!match) return undefined;
      const content = match[1] === undefined ? undefined : column + 1 + match[1].length;
      const value = match[2] ? content : undefined;
      entries.set(entries.size, { key: value, value, inner: content ?? end + 1, indent });
    } else {
      const match = mappingLine.exec(line);
      if (!match || entries.has(match[1]!)) return undefined;
      const key = match[1]!;
      entries.set(key, {
        key: column,
        inner: end + 1,
        indent,
        ...(match[3] ? { value: column + key.length + 1 + match[2]!.length } : {}),
      });
    }
  }
  const keys = sequence ? (data as unknown[]).map((_, i) => i) : Object.keys(data);
  if (keys.length !== entries.size) return undefined;
  let i = 0;
  for (const key of entries.keys()) if (key !== keys[i++]) return undefined;
  return entries;
}

function positionIn(text: string, offset: number, firstLine: number): Position {
  let line = firstLine;
  let lineStart = 0;
  for (let i = text.indexOf('\n'); i !== -1 && i < offset; i = text.indexOf('\n', i + 1)) {
    line++;
    lineStart = i + 1;
  }
  return { line, column: offset - lineStart + 1 };
}

/**
 * Hashtags YAML silently ate: in an unquoted value, a space and # start a comment, so
 * `x: Join us #agm` sends "Join us". A comment written on purpose has a space after the #
 * (`kind: original # why`); one that does not is a hashtag. Returns where each one starts.
 * `located` is the text's locator from parseYaml, whose parse with positions this shares.
 */
export function swallowedHashtags(text: string, firstLine = 1, located?: YamlLocator): { at: Position; tag: string }[] {
  if (!mayHaveHashtagComment(text)) return [];
  const { doc, toFile } =
    located && documents.has(located) ? documents.get(located)!() : parseWithPositions(text, firstLine);
  const found: { at: Position; tag: string }[] = [];
  visit(doc, {
    Scalar(_, node) {
      if (node.type !== 'PLAIN' || !node.comment || /^\s/.test(node.comment) || !node.range) return;
      const hash = text.indexOf('#', node.range[1]);
      if (hash !== -1) found.push({ at: toFile(hash), tag: `#${node.comment.split(/\s/)[0]}` });
    },
  });
  return found;
}

/** `key: |`, `key: >-`, ...: a block scalar, whose more indented lines are text, never comments. */
const blockScalarHeader = /^( *(?:- +)?)[\w-]+: +[|>][1-9+-]{0,2} *$/;
/** A line whose value is one quoted string, which a comment cannot follow unnoticed. */
const quotedLine = /^ *(?:- +)?(?:[\w-]+: +)?(?:"(?:[^"\\]|\\.)*"|'(?:[^']|'')*') *$/;

/**
 * Whether a text that parsed may hold a hashtag read as a comment: a # after a blank and before a
 * non-blank, on a line that is neither inside a block scalar nor a single quoted value. Only such
 * texts need the parse with positions that finds them for certain.
 */
function mayHaveHashtagComment(text: string): boolean {
  if (!/[ \t]#[^\s#]/.test(text)) return false;
  let blockIndent = -1;
  for (const line of text.split('\n')) {
    const indent = line.length - line.trimStart().length;
    if (blockIndent >= 0 && (line.trim() === '' || indent > blockIndent)) continue;
    blockIndent = -1;
    const header = blockScalarHeader.exec(line);
    if (header) {
      // The text is indented deeper than its key (which a "- " before it moves to the right).
      blockIndent = header[1]!.length;
      continue;
    }
    if (/[ \t]#[^\s#]/.test(line) && !quotedLine.test(line)) return true;
  }
  return false;
}

function parseWithPositions(text: string, firstLine: number) {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false, schema: 'core', uniqueKeys: true, merge: false });
  const toFile = (offset: number): Position => {
    const { line, col } = lineCounter.linePos(offset);
    return { line: line + firstLine - 1, column: col };
  };
  return { doc, toFile };
}

function locator(doc: Document, toFile: (offset: number) => Position): YamlLocator {
  const locate = (path: YamlPath, wantKey: boolean): Position => {
    let node: unknown = doc.contents;
    let best: Node | undefined = isNode(node) ? node : undefined;
    for (const [i, segment] of path.entries()) {
      const last = i === path.length - 1;
      if (isMap(node)) {
        const pair = node.items.find(
          (item) => isPair(item) && isScalar(item.key) && String(item.key.value) === String(segment),
        );
        if (!pair) break;
        if (last && wantKey && isNode(pair.key)) return toFile(pair.key.range?.[0] ?? 0);
        node = pair.value;
        best = isNode(pair.value) && pair.value.range ? pair.value : isNode(pair.key) ? pair.key : best;
      } else if (isSeq(node) && typeof segment === 'number') {
        node = node.items[segment];
        if (!isNode(node)) break;
        best = node;
      } else {
        break;
      }
    }
    return toFile(best?.range?.[0] ?? 0);
  };
  return { valueAt: (path) => locate(path, false), keyAt: (path) => locate(path, true) };
}

/** An unclosed quote is noticed where the file ends; the author needs the line where it opened. */
function errorStart(doc: Document, error: YAMLError): number {
  let start = error.pos[0];
  if (error.code !== 'MISSING_CHAR') return start;
  visit(doc, {
    Scalar(_, node) {
      const [from, to] = node.range ?? [0, 0];
      if ((node.type === 'QUOTE_DOUBLE' || node.type === 'QUOTE_SINGLE') && from <= start && start <= to) start = from;
    },
  });
  return start;
}

function isNode(value: unknown): value is Node {
  return typeof value === 'object' && value !== null && 'range' in value;
}

/**
 * A YAML syntax error as advice about the line it is on. The parser's own words (yaml's error codes,
 * e.g. BLOCK_AS_IMPLICIT_KEY, "Nested mappings are not allowed in compact mappings") name YAML's
 * grammar; an author needs to hear what they most likely wrote and how to write it instead.
 */
function yamlProblem(
  file: string,
  error: YAMLError,
  text: string,
  doc: Document,
  toFile: (offset: number) => Position,
): Problem {
  const offset = errorStart(doc, error);
  const lineStart = text.lastIndexOf('\n', error.pos[0] - 1) + 1;
  const lineEnd = text.indexOf('\n', error.pos[0]);
  const line = text.slice(lineStart, lineEnd === -1 ? undefined : lineEnd);
  const setting = /^\s*(?:-\s+)?([^\s:#][^:#]*?):\s+(.*)$/.exec(line);
  const [key, value] = setting ? [setting[1]!.trim(), setting[2]!.trim()] : [undefined, undefined];
  const syntax = (message: string, at = offset) => problem(file, toFile(at), 'yaml/syntax', message);

  // In a list or group written inline ([...] or {...}), " #" or "[#" starts a comment that eats the rest of the line.
  const hashtag = /[[{,]\s*(#[^\s#,\]}]*)/.exec(line);
  if (hashtag) {
    const tag = hashtag[1]!;
    return syntax(
      `${tag} starts a YAML comment here, which cuts the list short. Put each hashtag in quotes, e.g. ${key ?? 'labels'}: ["${tag}"].`,
      lineStart + hashtag.index + hashtag[0].indexOf('#'),
    );
  }
  switch (error.code) {
    case 'DUPLICATE_KEY': {
      const duplicate = /^[^:\n]*/.exec(text.slice(error.pos[0]))?.[0].trim() ?? '';
      return problem(file, toFile(offset), 'yaml/duplicate-key', `"${duplicate}" is set twice. Keep one of them.`);
    }
    case 'TAB_AS_INDENT':
      return syntax('A tab is used for indenting. Indent the settings with spaces only.');
    case 'BAD_SCALAR_START': {
      const first = value?.[0] ?? '';
      return syntax(
        `A value cannot start with ${first} unless it is in quotes. Write it as ${key ?? 'name'}: "${value ?? ''}".`,
      );
    }
    case 'BLOCK_AS_IMPLICIT_KEY':
    case 'MULTILINE_IMPLICIT_KEY':
      if (value?.includes(': ')) {
        return syntax(
          `This value contains ": ", which YAML reads as the start of another setting. Put the whole value in quotes: ${key}: "${value.replaceAll('"', '\\"')}".`,
        );
      }
      return syntax(
        'The next line is indented further than this setting, so YAML reads it as part of this value. Start each setting at the same column as the others.',
      );
    case 'MISSING_CHAR':
      if (/quote/.test(error.message)) {
        const quote = /closing (["'])quote/.exec(error.message)?.[1] ?? '"';
        return syntax(
          `This value opens a quote (${quote}) that is never closed. Add the closing ${quote} at the end of the value, or remove the opening one.`,
        );
      }
      break;
    case 'BAD_INDENT':
      if (/Flow sequence/.test(error.message))
        return syntax(
          `This list opens with [ but is not closed with ] on the same line. Close it, e.g. ${key ?? 'channels'}: [mastodon, bluesky].`,
        );
      if (/Flow map/.test(error.message))
        return syntax(
          'This group opens with { but is not closed with } on the same line. Close it, e.g. repeat: { every: P1W, until: 2027-06-30 }.',
        );
      return syntax('This line does not start at the same column as the settings around it. Line them up with spaces.');
  }
  return syntax(
    'The settings cannot be read from this line. Check that each setting is written as "name: value" and lined up with the others (with spaces), ' +
      'and put quotes around a value that contains ": " or " #", or starts with @, `, [, {, *, & or %.',
  );
}
