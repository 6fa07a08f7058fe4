import { describe, expect, it } from 'vitest';
import { printable } from '../../src/site/build-log.ts';

describe("what the build prints of the bundler's messages", () => {
  it.each([
    [
      {
        code: 'MODULE_LEVEL_DIRECTIVE',
        message:
          'The semantics of the module level directive "use astro:head-inject" in "content/handbook/training.mdx?astroPropagatedAssets" may not be preserved when bundling.',
      },
      false,
    ],
    [
      {
        code: 'MODULE_LEVEL_DIRECTIVE',
        message:
          'The semantics of the module level directive "use client" in "src/components/x.ts" may not be preserved when bundling.',
      },
      true,
    ],
    [{ code: 'CIRCULAR_DEPENDENCY', message: 'Circular dependency: a.ts -> b.ts -> a.ts' }, true],
    [{ message: 'A message without a code' }, true],
  ])('%o: printed %s', (log, expected) => {
    expect(printable(log)).toBe(expected);
  });
});
