import jsYaml from 'js-yaml';
import { isMap, isPair, isScalar, isSeq, LineCounter, parseDocument, visit, type Document, type Node, type YAMLError } from 'yaml';
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
      return { ok: true, source: { data, ...lazyLocator(text, firstLine) } };
    } catch {
      // Fall through: the full parser says what is wrong, and where.
    }
  }
  const { doc, toFile } = parseWithPositions(text, firstLine);
  if (doc.errors.length > 0) {
    // One problem per line: a single slip often trips several parser errors on the same line.
    const problems = doc.errors.map((error) => yamlProblem(file, error, toFile(errorStart(doc, error)), text));
    return { ok: false, problems: problems.filter((p, i) => problems.findIndex((q) => q.line === p.line) === i) };
  }
  try {
    return { ok: true, source: { data: doc.toJS({ maxAliasCount: 100 }), ...locator(doc, toFile) } };
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    return { ok: false, problems: [problem(file, toFile(0), 'yaml/syntax', `The settings could not be read: ${message}. Remove anchors and aliases (& and *).`)] };
  }
}

/** Positions in a YAML text that parsed before; the full parse happens on the first question. */
export function lazyLocator(text: string, firstLine = 1): YamlLocator {
  let parsed: YamlLocator | undefined;
  const get = () => {
    if (!parsed) {
      const { doc, toFile } = parseWithPositions(text, firstLine);
      parsed = locator(doc, toFile);
    }
    return parsed;
  };
  return { valueAt: (path) => get().valueAt(path), keyAt: (path) => get().keyAt(path) };
}

/**
 * Hashtags YAML silently ate: in an unquoted value, a space and # start a comment, so
 * `x: Join us #agm` sends "Join us". A comment written on purpose has a space after the #
 * (`kind: original # why`); one that does not is a hashtag. Returns where each one starts.
 */
export function swallowedHashtags(text: string, firstLine = 1): { at: Position; tag: string }[] {
  if (!/[ \t]#[^\s#]/.test(text)) return [];
  const { doc, toFile } = parseWithPositions(text, firstLine);
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
        const pair = node.items.find((item) => isPair(item) && isScalar(item.key) && String(item.key.value) === String(segment));
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

function yamlProblem(file: string, error: YAMLError, at: Position, text: string): Problem {
  const firstLine = error.message.split('\n')[0] ?? error.message;
  if (error.code === 'DUPLICATE_KEY') {
    const key = /^[^:\n]*/.exec(text.slice(error.pos[0]))?.[0].trim() ?? '';
    return problem(file, at, 'yaml/duplicate-key', `"${key}" is set twice. Keep one of them.`);
  }
  if (error.code === 'TAB_AS_INDENT') {
    return problem(file, at, 'yaml/syntax', 'A tab is used for indenting. Indent the settings with spaces only.');
  }
  return problem(
    file,
    at,
    'yaml/syntax',
    `The settings are not valid YAML here (${firstLine.replace(/ at line \d+, column \d+$/, '')}). ` +
      'Check the indentation, that each setting is written as "name: value", and put quotes around values that contain ": " or start with @, `, [, { or *.',
  );
}
