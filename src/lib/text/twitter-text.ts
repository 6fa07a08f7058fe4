import { createRequire } from 'node:module';

/**
 * twitter-text, X's own library for counting and finding links, without the one browser polyfill
 * that hurts. Its build targets old browsers and loads core-js 2's RegExp#split polyfill, which Node
 * has natively; loading it switches off V8's fast paths for every regular-expression split and
 * replace in the whole process (ten times slower: validate, the site build and the tests all pay).
 * Marking that module as already loaded before twitter-text asks for it keeps the native one.
 */
const require = createRequire(import.meta.url);
const fromTwitterText = createRequire(require.resolve('twitter-text'));
const polyfill = fromTwitterText.resolve('core-js/modules/es6.regexp.split');
require.cache[polyfill] ??= { id: polyfill, filename: polyfill, loaded: true, exports: {} } as NodeJS.Module;

const twitterText: typeof import('twitter-text') = require('twitter-text');
export default twitterText;
