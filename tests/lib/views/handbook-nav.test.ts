import { describe, expect, it } from 'vitest';
import { neighbours, tableOfContents } from '../../../src/lib/views/handbook-nav.ts';

const pages = [
  { slug: 'policy' },
  { slug: 'style-guide' },
  { slug: 'crisis' },
  { slug: 'crisis-fa', lang: 'fa' },
  { slug: 'training' },
  { slug: 'training-fa', lang: 'fa' },
];
const slugs = (found: ReturnType<typeof neighbours>) => [found.previous?.slug, found.next?.slug];

describe('previous and next handbook page', () => {
  it.each([
    ['policy', [undefined, 'style-guide']],
    ['style-guide', ['policy', 'crisis']],
    ['crisis', ['style-guide', 'training']],
    ['training', ['crisis', undefined]],
    ['crisis-fa', [undefined, 'training-fa']],
    ['training-fa', ['crisis-fa', undefined]],
  ])('%s: previous and next among pages in its language', (slug, expected) => {
    expect(slugs(neighbours(pages, slug))).toEqual(expected);
  });

  it('offers none for a page it does not know', () => {
    expect(neighbours(pages, 'nowhere')).toEqual({});
  });
});

describe('table of contents', () => {
  const h = (depth: number, text: string) => ({ depth, text, slug: text.toLowerCase() });

  it('lists sections and subsections, not the title or deeper headings', () => {
    const headings = [h(1, 'Title'), h(2, 'Voice'), h(3, 'Tone'), h(4, 'Detail'), h(2, 'Rules')];
    expect(tableOfContents(headings).map((heading) => heading.text)).toEqual(['Voice', 'Tone', 'Rules']);
  });

  it.each([
    ['no headings', []],
    ['one section', [h(2, 'Only')]],
    ['one section with subsections', [h(2, 'Only'), h(3, 'A'), h(3, 'B')]],
    ['two short sections', [h(2, 'A'), h(2, 'B')]],
  ])('leaves it out for a page with %s', (_, headings) => {
    expect(tableOfContents(headings)).toEqual([]);
  });
});
