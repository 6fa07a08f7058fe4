import { closest, distance } from 'fastest-levenshtein';
import { z } from 'zod';
import { problem, type Problem } from './problems.ts';
import type { YamlPath, YamlSource } from './yaml.ts';

type Schema = z.core.$ZodType;
type Issue = z.core.$ZodIssue;

/**
 * Validates parsed YAML against a schema and turns every issue into a problem a non-developer can act
 * on: the setting's name as written, where it stands, and an example of a right value.
 */
export function checkAgainst<S extends Schema>(
  schema: S,
  file: string,
  source: YamlSource,
): { data?: z.output<S>; problems: Problem[] } {
  const result = z.safeParse(schema, source.data ?? {});
  if (result.success) return { data: result.data, problems: [] };
  return { problems: result.error.issues.flatMap((issue) => describeIssue(schema, file, source, issue)) };
}

function describeIssue(root: Schema, file: string, source: YamlSource, issue: Issue): Problem[] {
  const path = issue.path;
  const name = displayPath(path);
  const here = source.valueAt(path);

  switch (issue.code) {
    case 'unrecognized_keys': {
      const allowed = objectKeys(schemaAt(root, path, source.data));
      return issue.keys.map((key) => {
        const suggestion = suggest(key, allowed);
        const hint = suggestion
          ? `Did you mean "${suggestion}"?`
          : allowed.length > 0
            ? `Settings allowed here: ${allowed.join(', ')}.`
            : 'Remove it.';
        const where = path.length > 0 ? ` in ${name}` : '';
        return problem(
          file,
          source.keyAt([...path, key]),
          'schema/unknown-key',
          `Unknown setting "${key}"${where}. ${hint}`,
        );
      });
    }
    case 'invalid_type':
    case 'invalid_value': {
      const value = valueAt(source.data, path);
      if (value === undefined) {
        const example = exampleFor(schemaAt(root, path, source.data));
        const add = example === undefined ? '' : ` For example: ${path.at(-1)?.toString()}: ${example}`;
        return [problem(file, here, 'schema/missing', `"${name}" is missing. Add it.${add}`)];
      }
      if (issue.code === 'invalid_value') {
        const options = issue.values.map((v) => String(v));
        const suggestion = typeof value === 'string' ? suggest(value, options) : undefined;
        const hint = suggestion ? ` Did you mean "${suggestion}"?` : '';
        return [
          problem(
            file,
            here,
            'schema/value',
            `"${name}" must be one of: ${options.join(', ')} (found ${describeValue(value)}).${hint}`,
          ),
        ];
      }
      if (path.length === 0) {
        const whole = file.endsWith('.yaml') ? 'This file' : 'The front matter';
        return [
          problem(
            file,
            here,
            'schema/type',
            `${whole} should be settings, one per line written as "name: value", not ${describeValue(value)}.`,
          ),
        ];
      }
      const schema = schemaAt(root, path, source.data);
      const example = exampleFor(schema);
      if (value === null) {
        const where =
          typeof path.at(-1) === 'number' ? 'after the dash, or remove the line' : `after "${String(path.at(-1))}:"`;
        return [
          problem(
            file,
            here,
            'schema/type',
            `"${name}" has no value. Write it ${where}${example === undefined ? '' : `, e.g. ${example}`}.`,
          ),
        ];
      }
      // YAML reads 1984 as a number and yes as text; quotes help when the quoted text would do.
      const quoted =
        issue.expected === 'string' &&
        (typeof value === 'number' || typeof value === 'boolean') &&
        schema !== undefined &&
        z.safeParse(schema, String(value)).success;
      const fix = quoted
        ? ' Put the value in quotes, e.g. "' + String(value) + '".'
        : example === undefined
          ? ''
          : ` For example: ${example}`;
      return [
        problem(
          file,
          here,
          'schema/type',
          `"${name}" should be ${article(issue.expected)}, not ${describeValue(value)}.${fix}`,
        ),
      ];
    }
    case 'invalid_union': {
      const discriminated = 'options' in issue && issue.options ? issue.options : undefined;
      if (discriminated) {
        const value = valueAt(source.data, path);
        const options = discriminated.map(String);
        const suggestion = typeof value === 'string' ? suggest(value, options) : undefined;
        const hint = suggestion ? ` Did you mean "${suggestion}"?` : '';
        return [
          problem(
            file,
            here,
            'schema/value',
            `"${name}" must be one of: ${options.join(', ')} (found ${describeValue(value)}).${hint}`,
          ),
        ];
      }
      return [
        problem(
          file,
          here,
          'schema/value',
          `"${name}" is not valid here.${exampleHint(schemaAt(root, path, source.data))}`,
        ),
      ];
    }
    case 'custom': {
      const rule = typeof issue.params?.['rule'] === 'string' ? issue.params['rule'] : 'schema/value';
      return [problem(file, here, rule, `"${name}": ${issue.message}.`)];
    }
    case 'too_small':
      if (issue.origin === 'array' || issue.origin === 'string') {
        const custom = issue.message.startsWith('Too small') ? 'it must not be empty' : issue.message;
        return [problem(file, here, 'schema/value', `"${name}" is empty: ${custom}.`)];
      }
      return [problem(file, here, 'schema/value', `"${name}" must be at least ${String(issue.minimum)}.`)];
    case 'too_big':
      return [problem(file, here, 'schema/value', `"${name}" must be at most ${String(issue.maximum)}.`)];
    default:
      return [problem(file, here, 'schema/value', `"${name}" is not valid: ${issue.message}.`)];
  }
}

/** `media[0].alt` for the path ['media', 0, 'alt']. */
export function displayPath(path: YamlPath): string {
  return path.reduce<string>((text, segment) => {
    if (typeof segment === 'number') return `${text}[${segment}]`;
    return text ? `${text}.${String(segment)}` : String(segment);
  }, '');
}

/** The closest candidate when it is close enough to be a likely typo. */
export function suggest(word: string, candidates: readonly string[]): string | undefined {
  if (candidates.length === 0) return undefined;
  const lower = word.toLowerCase();
  // "alttext" for "alt", "channel" for "channels": one is the other with something added.
  const extended = candidates.find(
    (c) => c.length >= 3 && (lower.startsWith(c.toLowerCase()) || c.toLowerCase().startsWith(lower)),
  );
  if (extended) return extended;
  const best = closest(lower, candidates as string[]);
  const limit = Math.max(2, Math.floor(word.length / 3));
  return distance(lower, best.toLowerCase()) <= limit ? best : undefined;
}

function valueAt(data: unknown, path: YamlPath): unknown {
  let value = data;
  for (const segment of path) {
    if (typeof value !== 'object' || value === null) return undefined;
    value = (value as Record<PropertyKey, unknown>)[segment];
  }
  return value;
}

function describeValue(value: unknown): string {
  if (value === null) return 'an empty value';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'a group of settings';
  if (typeof value === 'string') return `the text "${value.length > 40 ? value.slice(0, 40) + '…' : value}"`;
  return `${typeof value === 'number' ? 'the number' : 'the value'} ${String(value)}`;
}

function article(expected: string): string {
  const words: Record<string, string> = {
    string: 'a text',
    number: 'a number',
    int: 'a whole number',
    boolean: 'true or false',
    array: 'a list',
    object: 'a group of settings',
    record: 'a group of settings',
  };
  return words[expected] ?? expected;
}

/** Follows a data path through a schema, unwrapping optional, default and union layers. */
function schemaAt(root: Schema, path: YamlPath, data: unknown): Schema | undefined {
  let schema: Schema | undefined = unwrap(root, valueAt(data, []));
  for (const [i, segment] of path.entries()) {
    if (!schema) return undefined;
    const def = schema._zod.def as unknown as Record<string, unknown> & { type: string };
    let next: Schema | undefined;
    if (def.type === 'object') next = (def['shape'] as Record<string, Schema>)[String(segment)];
    else if (def.type === 'array') next = def['element'] as Schema;
    else if (def.type === 'record') next = def['valueType'] as Schema;
    schema = next && unwrap(next, valueAt(data, path.slice(0, i + 1)));
  }
  return schema;
}

function unwrap(schema: Schema, value: unknown): Schema {
  const def = schema._zod.def as unknown as Record<string, unknown> & { type: string };
  if (def.type === 'optional' || def.type === 'default' || def.type === 'nullable' || def.type === 'prefault') {
    return unwrap(def['innerType'] as Schema, value);
  }
  if (def.type === 'pipe') return unwrap(def['in'] as Schema, value);
  if (def.type === 'union') {
    const options = def['options'] as Schema[];
    const discriminator = def['discriminator'];
    if (typeof discriminator === 'string' && typeof value === 'object' && value !== null) {
      const wanted = (value as Record<string, unknown>)[discriminator];
      const match = options.find((option) => {
        const shape = (option._zod.def as unknown as { shape?: Record<string, Schema> }).shape;
        const literal = shape?.[discriminator]?._zod.def as unknown as { values?: unknown[] } | undefined;
        return literal?.values?.includes(wanted);
      });
      if (match) return unwrap(match, value);
    }
  }
  return schema;
}

function objectKeys(schema: Schema | undefined): string[] {
  const shape = schema && (schema._zod.def as unknown as { shape?: Record<string, unknown> }).shape;
  return shape ? Object.keys(shape) : [];
}

/** The first example in a schema's metadata, written as YAML would show it. */
function exampleFor(schema: Schema | undefined): string | undefined {
  for (let current = schema; current;) {
    const examples = z.globalRegistry.get(current)?.examples;
    const first = Array.isArray(examples) ? examples[0] : undefined;
    if (first !== undefined) return Array.isArray(first) ? `[${first.join(', ')}]` : String(first);
    const def = current._zod.def as unknown as Record<string, unknown>;
    current = (def['innerType'] ?? def['in']) as Schema | undefined;
  }
  return undefined;
}

function exampleHint(schema: Schema | undefined): string {
  const example = exampleFor(schema);
  return example === undefined ? '' : ` For example: ${example}`;
}
