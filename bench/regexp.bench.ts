/**
 * twitter-text loads a core-js polyfill that switches off V8's RegExp fast paths for the whole
 * process; src/lib/text/twitter-text.ts keeps it from loading. This measures regular-expression split and
 * replace before and after loading the counting module, in one process.
 */
import { measure, report } from './harness.ts';

const lines = Array.from({ length: 2_000 }, (_, i) => `line ${i}: some text with words`).join('\r\n');
const work = () => {
  for (let i = 0; i < 20; i++) lines.split(/\r?\n/).map((line) => line.replace(/\s+/g, ' '));
};

const before = await measure('regexp split and replace, before loading twitter-text', work, 9);
await import('../src/lib/text/count.ts');
const after = await measure('regexp split and replace, after loading twitter-text', work, 9);
const ratio = after.ms / before.ms;
report(
  [before, after],
  [
    {
      name: 'twitter-text keeps RegExp fast (after ≤ 1.5 × before)',
      pass: ratio <= 1.5,
      detail: `${ratio.toFixed(2)}×`,
    },
  ],
);
