import { describe, expect, it } from 'vitest';
import type { MediaFileInfo } from '../../../src/lib/project/source.ts';
import { contentHash, payloadFor } from '../../../src/lib/text/payload.ts';
import { file, load, post, testConfig } from '../../helpers/project.ts';
import { findings, image, lineOf, ofRule, photo, postPath, styleGuide } from './helpers.ts';

const folder = 'content/posts/2026/12';

/** An H.264 video of `seconds`, as read-content measures it. */
function clip(seconds: number, extra: Partial<MediaFileInfo> = {}): MediaFileInfo {
  return {
    size: 4_000_000,
    format: 'mp4',
    video: { seconds, codec: 'avc1.64001f', width: 1280, height: 720 },
    ...extra,
  };
}

const linkedin = `${testConfig}  - id: linkedin\n    network: linkedin\n    organization: "123456"\n`;

/** A post on `channels` with one video tour.mp4 (media from line 6: src on 6, alt 7, rights 8). */
function withVideo(channels: string, info: MediaFileInfo | undefined, lines = '', others: string[] = []) {
  const text = post(
    `title: T\npublishAt: 2026-12-03 18:30\nchannels: [${channels}]\nmedia:\n  - src: ./tour.mp4\n    alt: A walk along the river path to the new footbridge\n    rights: owned${lines}`,
  );
  return [
    file(postPath, text),
    ...(info ? [image(`${folder}/tour.mp4`, info)] : []),
    ...others.map((o) => file(o, '')),
  ];
}

describe('media/video-too-long', () => {
  it('passes a 140-second video on X', () => {
    expect(ofRule(findings(withVideo('x', clip(140))), 'media/video-too-long')).toEqual([]);
  });

  it('flags a video too long for X, naming the file, the line and the limit', () => {
    const found = ofRule(findings(withVideo('mastodon, bluesky, x', clip(150))), 'media/video-too-long');
    expect(found).toEqual([expect.objectContaining({ file: postPath, line: 6, column: 10, severity: 'error' })]);
    expect(found[0]!.message).toBe(
      'content/posts/2026/12/tour.mp4 is 150 seconds long; X accepts videos up to 140 seconds. Cut it to 140 seconds or less.',
    );
  });

  it('names Bluesky and X together past three minutes', () => {
    const found = ofRule(findings(withVideo('bluesky, x', clip(200))), 'media/video-too-long');
    expect(found.map((f) => f.message)).toEqual([
      expect.stringContaining('Bluesky accepts videos up to 3 minutes.'),
      expect.stringContaining('X accepts videos up to 140 seconds.'),
    ]);
  });
});

describe('media/video-too-short', () => {
  it('flags a 2-second video on LinkedIn, whose videos last at least 3 seconds', () => {
    const found = ofRule(findings(withVideo('linkedin', clip(2)), { config: linkedin }), 'media/video-too-short');
    expect(found).toEqual([expect.objectContaining({ line: 6 })]);
    expect(found[0]!.message).toContain('LinkedIn accepts videos of at least 3 seconds');
  });
});

describe('media/file-too-large', () => {
  it("flags a 120 MB video on Bluesky (100 MB) and Mastodon's default (99 MB), not on X", () => {
    const found = ofRule(
      findings(withVideo('mastodon, bluesky, x', clip(40, { size: 120_000_000 }))),
      'media/file-too-large',
    );
    expect(found.map((f) => f.message)).toEqual([
      expect.stringContaining('Mastodon accepts videos up to 103.8 MB'),
      expect.stringContaining('Bluesky accepts videos up to 100.0 MB'),
    ]);
  });
});

describe('media/video-codec', () => {
  it('flags HEVC for X, which plays H.264, and lets Bluesky and Mastodon re-encode it', () => {
    const hevc = clip(40, { video: { seconds: 40, codec: 'hvc1.1.6.L93.90', width: 1280, height: 720 } });
    const found = ofRule(findings(withVideo('mastodon, bluesky, x', hevc)), 'media/video-codec');
    expect(found.map((f) => f.message)).toEqual([
      'content/posts/2026/12/tour.mp4 is encoded as HEVC (H.265); X accepts H.264 video. Export it again as MP4 with H.264.',
    ]);
  });
});

describe('media/dimensions', () => {
  it('flags a video larger than 4K on Mastodon', () => {
    const big = clip(40, { video: { seconds: 40, codec: 'avc1.640033', width: 7680, height: 4320 } });
    expect(ofRule(findings(withVideo('mastodon', big)), 'media/dimensions')[0]!.message).toContain(
      'Mastodon accepts videos of at most 8.3 million pixels',
    );
  });
});

describe('media/video-mix', () => {
  it('flags a video together with an image, at the image', () => {
    const text = post(
      'title: T\npublishAt: 2026-12-03 18:30\nchannels: [mastodon]\nmedia:\n  - src: ./tour.mp4\n    alt: A walk along the river path\n    rights: owned\n  - src: ./hall.jpg\n    alt: The main hall, full of members\n    rights: owned',
    );
    const found = ofRule(
      findings([file(postPath, text), image(`${folder}/tour.mp4`, clip(40)), image(`${folder}/hall.jpg`, photo)]),
      'media/video-mix',
    );
    expect(found).toEqual([expect.objectContaining({ line: 9 })]);
    expect(found[0]!.message).toContain('no network takes a video together with images');
  });

  it('flags a second video', () => {
    const text = post(
      'title: T\npublishAt: 2026-12-03 18:30\nchannels: [x]\nmedia:\n  - src: ./tour.mp4\n    alt: A walk along the river path\n    rights: owned\n  - src: ./more.mp4\n    alt: The walk back along the river\n    rights: owned',
    );
    const found = ofRule(
      findings([file(postPath, text), image(`${folder}/tour.mp4`, clip(40)), image(`${folder}/more.mp4`, clip(40))]),
      'media/video-mix',
    );
    expect(found[0]!.message).toBe('This post has 2 videos; a post carries one video. Make a post for each.');
  });
});

describe('media/format for videos', () => {
  it('refuses a file named .mp4 that is not one', () => {
    const found = ofRule(findings(withVideo('x', { size: 10, format: 'png', width: 1, height: 1 })), 'media/format');
    expect(found[0]!.message).toContain('tour.mp4 is not an MP4 video (its content is PNG)');
  });

  it('refuses an MP4 whose movie header mp4box cannot find', () => {
    const found = ofRule(findings(withVideo('x', { size: 1200, format: 'mp4' })), 'media/format');
    expect(found[0]!.message).toContain('cannot be read as a video');
  });

  it('says which network takes no video: none of the four, but a channel of a network without one would', () => {
    expect(ofRule(findings(withVideo('mastodon, bluesky, x', clip(40))), 'media/format')).toEqual([]);
  });

  it('reports a missing video file', () => {
    const found = ofRule(findings(withVideo('x', undefined)), 'media/missing-file');
    expect(found[0]!.message).toContain('There is no file content/posts/2026/12/tour.mp4');
  });
});

describe('media/alt-too-long for videos', () => {
  it('counts alt text of a video as of an image', () => {
    const text = post(
      `title: T\npublishAt: 2026-12-03 18:30\nchannels: [x]\nmedia:\n  - src: ./tour.mp4\n    alt: ${'a'.repeat(1001)}\n    rights: owned`,
    );
    expect(
      ofRule(findings([file(postPath, text), image(`${folder}/tour.mp4`, clip(40))]), 'media/alt-too-long'),
    ).toHaveLength(1);
  });
});

describe('media/captions', () => {
  const valid: MediaFileInfo = { size: 60, format: 'vtt', captions: {} };
  const withCaptions = (captions: MediaFileInfo | undefined, name = 'tour.vtt') => [
    ...withVideo('bluesky', clip(40), `\n    captions: ./${name}`),
    ...(captions ? [image(`${folder}/${name}`, captions)] : []),
  ];

  it('passes valid WebVTT captions', () => {
    expect(ofRule(findings(withCaptions(valid)), 'media/captions')).toEqual([]);
  });

  it('flags a missing captions file at the captions line', () => {
    const found = ofRule(findings(withCaptions(undefined)), 'media/captions');
    expect(found).toEqual([expect.objectContaining({ line: 9, column: 15 })]);
    expect(found[0]!.message).toContain('There is no file content/posts/2026/12/tour.vtt');
  });

  it('flags a file that is not WebVTT, such as SubRip', () => {
    const found = ofRule(findings(withCaptions({ size: 41 }, 'tour.srt')), 'media/captions');
    expect(found[0]!.message).toContain('is not a WebVTT file (it must start with the line WEBVTT)');
  });

  it('names the line of the first mistake inside the captions', () => {
    const broken: MediaFileInfo = {
      size: 50,
      format: 'vtt',
      captions: { problem: { line: 4, message: 'Cue identifier needs to be followed by timestamp.' } },
    };
    expect(ofRule(findings(withCaptions(broken)), 'media/captions')[0]!.message).toBe(
      'content/posts/2026/12/tour.vtt is not valid WebVTT: line 4: Cue identifier needs to be followed by timestamp. Fix it, or export the captions again.',
    );
  });

  it('flags captions on an image', () => {
    const text = post(
      'title: T\npublishAt: 2026-12-03 18:30\nchannels: [x]\nmedia:\n  - src: ./hall.jpg\n    alt: The main hall, full of members\n    rights: owned\n    captions: ./hall.vtt',
    );
    const found = ofRule(
      findings([file(postPath, text), image(`${folder}/hall.jpg`, photo), image(`${folder}/hall.vtt`, valid)]),
      'media/captions',
    );
    expect(found[0]!.message).toContain('Captions go with a video');
  });

  it('refuses captions outside content/posts/', () => {
    const found = ofRule(findings(withCaptions(valid, '../../../handbook/tour.vtt')), 'media/captions');
    expect(found[0]!.message).toContain('is outside content/posts/');
  });
});

describe('house/video-length', () => {
  const guide = styleGuide('video:\n  minSeconds: 30\n  maxSeconds: 50');

  it('passes a 40-second video', () => {
    expect(ofRule(findings([...withVideo('x', clip(40)), guide]), 'house/video-length')).toEqual([]);
  });

  it.each([
    [20, 'is 20 seconds long; the style guide asks for videos of 30 to 50 seconds. Use a longer clip.'],
    [75, 'is 75 seconds long; the style guide asks for videos of 30 to 50 seconds. Cut it.'],
  ])('flags a %i-second video', (seconds, message) => {
    const found = ofRule(findings([...withVideo('x', clip(seconds)), guide]), 'house/video-length');
    expect(found).toEqual([expect.objectContaining({ line: 6, severity: 'error' })]);
    expect(found[0]!.message).toBe(`content/posts/2026/12/tour.mp4 ${message}`);
  });

  it('refuses a style guide whose video rule is not a number of seconds', () => {
    const found = findings([...withVideo('x', clip(40)), styleGuide('video:\n  maxSeconds: fifty')]);
    expect(found.some((f) => f.file === 'content/handbook/style-guide.mdx' && f.rule === 'schema/type')).toBe(true);
  });
});

describe('video on Threads', () => {
  const threads = `${testConfig}  - id: threads\n    network: threads\n    handle: riverside.assoc\n`.replace(
    'repository: example/test',
    'repository: example/test\nsite: https://example.github.io/test/',
  );
  const on = (info: MediaFileInfo) => findings(withVideo('threads', info), { config: threads });

  it('passes a 40-second H.264 or HEVC video, with no finding that Threads takes no video', () => {
    expect(on(clip(40)).filter((f) => f.rule.startsWith('media/'))).toEqual([]);
    const hevc = clip(40, { video: { seconds: 40, codec: 'hvc1.1.6.L93.90', width: 1080, height: 1920 } });
    expect(on(hevc).filter((f) => f.rule.startsWith('media/'))).toEqual([]);
  });

  it('flags a video over 5 minutes, at the video', () => {
    const found = ofRule(on(clip(301)), 'media/video-too-long');
    expect(found).toEqual([expect.objectContaining({ file: postPath, line: 6, severity: 'error' })]);
    expect(found[0]!.message).toBe(
      'content/posts/2026/12/tour.mp4 is 5 min 1 s long; Threads accepts videos up to 5 minutes. Cut it to 5 minutes or less.',
    );
  });

  it('flags a video over 1 GB', () => {
    const found = ofRule(on(clip(40, { size: 1_100_000_000 })), 'media/file-too-large');
    expect(found[0]!.message).toContain('Threads accepts videos up to 1000.0 MB');
  });

  it('flags VP9, which Threads does not take', () => {
    const vp9 = clip(40, { video: { seconds: 40, codec: 'vp09.00.10.08', width: 1280, height: 720 } });
    const found = ofRule(on(vp9), 'media/video-codec');
    expect(found[0]!.message).toBe(
      'content/posts/2026/12/tour.mp4 is encoded as VP9; Threads accepts H.264 and HEVC (H.265) video. Export it again as MP4 with H.264.',
    );
  });

  it('flags a picture wider than 1920 pixels', () => {
    const wide = clip(40, { video: { seconds: 40, codec: 'avc1.64001f', width: 2560, height: 1440 } });
    const found = ofRule(on(wide), 'media/dimensions');
    expect(found).toEqual([expect.objectContaining({ line: 6, severity: 'error' })]);
    expect(found[0]!.message).toBe(
      'content/posts/2026/12/tour.mp4 is 2560 pixels wide; Threads accepts videos at most 1920 pixels wide. Scale it down (to 1920 × 1080, or 1080 × 1920 upright).',
    );
  });

  it('binds the approval to the video and its alt text', () => {
    const hash = (alt: string) => {
      const text = post(
        `title: T\npublishAt: 2026-12-03 18:30\nchannels: [threads]\nmedia:\n  - src: ./tour.mp4\n    alt: ${alt}\n    rights: owned`,
      );
      const project = load([file(postPath, text), image(`${folder}/tour.mp4`, clip(40))], threads);
      const payload = payloadFor(project.posts[0]!, project.channels['threads']!);
      expect(payload.media).toEqual([{ file: `${folder}/tour.mp4`, alt }]);
      return contentHash(payload);
    };
    expect(hash('A walk along the river')).not.toBe(hash('A walk along the canal'));
  });

  it('passes a video with images, or two videos, on Threads alone: they go in one carousel', () => {
    const mixed = (channels: string) =>
      post(
        `title: T\npublishAt: 2026-12-03 18:30\nchannels: [${channels}]\nmedia:\n  - src: ./tour.mp4\n    alt: A walk along the river path\n    rights: owned\n  - src: ./hall.jpg\n    alt: The main hall, full of members\n    rights: owned\n  - src: ./more.mp4\n    alt: The walk back\n    rights: owned`,
      );
    const files = (channels: string) => [
      file(postPath, mixed(channels)),
      image(`${folder}/tour.mp4`, clip(40)),
      image(`${folder}/more.mp4`, clip(20)),
      image(`${folder}/hall.jpg`, photo),
    ];
    const withMastodon = `${threads}  - id: mastodon\n    network: mastodon\n    instance: https://m.example\n`;
    expect(ofRule(findings(files('threads'), { config: threads }), 'media/video-mix')).toEqual([]);
    const found = ofRule(findings(files('threads, mastodon'), { config: withMastodon }), 'media/video-mix');
    expect(found).toEqual([expect.objectContaining({ line: lineOf(mixed('threads, mastodon'), 'more.mp4') })]);
    expect(found[0]!.message).toBe(
      'This post has 2 videos; Mastodon accepts one video a post (only Threads puts several in a carousel). Make a post for each there, or leave Mastodon out of this post.',
    );
  });

  it('says captions are not sent to Threads: the payload carries none', () => {
    const files = withVideo('threads', clip(40), '\n    captions: ./tour.vtt', [`${folder}/tour.vtt`]);
    const project = load(files, threads);
    expect(payloadFor(project.posts[0]!, project.channels['threads']!).media[0]).not.toHaveProperty('captions');
  });
});
