/**
 * The Content-Security-Policy of every page, as Astro writes it (security.csp): a <meta http-equiv>
 * in each page's head, because GitHub Pages cannot send headers. Astro adds script-src and style-src
 * with a hash of each script and style it bundles; everything else a page may load is listed here,
 * and nothing else runs: an injected inline script, an event handler attribute, a javascript: link,
 * a script or frame from elsewhere. The CMS at /admin keeps the user's GitHub token in the browser,
 * on the same origin as every page, so this holds on every page, not only there.
 *
 * A meta policy cannot set frame-ancestors, report-uri or sandbox (CSP 3, 6.4 "meta element");
 * those would need headers GitHub Pages does not send.
 */

/**
 * What every page may do: load its own scripts, styles, images, videos (with their captions) and
 * fonts, fetch from the site.
 */
export const siteDirectives = [
  "default-src 'none'",
  "img-src 'self'",
  "media-src 'self'",
  "font-src 'self'",
  "connect-src 'self'",
  "manifest-src 'self'",
  "base-uri 'none'",
  "form-action 'none'",
] as const;

/** Script sources every page has besides Astro's hashes: its own bundled files. */
export const scriptSources = ["'self'"] as const;

/** Style sources every page has besides Astro's hashes: the site's stylesheet. */
export const styleSources = ["'self'"] as const;

/**
 * The handbook's search: Pagefind compiles its index reader from WebAssembly, which needs
 * 'wasm-unsafe-eval' (it allows WebAssembly compilation, not JavaScript's eval).
 */
export const searchScriptSources = ["'wasm-unsafe-eval'"] as const;

/**
 * What Sveltia CMS needs at /admin, beyond the site's own: GitHub's API (REST and GraphQL) and its
 * status page, the avatars it shows, the images it previews from memory (blob:, data:), its fonts
 * and icons (Fontsource's files on jsDelivr; a font cannot run code), and the styles its Svelte
 * components set at run time ('unsafe-inline' for styles only; scripts stay hashed). Widgets that fetch code or data from elsewhere (stock photos, maps, translation) are not
 * allowed, and Herald's CMS configuration uses none of them.
 */
export const cmsDirectives = [
  'connect-src https://api.github.com https://www.githubstatus.com data: blob:',
  'img-src https://avatars.githubusercontent.com data: blob:',
  "media-src 'self' blob:",
  'font-src https://cdn.jsdelivr.net/fontsource/',
] as const;
export const cmsStyleSources = ["'unsafe-inline'"] as const;
