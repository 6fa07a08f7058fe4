import { z } from 'zod';
import { isoDate, isoDuration, localDateOrDateTime, localDateTime } from '../../schemas/common.ts';
import { configSchema } from '../../schemas/config.ts';
import { handbookSchema } from '../../schemas/handbook.ts';
import { postSchema } from '../../schemas/post.ts';

/**
 * The zod schemas as JSON Schema: the one conversion behind the configuration reference
 * (reference.ts) and the schema files editors use to complete and check content (schemas/).
 * Draft-07, because that is the newest draft the YAML language server and Ajv's default class read.
 * `io: 'input'` describes what an author writes: a setting with a default is optional.
 */
export function jsonSchemaOf(schema: z.ZodType): JsonSchema {
  return z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any', target: 'draft-7' }) as JsonSchema;
}

export interface JsonSchema {
  $schema?: string;
  title?: string;
  type?: string | string[];
  description?: string;
  examples?: unknown[];
  default?: unknown;
  enum?: unknown[];
  const?: unknown;
  properties?: Record<string, JsonSchema>;
  required?: string[];
  items?: JsonSchema;
  additionalProperties?: JsonSchema | boolean;
  oneOf?: JsonSchema[];
  anyOf?: JsonSchema[];
  pattern?: string;
  format?: string;
  minimum?: number;
  maximum?: number;
  minLength?: number;
  minItems?: number;
}

/** The text formats of the schemas' building blocks (common.ts), told apart by their patterns. */
export type TextFormat = 'date' | 'local-date-time' | 'date-or-date-time' | 'duration';

const formatPatterns = new Map<string | undefined, TextFormat>([
  [jsonSchemaOf(isoDate).pattern, 'date'],
  [jsonSchemaOf(localDateTime).pattern, 'local-date-time'],
  [jsonSchemaOf(localDateOrDateTime).pattern, 'date-or-date-time'],
  [jsonSchemaOf(isoDuration).pattern, 'duration'],
]);

export function textFormatOf(schema: JsonSchema): TextFormat | undefined {
  return schema.pattern === undefined ? undefined : formatPatterns.get(schema.pattern);
}

/** One schema file for editors, and the content files it describes (globs from the project root). */
export interface EditorSchema {
  file: string;
  title: string;
  schema: z.ZodType;
  files: string[];
}

export const editorSchemas: readonly EditorSchema[] = [
  {
    file: 'schemas/herald.schema.json',
    title: 'Herald settings (content/herald.yaml)',
    schema: configSchema,
    files: ['content/herald.yaml'],
  },
  {
    file: 'schemas/post.schema.json',
    title: 'Herald post front matter',
    schema: postSchema,
    files: ['content/posts/**/*.mdx', 'content/posts/**/*.md'],
  },
  {
    file: 'schemas/handbook.schema.json',
    title: 'Herald handbook page front matter',
    schema: handbookSchema,
    files: ['content/handbook/**/*.mdx', 'content/handbook/**/*.md'],
  },
];

/** The text of an editor schema file, as committed. */
export function editorSchemaText(entry: EditorSchema): string {
  const { $schema, ...rest } = jsonSchemaOf(entry.schema);
  return `${JSON.stringify({ $schema, title: entry.title, ...rest }, null, 2)}\n`;
}
