import { editorSchemas, editorSchemaText } from './json-schema.ts';

/**
 * The files that make editors check content as the loader does, all generated from the schemas and
 * written by `herald sync` with the other generated files (src/lib/sync/generated.ts):
 *
 * - schemas/*.schema.json: the JSON Schema of herald.yaml, of a post's and of a handbook page's
 *   front matter.
 * - .vscode/settings.json: the YAML extension (redhat.vscode-yaml) checks, completes and explains
 *   herald.yaml with its schema. It cannot see front matter inside a Markdown or MDX file
 *   (redhat-developer/vscode-yaml#207), so the content files open as Markdown, where the remark
 *   extension (unifiedjs.vscode-remark, which serves Markdown documents only) runs .remarkrc.json.
 * - .remarkrc.json: remark-lint-frontmatter-schema checks each file's front matter against its schema.
 *
 * VS Code matches a pattern with a slash against the absolute path, and the remark language server
 * hands the plugin absolute paths too: hence the leading `**` of each pattern.
 */
export function editorFiles(): Record<string, string> {
  const yaml = editorSchemas.filter((entry) => entry.files.every((file) => /\.ya?ml$/.test(file)));
  const frontmatter = editorSchemas.filter((entry) => !yaml.includes(entry));
  const settings = {
    'yaml.schemas': Object.fromEntries(yaml.map((entry) => [`./${entry.file}`, entry.files.map(anywhere)])),
    'files.associations': Object.fromEntries(
      frontmatter.flatMap((entry) => entry.files.map((file) => [anywhere(file), 'markdown'])),
    ),
  };
  const remarkrc = {
    plugins: [
      'remark-frontmatter',
      [
        'remark-lint-frontmatter-schema',
        { schemas: Object.fromEntries(frontmatter.map((entry) => [entry.file, entry.files.map(anywhere)])) },
      ],
    ],
  };
  return {
    ...Object.fromEntries(editorSchemas.map((entry) => [entry.file, editorSchemaText(entry)])),
    '.vscode/settings.json': json(settings),
    '.remarkrc.json': json(remarkrc),
  };
}

const anywhere = (pattern: string) => `**/${pattern}`;

function json(value: unknown): string {
  return `${JSON.stringify(value, null, 2)}\n`;
}
