import { expect, it } from 'vitest';
import { pausedByValue } from '../../../src/lib/publishing/pause.ts';

it.each(['1', 'true', 'TRUE', 'yes', 'on', 'paused', ' 1 '])('HERALD_PAUSED=%s pauses', (value) => {
  expect(pausedByValue(value)).toBe(true);
});

it.each([undefined, '', ' ', '0', 'false', 'False', 'no', 'off'])('HERALD_PAUSED=%s does not pause', (value) => {
  expect(pausedByValue(value)).toBe(false);
});
