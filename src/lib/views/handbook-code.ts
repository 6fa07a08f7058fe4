import type { Root } from 'mdast';
import type { MdxJsxFlowElement, MdxJsxTextElement } from 'mdast-util-mdx';
import { visit } from 'unist-util-visit';
import { problem, type Problem } from '../project/problems.ts';

/**
 * Handbook pages are MDX, and MDX is a program: an `import` or `export` runs when the site is built,
 * with the build's rights (in the Pages workflow, the right to deploy the site, which also serves the
 * CMS and its users' GitHub tokens), and `{expressions}` and components run too. Page owners review
 * handbook pages for their words, not for code, so a page may hold Markdown and a few plain HTML
 * elements with literal attributes, and nothing that runs. The loader refuses anything else at its
 * line, and the site never builds such a page (see docs/setup.md, "Who reviews what").
 */

/** Plain HTML elements a page may write; none of them loads or runs anything. */
export const allowedElements: ReadonlySet<string> = new Set([
  'abbr',
  'b',
  'br',
  'caption',
  'cite',
  'code',
  'dd',
  'del',
  'details',
  'dfn',
  'div',
  'dl',
  'dt',
  'em',
  'figcaption',
  'figure',
  'hr',
  'i',
  'ins',
  'kbd',
  'mark',
  'p',
  'q',
  's',
  'samp',
  'small',
  'span',
  'strong',
  'sub',
  'summary',
  'sup',
  'table',
  'tbody',
  'td',
  'tfoot',
  'th',
  'thead',
  'tr',
  'u',
  'var',
]);

/** Attributes those elements may carry, always as literal text. */
const allowedAttributes: ReadonlySet<string> = new Set([
  'id',
  'class',
  'title',
  'lang',
  'dir',
  'open',
  'colspan',
  'rowspan',
  'scope',
  'datetime',
]);

/** Link schemes a page may use; a javascript: or data: link would run in the reader's browser. */
const safeSchemes: ReadonlySet<string> = new Set(['http', 'https', 'mailto', 'tel']);

const advice =
  'Handbook pages hold Markdown only: they are built into the site, and code in them would run there (see docs/setup.md).';

/** Every place in a page's MDX (parsed from the body that starts on `bodyLine`) that would run. */
export function codeProblems(tree: Root, file: string, bodyLine: number): Problem[] {
  const found: Problem[] = [];
  const report = (node: { position?: { start: { line: number; column: number } } }, rule: string, message: string) => {
    const start = node.position?.start ?? { line: 1, column: 1 };
    found.push(problem(file, { line: bodyLine + start.line - 1, column: start.column }, rule, message));
  };
  visit(tree, (node) => {
    switch (node.type) {
      case 'mdxjsEsm':
        report(node, 'handbook/code', `An import or export runs when the site is built. Remove it. ${advice}`);
        break;
      case 'mdxFlowExpression':
      case 'mdxTextExpression':
        // {/* a comment */} is the MDX way to write a comment: it holds no code.
        if ((node.data?.estree?.body.length ?? 1) > 0)
          report(
            node,
            'handbook/code',
            `{${node.value.trim().slice(0, 40)}} is code in braces. Remove it, or write \\{ for a literal brace. ${advice}`,
          );
        break;
      case 'mdxJsxFlowElement':
      case 'mdxJsxTextElement':
        elementProblems(node).forEach((message) => report(node, 'handbook/code', `${message} ${advice}`));
        break;
      case 'link':
      case 'image':
      case 'definition': {
        // Browsers drop control characters and spaces from an address before reading its scheme.
        // eslint-disable-next-line no-control-regex
        const scheme = /^([a-z][a-z0-9+.-]*):/i.exec(node.url.replace(/[\u0000-\u0020]/g, ''))?.[1]?.toLowerCase();
        if (scheme && !safeSchemes.has(scheme))
          report(
            node,
            'handbook/unsafe-link',
            `A ${scheme}: address would run or load something in the reader's browser. Link to a web page (https://…), a page of the site, or an email address.`,
          );
        break;
      }
    }
  });
  return found;
}

function elementProblems(node: MdxJsxFlowElement | MdxJsxTextElement): string[] {
  const name = node.name ?? '';
  if (!allowedElements.has(name)) {
    return [
      name
        ? `<${name}> is not plain text markup a page may use. Write it in Markdown, or use one of: ${[...allowedElements].join(', ')}.`
        : 'A fragment (<>…</>) is a component. Remove it.',
    ];
  }
  return node.attributes.flatMap((attribute) => {
    if (attribute.type === 'mdxJsxExpressionAttribute')
      return [`<${name} {…}> spreads code into the element. Remove it.`];
    if (!allowedAttributes.has(attribute.name))
      return [
        `<${name} ${attribute.name}> is an attribute a page may not set (it could style, load or run something). Allowed: ${[...allowedAttributes].join(', ')}.`,
      ];
    if (attribute.value !== null && typeof attribute.value !== 'string')
      return [`<${name} ${attribute.name}={…}> computes its value with code. Write the value in quotes.`];
    return [];
  });
}
