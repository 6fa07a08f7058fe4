import { describe, expect, it } from 'vitest';
import { looseForm, storedForm } from '../../../src/lib/text/stored-text.ts';

describe('comparing a sent text with what a network stored', () => {
  it.each([
    ['a decomposed accent', 'Cafe\u0301 night', 'Café night'],
    ['Windows line ends', 'One.\r\nTwo.', 'One.\nTwo.'],
    ['an old Mac line end', 'One.\rTwo.', 'One.\nTwo.'],
    ['blanks at the end of a line', 'One.  \t\nTwo. ', 'One.\nTwo.'],
    ['blank lines around the text', '\n\n  One.\n\n', 'One.'],
  ])('takes %s as the same text', (_name, sent, stored) => {
    expect(storedForm(sent)).toBe(storedForm(stored));
  });

  it.each([
    ['two spaces for one', 'Doors open.  Come in.', 'Doors open. Come in.'],
    ['a no-break space', 'Doors\u00a0open.', 'Doors open.'],
    ['another case', 'Doors open.', 'doors open.'],
    ['a zero-width joiner dropped', 'A\u200dB', 'AB'],
    ['an emoji presentation selector', 'Sun ☀\ufe0f', 'Sun ☀'],
    ['a full-width letter', 'ＡGM', 'AGM'],
  ])('tells %s apart, but only as a near miss', (_name, sent, stored) => {
    expect(storedForm(sent)).not.toBe(storedForm(stored));
    expect(looseForm(sent)).toBe(looseForm(stored));
  });

  it('keeps different words different in both forms', () => {
    expect(looseForm('The meeting is live.')).not.toBe(looseForm('The meeting is over.'));
    expect(storedForm('Line one\nLine two')).not.toBe(storedForm('Line one Line two'));
  });
});
