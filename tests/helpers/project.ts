import { parseProject } from '../../src/lib/project/load.ts';
import type { SourceFile } from '../../src/lib/project/source.ts';

/** A fixed "now" so tests never depend on the day they run. */
export const testNow = Date.parse('2026-11-23T12:00:00Z');

/** The same instant for a child process: `herald` reads HERALD_NOW when no --now is given. */
export const fixedClock = { HERALD_NOW: new Date(testNow).toISOString() };

export const testConfig = `organization: Test Association
timezone: Europe/Warsaw
repository: example/test
channels:
  - id: mastodon
    network: mastodon
    instance: https://mastodon.social
  - id: bluesky
    network: bluesky
    handle: test.bsky.social
  - id: x
    network: x
`;

/** A valid post, to change one thing at a time. */
export function post(frontmatter: string, body = 'Hello, neighbours.'): string {
  return `---\n${frontmatter.trim()}\n---\n${body}\n`;
}

export const goodFrontmatter = `title: A good post
publishAt: 2026-12-03 18:30
channels: [mastodon, x]`;

const encoder = new TextEncoder();

export function file(path: string, content: string | Uint8Array): SourceFile {
  return { path, bytes: typeof content === 'string' ? encoder.encode(content) : content };
}

/** Loads a project of herald.yaml (the test one, another, or none for null) and the files passed. */
export function load(files: SourceFile[], config: string | null = testConfig) {
  const all = config === null ? files : [file('content/herald.yaml', config), ...files];
  return parseProject(all, { now: testNow });
}

/** The first bytes of a PNG: signature and an IHDR chunk with the image's width and height. */
export function pngHeader(width: number, height: number): Uint8Array {
  const bytes = new Uint8Array(33);
  bytes.set([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52]);
  const view = new DataView(bytes.buffer);
  view.setUint32(16, width);
  view.setUint32(20, height);
  bytes.set([8, 6, 0, 0, 0], 24);
  return bytes;
}
