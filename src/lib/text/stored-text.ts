/**
 * A sent text compared with the text a network gives back when its posts are read, to find a send
 * whose answer was lost. A network may store a text a little differently from how it was sent, and
 * Threads' documentation says nothing either way, so both sides are brought to one form first:
 * Unicode NFC (a composed é and an e with a combining accent are the same to a reader), line ends as
 * LF, no blanks at the end of a line, and none before the first or after the last character.
 */
export function storedForm(text: string): string {
  return text
    .normalize('NFC')
    .replace(/\r\n?/g, '\n')
    .replace(/[^\S\n]+$/gm, '')
    .trim();
}

/**
 * A looser form, for telling a near miss from no match at all: compatibility characters folded
 * (NFKC: a full-width letter or a ligature as its plain letters), invisible format characters and
 * emoji presentation selectors dropped, every run of blanks and line ends one space, and case
 * ignored. Two texts alike only in this form may be the same post after a network's rewriting, or
 * two different posts; nobody can tell without looking, so the caller must not take such a post for
 * the delivery nor send the delivery again.
 */
export function looseForm(text: string): string {
  return text
    .normalize('NFKC')
    .replace(/[\p{Cf}\uFE0E\uFE0F]/gu, '')
    .replace(/\s+/g, ' ')
    .trim()
    .toLowerCase();
}
