import { mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseProject } from '../../../src/lib/project/load.ts';
import { readContent } from '../../../src/lib/project/read-content.ts';
import { lint } from '../../../src/lib/rules/index.ts';
import type { MediaFileInfo } from '../../../src/lib/project/source.ts';
import { gifHtmlPolyglot, heif, png } from '../../helpers/images.ts';
import { file, load, post, testConfig, testNow } from '../../helpers/project.ts';
import { findings, image, ofRule, photo, postPath } from './helpers.ts';

const folder = 'content/posts/2026/12';

/** A post on `channels` with `count` images a.jpg, b.jpg, ... (3 lines each from line 6). */
function withImages(channels: string, count: number, item: (i: number) => string = () => '') {
  const media = Array.from(
    { length: count },
    (_, i) =>
      `  - src: ./${String.fromCharCode(97 + i)}.jpg\n    alt: A photo of the community hall, number ${i + 1}\n    rights: owned${item(i)}`,
  ).join('\n');
  const files = Array.from({ length: count }, (_, i) => image(`${folder}/${String.fromCharCode(97 + i)}.jpg`, photo));
  return [
    file(postPath, post(`title: T\npublishAt: 2026-12-03 18:30\nchannels: [${channels}]\nmedia:\n${media}`)),
    ...files,
  ];
}

/** One image on `channels`, with its file measured as `info` (or no file). */
function oneImage(channels: string, info: MediaFileInfo | undefined, lines = '') {
  const text = post(
    `title: T\npublishAt: 2026-12-03 18:30\nchannels: [${channels}]\nmedia:\n  - src: ./hall.jpg\n    alt: Members seated in the main hall\n    rights: licensed\n    credit: Photo by Jan Kowalski${lines}`,
  );
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
    const text = post(
      `title: T\npublishAt: 2026-12-03 18:30\nchannels: [x]\nmedia:\n  - src: ./hall.jpg\n    alt: ${'a'.repeat(1000)}\n    rights: owned`,
    );
    expect(ofRule(findings([file(postPath, text), image(`${folder}/hall.jpg`, photo)]), 'media/alt-too-long')).toEqual(
      [],
    );
  });

  it("flags alt text over X's 1,000 but not Mastodon's 1,500", () => {
    const text = post(
      `title: T\npublishAt: 2026-12-03 18:30\nchannels: [mastodon, x]\nmedia:\n  - src: ./hall.jpg\n    alt: ${'a'.repeat(1200)}\n    rights: owned`,
    );
    const found = ofRule(findings([file(postPath, text), image(`${folder}/hall.jpg`, photo)]), 'media/alt-too-long');
    expect(found).toEqual([expect.objectContaining({ file: postPath, line: 7, column: 10 })]);
    expect(found[0]!.message).toMatch(/1,200 characters; X accepts at most 1000/);
  });
});

describe('media/licence-expired', () => {
  it('passes a licence that lasts past the post', () => {
    expect(
      ofRule(findings(oneImage('mastodon', photo, '\n    expiresAt: 2027-06-01')), 'media/licence-expired'),
    ).toEqual([]);
  });

  it('flags a licence that ends before the post goes out, with the date as written', () => {
    const found = ofRule(findings(oneImage('mastodon', photo, '\n    expiresAt: 2026-12-01')), 'media/licence-expired');
    expect(found).toEqual([expect.objectContaining({ file: postPath, line: 10, column: 16, severity: 'error' })]);
    // Midnight in Warsaw is 23:00 UTC the day before; the message keeps the local date.
    expect(found[0]!.message).toContain('ends (2026-12-01) before the post is published (2026-12-03 18:30)');
  });

  /** An evergreen post with the image, every week from 3 December until 14 January. */
  const weekly = (expiresAt: string) => {
    const text = post(
      `title: T\npublishAt: 2026-12-03 18:30\nchannels: [mastodon]\nkind: evergreen\nrepeat: { every: P1W, until: 2027-01-14 }\nmedia:\n  - src: ./hall.jpg\n    alt: Members seated in the main hall\n    rights: licensed\n    credit: Photo by Jan Kowalski\n    expiresAt: ${expiresAt}`,
    );
    return ofRule(findings([file(postPath, text), image(`${folder}/hall.jpg`, photo)]), 'media/licence-expired');
  };

  it('passes a repeating post whose licence outlasts the last repetition', () => {
    expect(weekly('2027-01-15')).toEqual([]);
  });

  it('does not offer repeat.until when a repetition on the same day is lost', () => {
    const text = post(
      `title: T\npublishAt: 2026-12-03 08:00\nchannels: [mastodon]\nkind: evergreen\nrepeat: { every: PT12H, until: 2026-12-05 }\nmedia:\n  - src: ./hall.jpg\n    alt: Members seated in the main hall\n    rights: licensed\n    credit: Photo by Jan Kowalski\n    expiresAt: 2026-12-04 12:00`,
    );
    const [found] = ofRule(
      findings([file(postPath, text), image(`${folder}/hall.jpg`, photo)]),
      'media/licence-expired',
    );
    expect(found!.message).toBe(
      'The licence for ./hall.jpg ends (2026-12-04) before the repetition on 2026-12-04 20:00; 3 repetitions would not be sent. Extend the licence, or use another image.',
    );
  });

  it('flags a licence that ends between repetitions, naming the first one lost and the fix', () => {
    const found = weekly('2026-12-20');
    expect(found).toEqual([expect.objectContaining({ file: postPath, line: 12, column: 16, severity: 'error' })]);
    expect(found[0]!.message).toContain(
      'ends (2026-12-20) before the repetition on 2026-12-24 18:30; 4 repetitions would not be sent. Set repeat.until to 2026-12-17',
    );
  });
});

describe('media/missing-file', () => {
  it('passes when the image is next to the post', () => {
    expect(ofRule(findings(oneImage('mastodon', photo)), 'media/missing-file')).toEqual([]);
  });

  it('flags an image that is not there', () => {
    const found = ofRule(findings(oneImage('mastodon', undefined)), 'media/missing-file');
    expect(found).toEqual([
      expect.objectContaining({
        file: postPath,
        line: 6,
        column: 10,
        message: expect.stringContaining(`${folder}/hall.jpg`),
      }),
    ]);
  });
});

const withLinkedIn = `${testConfig}  - id: linkedin\n    network: linkedin\n    organization: "123456"\n`;

describe('media/format', () => {
  /** One image named `name`, whose content read-content measured as `format`, on `channels`. */
  const named = (channels: string, name: string, format: string | undefined) => {
    const text = post(
      `title: T\npublishAt: 2026-12-03 18:30\nchannels: [${channels}]\nmedia:\n  - src: ./${name}\n    alt: Members seated in the main hall\n    rights: owned`,
    );
    const files = [
      file(postPath, text),
      image(`${folder}/${name}`, { ...photo, ...(format ? { format } : { format: undefined }) }),
    ];
    const project = load(files, withLinkedIn);
    // A channel the test config lacks would leave the post out and pass trivially.
    expect(project.posts).toHaveLength(1);
    return ofRule(lint(project, { now: testNow }), 'media/format');
  };

  it.each([
    ['a JPEG', 'hall.jpg', 'jpg', 'mastodon, bluesky, x, linkedin'],
    ['a JPEG named .jpeg', 'hall.JPEG', 'jpg', 'mastodon, x'],
    ['a PNG', 'hall.png', 'png', 'mastodon, bluesky, x, linkedin'],
    ['a GIF', 'hall.gif', 'gif', 'mastodon, bluesky, x, linkedin'],
    ['a WebP', 'hall.webp', 'webp', 'mastodon, bluesky, x'],
  ])('passes %s on every network that takes it', (_, name, format, channels) => {
    expect(named(channels, name, format)).toEqual([]);
  });

  it('flags a WebP on LinkedIn, naming the network', () => {
    const found = named('mastodon, linkedin', 'hall.webp', 'webp');
    expect(found).toEqual([
      expect.objectContaining({
        file: postPath,
        line: 6,
        column: 10,
        message: expect.stringContaining('WebP, which LinkedIn does not take: save it as JPEG, PNG or GIF.'),
      }),
    ]);
  });

  // Mastodon lists HEIC, HEIF and AVIF only as formats it converts, where the server can; the
  // publisher never sent them. Rules and publisher now agree (tests/publish/media.test.ts).
  it.each([
    ['HEIC', 'hall.heic', 'heic'],
    ['HEIF', 'hall.heif', 'heif'],
    ['AVIF', 'hall.avif', 'avif'],
    ['TIFF', 'hall.tiff', 'tiff'],
    ['SVG', 'logo.svg', 'svg'],
  ])('flags %s, which no network takes from Herald', (label, name, format) => {
    const found = named('mastodon', name, format);
    expect(found).toEqual([
      expect.objectContaining({
        line: 6,
        column: 10,
        message: `${folder}/${name} is ${label}, which no network takes from Herald: save it as JPEG, PNG, GIF or WebP (photos as JPEG).`,
      }),
    ]);
  });

  it('flags a file that is no image at all', () => {
    const found = named('mastodon', 'hall.jpg', undefined);
    expect(found).toEqual([
      expect.objectContaining({ line: 6, column: 10, message: expect.stringContaining('not an image') }),
    ]);
  });

  it.each([
    ['a GIF named .html (a page a web server would serve)', 'card.html', 'gif', 'card.gif'],
    ['a GIF named .jpg', 'card.jpg', 'gif', 'card.gif'],
    ['a PNG named .jpg', 'hall.jpg', 'png', 'hall.png'],
    ['a JPEG without an extension', 'hall', 'jpg', 'hall.jpg'],
  ])('flags %s, whose content and name disagree', (_, name, format, rename) => {
    const found = named('mastodon', name, format);
    expect(found).toEqual([
      expect.objectContaining({ line: 6, column: 10, message: expect.stringContaining(`rename it to ${rename}`) }),
    ]);
  });
});

describe('media/location', () => {
  const at = (src: string) => {
    const text = post(
      `title: T\npublishAt: 2026-12-03 18:30\nchannels: [mastodon]\nmedia:\n  - src: ${src}\n    alt: Members seated in the main hall\n    rights: owned`,
    );
    return ofRule(
      findings([file(postPath, text), image('content/handbook/logo.png', { ...photo, format: 'png' })]),
      'media/location',
    );
  };

  it.each([
    ['climbs out of the project', '../../../../.env', '.env'],
    ["is the project's package.json", '../../../../package.json', 'package.json'],
    ['is an image of the handbook', '../../../handbook/logo.png', 'content/handbook/logo.png'],
  ])('flags a src that %s, and never reads it', (_, src, resolved) => {
    expect(at(src)).toEqual([
      expect.objectContaining({
        line: 6,
        column: 10,
        severity: 'error',
        message: `${resolved} is outside content/posts/; Herald only sends images kept next to the posts. Move it there and point media.src at it.`,
      }),
    ]);
  });

  it('flags an image that is a symbolic link', () => {
    const text = post(
      'title: T\npublishAt: 2026-12-03 18:30\nchannels: [mastodon]\nmedia:\n  - src: ./hall.jpg\n    alt: Members seated in the main hall\n    rights: owned',
    );
    const found = ofRule(
      findings([file(postPath, text), image(`${folder}/hall.jpg`, { size: 0, symlink: true })]),
      'media/location',
    );
    expect(found).toEqual([
      expect.objectContaining({ line: 6, column: 10, message: expect.stringContaining('is a symbolic link') }),
    ]);
  });

  it('cannot be turned off in herald.yaml', () => {
    const text = post(
      'title: T\npublishAt: 2026-12-03 18:30\nchannels: [mastodon]\nmedia:\n  - src: ../../../../.env\n    alt: Members seated in the main hall\n    rights: owned',
    );
    const found = findings([file(postPath, text)], { config: `${testConfig}rules:\n  media/location: off\n` });
    expect(ofRule(found, 'media/location')).toHaveLength(1);
  });
});

/** A project on disk, read as validate reads it: the files' real bytes, measured by read-content. */
describe('images read from disk', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'herald-media-'));
    await mkdir(join(dir, folder), { recursive: true });
    await writeFile(join(dir, 'content/herald.yaml'), testConfig);
    await writeFile(join(dir, folder, 'card.html'), gifHtmlPolyglot);
    await writeFile(join(dir, folder, 'card.gif'), gifHtmlPolyglot);
    await writeFile(join(dir, folder, 'photo.heic'), heif('heic'));
    await mkdir(join(dir, 'elsewhere'));
    await writeFile(join(dir, 'elsewhere/secret.png'), png());
    await symlink(join(dir, 'elsewhere/secret.png'), join(dir, folder, 'linked.png'));
    await symlink(join(dir, 'elsewhere'), join(dir, folder, 'linked-folder'));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  const check = async (src: string) => {
    await writeFile(
      join(dir, postPath),
      post(
        `title: T\npublishAt: 2026-12-03 18:30\nchannels: [mastodon]\nmedia:\n  - src: ${src}\n    alt: Members seated in the main hall\n    rights: owned`,
      ),
    );
    const project = parseProject(await readContent(dir), { now: testNow });
    return lint(project, { now: testNow })
      .filter((p) => p.rule.startsWith('media/'))
      .map((p) => `${p.rule}: ${p.message}`);
  };

  it('refuses a GIF/HTML polyglot named card.html, which image-size reads as a 1 × 1 GIF', async () => {
    expect(await check('./card.html')).toEqual([
      `media/format: ${folder}/card.html holds a GIF image, but its name says otherwise: rename it to card.gif, as a web server would serve it by its name.`,
    ]);
  });

  it('takes the same bytes named card.gif: served as an image, the page in it never runs', async () => {
    expect(await check('./card.gif')).toEqual([]);
  });

  it("refuses an iPhone's HEIC photo for Mastodon", async () => {
    expect(await check('./photo.heic')).toEqual([
      `media/format: ${folder}/photo.heic is HEIC, which no network takes from Herald: save it as JPEG, PNG, GIF or WebP (photos as JPEG).`,
    ]);
  });

  it.each([
    ['a linked file', './linked.png'],
    ['a file in a linked folder', './linked-folder/secret.png'],
  ])('refuses %s, without reading it', async (_, src) => {
    expect(await check(src)).toEqual([expect.stringMatching(/^media\/location: .* is a symbolic link/)]);
  });
});

describe('media/file-too-large', () => {
  it('passes a 6 MB GIF on X, which takes GIFs up to 15 MB', () => {
    expect(
      ofRule(findings(oneImage('x', { ...photo, format: 'gif', size: 6 * 1024 * 1024 })), 'media/file-too-large'),
    ).toEqual([]);
  });

  it('flags a 6 MB JPG on X, which takes 5 MB', () => {
    const found = ofRule(findings(oneImage('x', { ...photo, size: 6 * 1024 * 1024 })), 'media/file-too-large');
    expect(found).toEqual([
      expect.objectContaining({
        file: postPath,
        line: 6,
        column: 10,
        message: expect.stringContaining('6.3 MB; X accepts images up to 5.2 MB'),
      }),
    ]);
  });
});

describe('media/dimensions', () => {
  it('passes 7680 × 4320 on Mastodon, its largest', () => {
    expect(ofRule(findings(oneImage('mastodon', { ...photo, width: 7680, height: 4320 })), 'media/dimensions')).toEqual(
      [],
    );
  });

  it('flags 8000 × 5000 on Mastodon', () => {
    const found = ofRule(findings(oneImage('mastodon', { ...photo, width: 8000, height: 5000 })), 'media/dimensions');
    expect(found).toEqual([expect.objectContaining({ file: postPath, line: 6, column: 10 })]);
  });
});

describe("the picture of a post's card:", () => {
  const withCard = (channels: string, info: MediaFileInfo | undefined) => [
    file(
      postPath,
      post(
        `title: T\npublishAt: 2026-12-03 18:30\nchannels: [${channels}]\ncard:\n  url: https://riverside.org/agm\n  title: The meeting\n  image: ./card.jpg`,
      ),
    ),
    ...(info ? [image(`${folder}/card.jpg`, info)] : []),
  ];

  it('passes a JPEG under 1 MB', () => {
    expect(findings(withCard('bluesky', { ...photo, size: 900_000 }))).toEqual([]);
  });

  it('flags a missing file on the line of image:', () => {
    expect(ofRule(findings(withCard('bluesky', undefined)), 'media/missing-file')).toMatchObject([
      { line: 8, message: expect.stringMatching(/no file content\/posts\/2026\/12\/card\.jpg for the card's picture/) },
    ]);
  });

  it("flags a picture over Bluesky's 1,000,000 bytes, and not on LinkedIn, which has no such limit", () => {
    expect(ofRule(findings(withCard('bluesky', { ...photo, size: 1_500_000 })), 'media/file-too-large')).toMatchObject([
      { line: 8, message: expect.stringMatching(/Bluesky takes at most 1,000,000/) },
    ]);
    expect(ofRule(findings(withCard('x', { ...photo, size: 1_500_000 })), 'media/file-too-large')).toEqual([]);
  });
});
