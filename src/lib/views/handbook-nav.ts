/**
 * The handbook's ways around, as Starlight offers them: the previous and next page in the menu's
 * order (within the page's language, so a reader of the Persian pages stays among them), and a
 * table of contents made from a page's headings.
 */

export interface NavPage {
  slug: string;
  /** Set on a translation: the language it is in. */
  lang?: string | undefined;
}

/** The pages before and after `current` among those in its language, in the order given. */
export function neighbours<P extends NavPage>(pages: readonly P[], current: string): { previous?: P; next?: P } {
  const page = pages.find((candidate) => candidate.slug === current);
  if (!page) return {};
  const sameLanguage = pages.filter((candidate) => candidate.lang === page.lang);
  const index = sameLanguage.indexOf(page);
  return {
    ...(index > 0 && { previous: sameLanguage[index - 1] }),
    ...(index < sameLanguage.length - 1 && { next: sameLanguage[index + 1] }),
  };
}

/** A heading as Astro's render() lists it. */
export interface Heading {
  depth: number;
  slug: string;
  text: string;
}

/** Sections and their subsections (h2, h3); none for a page too short to need them. */
export function tableOfContents(headings: readonly Heading[], minimum = 3): Heading[] {
  const entries = headings.filter((heading) => heading.depth === 2 || heading.depth === 3);
  return entries.filter((heading) => heading.depth === 2).length >= 2 && entries.length >= minimum ? entries : [];
}
