import type { APIContext } from 'astro';
import { createHash } from 'node:crypto';
import script from '../components/handbook-search.js?raw';
import { searchScriptSources } from './csp.ts';

/** The handbook's search box script (src/components/handbook-search.js), inlined as written. */
export const searchScript = script;

/** Its hash for the Content-Security-Policy, worked out once: every page of the site runs it. */
const searchScriptHash = `sha256-${createHash('sha256').update(script).digest('base64')}` as const;

/**
 * Lets a page run the search under its Content-Security-Policy: this script's hash (Astro hashes
 * only the scripts it bundles) and Pagefind's WebAssembly. Called from the layout's frontmatter (the
 * header's search is on every page): the policy is written in the head, after it.
 */
export function allowSearch(csp: APIContext['csp']): void {
  for (const source of searchScriptSources) csp?.insertScriptResource(source);
  csp?.insertScriptHash(searchScriptHash);
}
