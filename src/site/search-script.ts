import type { APIContext } from 'astro';
import { createHash } from 'node:crypto';
import script from '../components/handbook-search.js?raw';
import { searchScriptSources } from './csp.ts';

/** The handbook's search box script (src/components/handbook-search.js), inlined as written. */
export const searchScript = script;

/**
 * Lets a page run the search under its Content-Security-Policy: this script's hash (Astro hashes
 * only the scripts it bundles) and Pagefind's WebAssembly. Called from the page's own frontmatter:
 * the policy is written in the head, before a component in the body runs.
 */
export function allowSearch(csp: APIContext['csp']): void {
  for (const source of searchScriptSources) csp?.insertScriptResource(source);
  csp?.insertScriptHash(`sha256-${createHash('sha256').update(script).digest('base64')}`);
}
