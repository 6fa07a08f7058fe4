import { describe, expect, it } from 'vitest';
import type { MediaFileInfo } from '../../../src/lib/source.ts';
import { file, post } from '../../helpers/project.ts';
import { findings, image, ofRule, photo, postPath } from './helpers.ts';

const folder = 'content/posts/2026/12';

/** A post on `channels` with `count` images a.jpg, b.jpg, ... (3 lines each from line 6). */
function withImages(channels: string, count: number, item: (i: number) => string = () => '') {
  const media = Array.from({ length: count }, (_, i) => `  - src: ./${String.fromCharCode(97 + i)}.jpg\n    alt: A photo of the community hall, number ${i + 1}\n    rights: owned${item(i)}`).join('\n');
  const files = Array.from({ length: count }, (_, i) => image(`${folder}/${String.fromCharCode(97 + i)}.jpg`, photo));
  return [file(postPath, post(`title: T\npublishAt: 2026-12-03 18:30\nchannels: [${channels}]\nmedia:\n${media}`)), ...files];
}

/** One image on `channels`, with its file measured as `info` (or no file). */
function oneImage(channels: string, info: MediaFileInfo | undefined, lines = '') {
  const text = post(`title: T\npublishAt: 2026-12-03 18:30\nchannels: [${channels}]\nmedia:\n  - src: ./hall.jpg\n    alt: Members seated in the main hall\n    rights: licensed\n    credit: Photo by Jan Kowalski${lines}`);
  return [file(postPath, text), ...(info ? [image(`${folder}/hall.jpg`, info)] : [])];
}

describe('media/too-many', () => {
  it('passes four images on Mastodon and X', () => {
    expect(ofRule(findings(withImages('mastodon, x', 4)), 'media/too-many')).toEqual([]);
  });

  it('flags the fifth image once, naming both networks', () => {
    const found = ofRule(findings(withImages('mastodon, x', 5)), 'media/too-many');
    expect(found).toEqual([expect.objectContaining({ file: postPath, line: 18, column: 5, severity: 'error' })]);
    expect(found[0]!.message).toContain('Mastodon and X accept at most 4');
  });
});

describe('media/alt-too-long', () => {
  it('passes 1,000 characters of alt text on X', () => {
    const text = post(`title: T\npublishAt: 2026-12-03 18:30\nchannels: [x]\nmedia:\n  - src: ./hall.jpg\n    alt: ${'a'.repeat(1000)}\n    rights: owned`);
    expect(ofRule(findings([file(postPath, text), image(`${folder}/hall.jpg`, photo)]), 'media/alt-too-long')).toEqual([]);
  });

  it('flags alt text over X\'s 1,000 but not Mastodon\'s 1,500', () => {
    const text = post(`title: T\npublishAt: 2026-12-03 18:30\nchannels: [mastodon, x]\nmedia:\n  - src: ./hall.jpg\n    alt: ${'a'.repeat(1200)}\n    rights: owned`);
    const found = ofRule(findings([file(postPath, text), image(`${folder}/hall.jpg`, photo)]), 'media/alt-too-long');
    expect(found).toEqual([expect.objectContaining({ file: postPath, line: 7, column: 10 })]);
    expect(found[0]!.message).toMatch(/1,200 characters; X accepts at most 1000/);
  });
});

describe('media/licence-expired', () => {
  it('passes a licence that lasts past the post', () => {
    expect(ofRule(findings(oneImage('mastodon', photo, '\n    expiresAt: 2027-06-01')), 'media/licence-expired')).toEqual([]);
  });

  it('flags a licence that ends before the post goes out, with the date as written', () => {
    const found = ofRule(findings(oneImage('mastodon', photo, '\n    expiresAt: 2026-12-01')), 'media/licence-expired');
    expect(found).toEqual([expect.objectContaining({ file: postPath, line: 10, column: 16, severity: 'error' })]);
    // Midnight in Warsaw is 23:00 UTC the day before; the message keeps the local date.
    expect(found[0]!.message).toContain('ends (2026-12-01) before the post is published (2026-12-03 18:30)');
  });

  /** An evergreen post with the image, every week from 3 December until 14 January. */
  const weekly = (expiresAt: string) => {
    const text = post(`title: T\npublishAt: 2026-12-03 18:30\nchannels: [mastodon]\nkind: evergreen\nrepeat: { every: P1W, until: 2027-01-14 }\nmedia:\n  - src: ./hall.jpg\n    alt: Members seated in the main hall\n    rights: licensed\n    credit: Photo by Jan Kowalski\n    expiresAt: ${expiresAt}`);
    return ofRule(findings([file(postPath, text), image(`${folder}/hall.jpg`, photo)]), 'media/licence-expired');
  };

  it('passes a repeating post whose licence outlasts the last repetition', () => {
    expect(weekly('2027-01-15')).toEqual([]);
  });

  it('does not offer repeat.until when a repetition on the same day is lost', () => {
    const text = post(`title: T\npublishAt: 2026-12-03 08:00\nchannels: [mastodon]\nkind: evergreen\nrepeat: { every: PT12H, until: 2026-12-05 }\nmedia:\n  - src: ./hall.jpg\n    alt: Members seated in the main hall\n    rights: licensed\n    credit: Photo by Jan Kowalski\n    expiresAt: 2026-12-04 12:00`);
    const [found] = ofRule(findings([file(postPath, text), image(`${folder}/hall.jpg`, photo)]), 'media/licence-expired');
    expect(found!.message).toBe('The licence for ./hall.jpg ends (2026-12-04) before the repetition on 2026-12-04 20:00; 3 repetitions would not be sent. Extend the licence, or use another image.');
  });

  it('flags a licence that ends between repetitions, naming the first one lost and the fix', () => {
    const found = weekly('2026-12-20');
    expect(found).toEqual([expect.objectContaining({ file: postPath, line: 12, column: 16, severity: 'error' })]);
    expect(found[0]!.message).toContain('ends (2026-12-20) before the repetition on 2026-12-24 18:30; 4 repetitions would not be sent. Set repeat.until to 2026-12-17');
  });
});

describe('media/missing-file', () => {
  it('passes when the image is next to the post', () => {
    expect(ofRule(findings(oneImage('mastodon', photo)), 'media/missing-file')).toEqual([]);
  });

  it('flags an image that is not there', () => {
    const found = ofRule(findings(oneImage('mastodon', undefined)), 'media/missing-file');
    expect(found).toEqual([expect.objectContaining({ file: postPath, line: 6, column: 10, message: expect.stringContaining(`${folder}/hall.jpg`) })]);
  });
});

describe('media/format', () => {
  it('passes a PNG on X', () => {
    expect(ofRule(findings(oneImage('x', { ...photo, format: 'png' })), 'media/format')).toEqual([]);
  });

  it('flags a TIFF on X', () => {
    const found = ofRule(findings(oneImage('x', { ...photo, format: 'tiff' })), 'media/format');
    expect(found).toEqual([expect.objectContaining({ file: postPath, line: 6, column: 10, message: expect.stringContaining('TIFF, which X does not take') })]);
  });

  it('flags a file that is no image at all', () => {
    const found = ofRule(findings(oneImage('mastodon', { size: 1234 })), 'media/format');
    expect(found).toEqual([expect.objectContaining({ line: 6, column: 10, message: expect.stringContaining('not an image') })]);
  });
});

describe('media/file-too-large', () => {
  it('passes a 6 MB GIF on X, which takes GIFs up to 15 MB', () => {
    expect(ofRule(findings(oneImage('x', { ...photo, format: 'gif', size: 6 * 1024 * 1024 })), 'media/file-too-large')).toEqual([]);
  });

  it('flags a 6 MB JPG on X, which takes 5 MB', () => {
    const found = ofRule(findings(oneImage('x', { ...photo, size: 6 * 1024 * 1024 })), 'media/file-too-large');
    expect(found).toEqual([expect.objectContaining({ file: postPath, line: 6, column: 10, message: expect.stringContaining('6.3 MB; X accepts images up to 5.2 MB') })]);
  });
});

describe('media/dimensions', () => {
  it('passes 7680 × 4320 on Mastodon, its largest', () => {
    expect(ofRule(findings(oneImage('mastodon', { ...photo, width: 7680, height: 4320 })), 'media/dimensions')).toEqual([]);
  });

  it('flags 8000 × 5000 on Mastodon', () => {
    const found = ofRule(findings(oneImage('mastodon', { ...photo, width: 8000, height: 5000 })), 'media/dimensions');
    expect(found).toEqual([expect.objectContaining({ file: postPath, line: 6, column: 10 })]);
  });
});
