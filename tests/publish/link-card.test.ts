import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cardFetcher, defaultCardLimits, fetchCard, publicAddress } from '../../src/publish/link-card.ts';
import { png } from './helpers.ts';
import { startServer, type FakeServer } from './fakes/server.ts';

const page = (head: string) => `<!doctype html><html><head>${head}</head><body><p>Hello</p></body></html>`;

/**
 * A web site on 127.0.0.1 with the pages a card is read from. Production refuses it (a loopback
 * address), so each test that reads it passes its own address check, as only code can.
 */
describe('reading a link card from a page', () => {
  let site: FakeServer;
  const picture = png(12, 8);
  const loopbackOnly = { ...defaultCardLimits, timeoutMs: 1_000, allowAddress: (a: string) => a === '127.0.0.1' };

  beforeAll(async () => {
    site = await startServer((request, response) => {
      const html = (body: string) =>
        void response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(body);
      switch (request.path) {
        case '/agm':
          return html(
            page(`<title>Fallback</title>
              <meta property="og:title" content="Annual meeting &amp; vote">
              <meta property="og:description" content="Watch and vote from home.">
              <meta property="og:image" content="/card.png">`),
          );
        case '/plain':
          return html(
            page('<title> Riverside news </title><meta name="description" content="What happens by the river.">'),
          );
        case '/untitled':
          return html(page('<meta name="description" content="No title here">'));
        case '/card.png':
          return void response.writeHead(200, { 'content-type': 'image/png' }).end(picture);
        case '/huge':
          return html(page(`<title>Huge</title>${'<!-- padding -->'.repeat(200_000)}`));
        case '/elsewhere':
          return void response.writeHead(302, { location: `http://127.0.0.2:${new URL(site.url).port}/agm` }).end();
        case '/slow':
          return; // never answers
        case '/trickle': {
          // Answers at once, then sends a byte every 50 ms, never finishing.
          response.writeHead(200, { 'content-type': 'text/html' }).write('<html>');
          const drip = setInterval(() => response.write(' '), 50);
          response.on('close', () => clearInterval(drip));
          return;
        }
        case '/long':
          return html(
            page(
              `<meta property="og:title" content="${'Flood '.repeat(49)}👩‍👩‍👧 and more">` +
                `<meta property="og:description" content="${'é'.repeat(1_200)}">`,
            ),
          );
        case '/controls':
          return html(
            page(
              '<meta property="og:title" content="Pay\u202e here &#x202E;gpj.exe&#x202C; now&#7;">' +
                '<meta property="og:description" content="Line one&#10;line\u0085two\u2066\u2069\u0001\u009b">',
            ),
          );
        default:
          return void response.writeHead(404).end('Not found');
      }
    });
  });
  afterAll(() => site.close());

  it('reads the Open Graph title, description and picture, entities decoded, the picture from its relative address', async () => {
    const result = await fetchCard(`${site.url}/agm`, loopbackOnly);
    expect(result).toMatchObject({
      ok: true,
      card: { url: `${site.url}/agm`, title: 'Annual meeting & vote', description: 'Watch and vote from home.' },
    });
    expect(result.ok && result.card.image).toEqual({ data: new Uint8Array(picture), mimeType: 'image/png' });
  });

  it("falls back to the page's <title> and description, and gives no card for a page without a title", async () => {
    expect(await fetchCard(`${site.url}/plain`, loopbackOnly)).toMatchObject({
      ok: true,
      card: { title: 'Riverside news', description: 'What happens by the river.' },
    });
    expect(await fetchCard(`${site.url}/untitled`, loopbackOnly)).toEqual({
      ok: false,
      reason: `${site.url}/untitled has no title (og:title or <title>)`,
    });
  });

  it('cuts a long title and description at a grapheme with an ellipsis: 300 and 1,000 characters', async () => {
    const result = await fetchCard(`${site.url}/long`, loopbackOnly);
    if (!result.ok) throw new Error(result.reason);
    const segmenter = new Intl.Segmenter('en', { granularity: 'grapheme' });
    const count = (text: string) => [...segmenter.segment(text)].length;
    // 294 characters of "Flood " the family emoji (one), " and": 299, then the ellipsis.
    expect(result.card.title).toBe(`${'Flood '.repeat(49)}👩‍👩‍👧 and…`);
    expect(count(result.card.title)).toBe(300);
    expect(result.card.description).toBe(`${'é'.repeat(999)}…`);
    expect(count(result.card.description)).toBe(1_000);
  });

  it('removes control characters and bidi overrides a page puts in its title and description', async () => {
    expect(await fetchCard(`${site.url}/controls`, loopbackOnly)).toMatchObject({
      ok: true,
      card: { title: 'Pay here gpj.exe now', description: 'Line one line two' },
    });
  });

  it('refuses a page over the size limit, naming the limit', async () => {
    const result = await fetchCard(`${site.url}/huge`, { ...loopbackOnly, maxPageBytes: 100_000 });
    expect(result).toEqual({
      ok: false,
      reason: `${site.url}/huge is larger than 100 kB, the most Herald reads`,
    });
  });

  it('says why when the page cannot be reached: a port nobody listens on, a page that never answers, a 404', async () => {
    const closed = await startServer(() => undefined);
    const address = closed.url;
    await closed.close();
    expect(await fetchCard(`${address}/agm`, loopbackOnly)).toEqual({
      ok: false,
      reason: `${address}/agm refused the connection`,
    });
    expect(await fetchCard(`${site.url}/slow`, { ...loopbackOnly, timeoutMs: 300 })).toEqual({
      ok: false,
      reason: `${site.url}/slow did not answer within 0.3 s`,
    });
    expect(await fetchCard(`${site.url}/trickle`, { ...loopbackOnly, timeoutMs: 300 })).toEqual({
      ok: false,
      reason: `${site.url}/trickle did not answer within 0.3 s`,
    });
    expect(await fetchCard(`${site.url}/missing`, loopbackOnly)).toEqual({
      ok: false,
      reason: `${site.url}/missing answered 404`,
    });
  });

  it('never connects to a private or local address: not written as one, not by name, not after a redirect', async () => {
    const production = cardFetcher();
    const before = site.requests.length;
    expect(await production(`${site.url}/agm`)).toEqual({
      ok: false,
      reason: `${site.url}/agm is on a private or local network (127.0.0.1); Herald reads cards only from public addresses`,
    });
    const byName = await production(`http://localhost:${new URL(site.url).port}/agm`);
    expect(byName.ok === false && byName.reason).toMatch(/is on a private or local network \((127\.0\.0\.1|::1)\)/);
    const redirected = await fetchCard(`${site.url}/elsewhere`, loopbackOnly);
    expect(redirected.ok === false && redirected.reason).toMatch(
      /^http:\/\/127\.0\.0\.2:\d+\/agm is on a private or local network/,
    );
    // The production reader never reached the server; the redirect was followed from it only.
    expect(site.requests.slice(before).map((r) => r.path)).toEqual(['/elsewhere']);
  });

  it.each([
    ['127.0.0.1', false],
    ['10.1.2.3', false],
    ['172.16.0.1', false],
    ['192.168.1.10', false],
    ['169.254.169.254', false],
    ['100.64.0.1', false],
    ['0.0.0.0', false],
    ['::1', false],
    ['fe80::1', false],
    ['fd00::1', false],
    ['::ffff:127.0.0.1', false],
    ['::ffff:10.0.0.1', false],
    ['93.184.215.14', true],
    ['2606:4700:4700::1111', true],
    ['not an address', false],
  ])('publicAddress(%s) is %s', (address, expected) => {
    expect(publicAddress(address)).toBe(expected);
  });
});
