import { lint, type LintOptions } from '../../../src/lib/rules/index.ts';
import type { Problem } from '../../../src/lib/project/problems.ts';
import type { MediaFileInfo, SourceFile } from '../../../src/lib/project/source.ts';
import { file, load, testConfig, testNow } from '../../helpers/project.ts';

export const postPath = 'content/posts/2026/12/the-post.mdx';

/** herald.yaml of the tests with more settings after the channels (calendar:, rules:, ...). */
export function configWith(extra: string): string {
  return `${testConfig}${extra.trim()}\n`;
}

/** The file line on which `needle` stands in `text` (1-based). */
export function lineOf(text: string, needle: string): number {
  const at = text.indexOf(needle);
  if (at === -1) throw new Error(`"${needle}" is not in the text`);
  return text.slice(0, at).split('\n').length;
}

/** A style guide whose front matter carries `rules` (YAML, indented under houseRules:). */
export function styleGuide(rules: string): SourceFile {
  const indented = rules
    .trim()
    .split('\n')
    .map((line) => `  ${line}`)
    .join('\n');
  return file(
    'content/handbook/style-guide.mdx',
    `---\ntitle: Style guide\ndescription: How we write.\nowner: Communications lead\nlastReviewed: 2026-11-01\nreviewEvery: P1Y\nhouseRules:\n${indented}\n---\nHow we write.\n`,
  );
}

/** An image as read-content measures it. */
export function image(path: string, media: MediaFileInfo): SourceFile {
  return { path, bytes: new Uint8Array(0), media };
}

export const photo: MediaFileInfo = { size: 300_000, format: 'jpg', width: 2000, height: 1500 };

/** Lints the files (with the test herald.yaml unless another is given) at the tests' fixed now. */
export function findings(files: SourceFile[], options: { config?: string } & Partial<LintOptions> = {}): Problem[] {
  const { config = testConfig, ...lintOptions } = options;
  return lint(load(files, config), { now: testNow, ...lintOptions });
}

export function ofRule(problems: Problem[], rule: string): Problem[] {
  return problems.filter((p) => p.rule === rule);
}
