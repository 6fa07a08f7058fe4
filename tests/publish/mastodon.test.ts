import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { contentHash, payloadFor } from '../../src/lib/text/payload.ts';
import {
  changeLedger,
  fakeSleep,
  heraldYaml,
  ledgerOf,
  png,
  postFile,
  projectOnDisk,
  runPublish,
  type TestProject,
} from './helpers.ts';
import { mastodonToken, mastodonWriteOnlyToken, startMastodon, type FakeMastodon } from './fakes/mastodon.ts';

const due = '2026-12-03T17:35:00Z';

describe('publishing to Mastodon', () => {
  let mastodon: FakeMastodon;
  let project: TestProject;
  const env = { HERALD_MASTODON_TOKEN: mastodonToken };

  beforeEach(async () => {
    mastodon = await startMastodon();
    project = await projectOnDisk({
      'content/herald.yaml': heraldYaml(`  - { id: mastodon, network: mastodon, instance: "${mastodon.url}" }\n`),
      'content/posts/2026/12/agm.mdx': postFile(
        `title: AGM live
publishAt: 2026-12-03 18:30
channels: [mastodon]
visibility: unlisted
contentWarning: Meeting minutes
media:
  - { src: ./hall.png, alt: Members seated in the main hall, rights: owned }`,
        'The annual meeting is live now. #riverside\n\n---\n\nQuestions? Reply to this post.',
      ),
      'content/posts/2026/12/hall.png': png(),
      'content/posts/2026/12/short.mdx': postFile(
        'title: Short\npublishAt: 2026-12-03 18:30\nchannels: [mastodon]',
        'Doors open at seven.',
      ),
    });
  });
  afterEach(async () => {
    await mastodon.close();
    await project.remove();
  });

  const statusesWith = (text: string) => [...mastodon.statuses.values()].filter((s) => s.text.startsWith(text));

  it('publishes a thread as replies, with the image and its description, visibility and content warning', async () => {
    const report = await runPublish(project, { now: due, env });
    expect(report.outcomes.map((o) => [o.post, o.kind])).toEqual([
      ['agm', 'published'],
      ['short', 'published'],
    ]);
    const [first, second] = [...statusesWith('The annual'), ...statusesWith('Questions')];
    expect(first).toMatchObject({ visibility: 'unlisted', spoiler_text: 'Meeting minutes', in_reply_to_id: null });
    expect(first!.media_attachments.map((m) => m.description)).toEqual(['Members seated in the main hall']);
    expect(second).toMatchObject({ in_reply_to_id: first!.id, visibility: 'unlisted', media_attachments: [] });
    const entry = (await ledgerOf(project)).entries['agm/mastodon']!;
    expect(entry).toMatchObject({
      state: 'published',
      parts: [
        { id: first!.id, url: first!.url },
        { id: second!.id, url: second!.url },
      ],
    });
    expect(report.outcomes[0]!.links).toEqual([first!.url, second!.url]);
  });

  it("sends the post's language as Mastodon's ISO 639 code: its lang, else herald.yaml's locale", async () => {
    await project.write(
      'content/herald.yaml',
      heraldYaml(`  - { id: mastodon, network: mastodon, instance: "${mastodon.url}" }\n`, 'locale: en-GB\n'),
    );
    await project.write(
      'content/posts/2026/12/short.mdx',
      postFile(
        'title: Short\npublishAt: 2026-12-03 18:30\nchannels: [mastodon]\nlang: pt-BR',
        'As portas abrem às sete.',
      ),
    );
    await runPublish(project, { now: due, env });
    expect(statusesWith('As portas')[0]!.language).toBe('pt');
    expect(statusesWith('The annual').map((s) => s.language)).toEqual(['en']);
    expect(statusesWith('Questions').map((s) => s.language)).toEqual(['en']);
  });

  it('marks the images sensitive behind a content warning or for content labels, and nothing else', async () => {
    await project.write(
      'content/posts/2026/12/flood.mdx',
      postFile(
        'title: Flood\npublishAt: 2026-12-03 18:30\nchannels: [mastodon]\ncontentLabels: [graphic-media]\nmedia:\n  - { src: ./hall.png, alt: The flooded underpass, rights: owned }',
        'The underpass is flooded.',
      ),
    );
    await runPublish(project, { now: due, env });
    const sent = (text: string) =>
      mastodon.requests
        .filter((r) => r.method === 'POST' && r.path === '/api/v1/statuses')
        .map((r) => JSON.parse(r.body.toString('utf8')) as { status: string; sensitive?: boolean })
        .find((body) => body.status.startsWith(text));
    expect(sent('The annual')!.sensitive).toBe(true);
    expect(sent('The underpass')!.sensitive).toBe(true);
    expect(sent('Doors open')!.sensitive).toBeUndefined();
    expect(statusesWith('The underpass')[0]).toMatchObject({ spoiler_text: '', sensitive: true });
    expect(statusesWith('Doors open')[0]).toMatchObject({ sensitive: false });
  });

  it('sends a poll with the first part: its options, how long it is open in seconds, and multiple choice', async () => {
    await project.write(
      'content/posts/2026/12/short.mdx',
      postFile(
        'title: Short\npublishAt: 2026-12-03 18:30\nchannels: [mastodon]\npoll:\n  options: [Saturday, Sunday]\n  duration: PT6H\n  multiple: true',
        'Which day suits you for the clean-up?\n\n---\n\nReply with other ideas.',
      ),
    );
    const report = await runPublish(project, { now: due, env });
    expect(report.outcomes.find((o) => o.post === 'short')?.kind).toBe('published');
    const [first, second] = [...statusesWith('Which day'), ...statusesWith('Reply with')];
    expect(first!.poll).toMatchObject({
      multiple: true,
      expires_at: new Date(mastodon.now + 6 * 3600_000).toISOString(),
      options: [{ title: 'Saturday' }, { title: 'Sunday' }],
    });
    expect(second!.poll).toBeNull();
  });

  it("sends who may quote on every status of a thread (Mastodon 4.5's quote_approval_policy)", async () => {
    await project.write(
      'content/posts/2026/12/short.mdx',
      postFile(
        'title: Short\npublishAt: 2026-12-03 18:30\nchannels: [mastodon]\nquotes: followers',
        'Doors open at seven.\n\n---\n\nBring a friend.',
      ),
    );
    await runPublish(project, { now: due, env });
    const thread = [...statusesWith('Doors open'), ...statusesWith('Bring a friend')];
    expect(thread.map((s) => s.quote_approval.automatic)).toEqual([['followers'], ['followers']]);
    const sent = mastodon.requests
      .filter((r) => r.method === 'POST' && r.path === '/api/v1/statuses')
      .map((r) => JSON.parse(r.body.toString()) as { status: string; quote_approval_policy?: string })
      .filter((b) => !b.status.startsWith('The annual') && !b.status.startsWith('Questions'));
    expect(sent.map((b) => b.quote_approval_policy)).toEqual(['followers', 'followers']);
  });

  it('quotes a status of another server, found through search, and refuses one the server cannot find', async () => {
    const link = 'https://other.example/@ada/113000000000000001';
    const remoteId = mastodon.addRemote(link, 'The river clean-up is on Saturday.');
    await project.write(
      'content/posts/2026/12/short.mdx',
      postFile(`title: Short\npublishAt: 2026-12-03 18:30\nchannels: [mastodon]\nquote: ${link}`, 'Come and help!'),
    );
    await project.write(
      'content/posts/2026/12/lost.mdx',
      postFile(
        'title: Lost\npublishAt: 2026-12-03 18:30\nchannels: [mastodon]\nquote: https://other.example/@ada/1',
        'See this.',
      ),
    );
    const report = await runPublish(project, { now: due, env });
    expect(statusesWith('Come and help')).toMatchObject([{ quote: { state: 'accepted', quoted_status_id: remoteId } }]);
    const lost = report.outcomes.find((o) => o.post === 'lost')!;
    expect(lost.kind).toBe('failed');
    expect(lost.message).toContain('cannot find the post to quote, https://other.example/@ada/1');
    expect(statusesWith('See this')).toEqual([]);
  });

  it('sends nothing the second time: the ledger says it went out', async () => {
    await runPublish(project, { now: due, env });
    const requests = mastodon.requests.length;
    const again = await runPublish(project, { now: '2026-12-03T17:50:00Z', env });
    expect(again.outcomes).toEqual([]);
    expect(mastodon.requests.length).toBe(requests);
    expect(mastodon.statuses.size).toBe(3);
  });

  it('does not send a published post again after its file is edited', async () => {
    await runPublish(project, { now: due, env });
    await project.write(
      'content/posts/2026/12/short.mdx',
      postFile('title: Short\npublishAt: 2026-12-03 18:30\nchannels: [mastodon]', 'Doors open at eight, not seven.'),
    );
    const again = await runPublish(project, { now: '2026-12-03T17:50:00Z', env });
    expect(again.outcomes).toEqual([]);
    expect(statusesWith('Doors open')).toMatchObject([{ text: 'Doors open at seven.' }]);
  });

  it('survives 429, 500, a timeout and a reset connection with exactly one status, every retry with the same Idempotency-Key', async () => {
    mastodon.faults.push('rate-limit', 'server-error', 'timeout', 'reset');
    const { sleep, waits } = fakeSleep();
    const report = await runPublish(project, {
      now: due,
      env,
      only: 'mastodon',
      sleep,
      retry: { attempts: 6, baseDelayMs: 1000, maxDelayMs: 8000, maxRetryAfterMs: 60_000 },
    });
    const short = report.outcomes.find((o) => o.post === 'agm')!;
    expect(short.kind).toBe('published');
    // The first part went through five attempts; the timed-out and the reset one had created it already.
    expect(statusesWith('The annual')).toHaveLength(1);
    const keys = mastodon.keys();
    expect(keys.slice(0, 5).every((key) => key === keys[0])).toBe(true);
    expect(new Set(keys).size).toBe(3); // agm part 1, agm part 2, short
    expect(waits[0]).toBe(7000); // Retry-After: 7
    expect((await ledgerOf(project)).entries['agm/mastodon']).toMatchObject({ state: 'published', attempts: 5 });
  });

  it("records a 422 as failed with Mastodon's message and does not retry it, in this run or the next", async () => {
    mastodon.faults.push('invalid');
    const report = await runPublish(project, { now: due, env });
    const agm = report.outcomes.find((o) => o.post === 'agm')!;
    expect(agm).toMatchObject({ kind: 'failed', attempts: 1 });
    expect(agm.message).toContain('HTTP 422: Validation failed: Text character limit of 500 exceeded');
    expect((await ledgerOf(project)).entries['agm/mastodon']).toMatchObject({
      state: 'failed',
      error: {
        status: 422,
        permanent: true,
        message: 'HTTP 422: Validation failed: Text character limit of 500 exceeded',
      },
    });
    expect(report.outcomes.find((o) => o.post === 'short')!.kind).toBe('published');
    const posted = mastodon.keys().length;
    const next = await runPublish(project, { now: '2026-12-03T17:50:00Z', env });
    expect(next.outcomes).toEqual([]);
    expect(mastodon.keys().length).toBe(posted);
  });

  it('sends a post again after it was fixed, when its earlier version was refused', async () => {
    mastodon.faults.push('invalid');
    await runPublish(project, { now: due, env, only: 'mastodon' });
    await project.write(
      'content/posts/2026/12/agm.mdx',
      postFile('title: AGM live\npublishAt: 2026-12-03 18:30\nchannels: [mastodon]', 'Shorter now.'),
    );
    const report = await runPublish(project, { now: '2026-12-03T17:50:00Z', env });
    expect(report.outcomes.map((o) => [o.post, o.kind])).toEqual([['agm', 'published']]);
    expect(statusesWith('Shorter now.')).toHaveLength(1);
  });

  it('gives up on 500s after the last attempt, records a retryable failure, and the next run sends it', async () => {
    mastodon.faults.push('server-error', 'server-error', 'server-error', 'server-error');
    const report = await runPublish(project, { now: due, env, only: 'mastodon' });
    const agm = report.outcomes.find((o) => o.post === 'agm')!;
    expect(agm).toMatchObject({ kind: 'failed', attempts: 4 });
    expect(agm.message).toMatch(/HTTP 500.*the next run tries again/);
    expect((await ledgerOf(project)).entries['agm/mastodon']).toMatchObject({
      state: 'failed',
      error: { permanent: false },
    });
    const next = await runPublish(project, { now: '2026-12-03T17:50:00Z', env });
    expect(next.outcomes.map((o) => [o.post, o.kind])).toEqual([['agm', 'published']]);
    expect(statusesWith('The annual')).toHaveLength(1);
  });

  it('finds a status whose every answer was lost on the account, and never sends it again after Mastodon forgot its key', async () => {
    mastodon.faults.push('timeout', 'timeout', 'timeout', 'timeout');
    mastodon.now = Date.parse(due);
    const first = await runPublish(project, { now: due, env, only: 'mastodon' });
    const agm = first.outcomes.find((o) => o.post === 'agm')!;
    // The first part arrived four times over one Idempotency-Key, and was found; the second was never sent.
    expect(agm).toMatchObject({ kind: 'failed', links: [statusesWith('The annual')[0]!.url] });
    expect(agm.message).toMatch(/did not answer in time \(looked on the network: 1 of 2 parts had arrived\)/);
    expect((await ledgerOf(project)).entries['agm/mastodon']).toMatchObject({
      state: 'failed',
      parts: [{ id: statusesWith('The annual')[0]!.id }],
    });

    // Seventy minutes later, still in the window: Mastodon no longer knows the key. The thread goes on.
    mastodon.now = Date.parse('2026-12-03T18:45:00Z');
    const next = await runPublish(project, { now: '2026-12-03T18:45:00Z', env, only: 'mastodon' });
    expect(next.outcomes.map((o) => [o.post, o.kind])).toEqual([['agm', 'published']]);
    expect(statusesWith('The annual')).toHaveLength(1);
    expect(statusesWith('Questions')).toMatchObject([{ in_reply_to_id: statusesWith('The annual')[0]!.id }]);
  });

  it('reports unknown, and keeps it so, when it cannot look (a token without the read scopes): never a second status', async () => {
    const writeOnly = { HERALD_MASTODON_TOKEN: mastodonWriteOnlyToken };
    mastodon.faults.push('timeout', 'timeout', 'timeout', 'timeout');
    mastodon.now = Date.parse(due);
    const first = await runPublish(project, { now: due, env: writeOnly, only: 'mastodon' });
    const agm = first.outcomes.find((o) => o.post === 'agm')!;
    expect(agm.kind).toBe('unknown');
    expect(agm.message).toMatch(
      /did not answer in time, so it may have arrived, and looking it up failed: the token cannot read the account's statuses: give it the read:accounts and read:statuses scopes too, so Herald can look by itself; Herald cannot tell whether it arrived\..*herald ledger settle agm mastodon published <link\.\.\.>/,
    );

    mastodon.now = Date.parse('2026-12-03T18:45:00Z');
    const next = await runPublish(project, { now: '2026-12-03T18:45:00Z', env: writeOnly, only: 'mastodon' });
    expect(next.outcomes.map((o) => [o.post, o.kind])).toEqual([['agm', 'unknown']]);
    expect(statusesWith('The annual')).toHaveLength(1);
    expect(statusesWith('Questions')).toHaveLength(0);
  });

  it('does not finish late a send whose run died: past the window it looks, records what arrived, and reports it missed', async () => {
    // A run claimed agm and died before its status was created; the next run comes hours later.
    const loaded = await project.load(Date.parse(due));
    const hash = contentHash(
      payloadFor(
        loaded.posts.find((post) => post.id === 'agm')!,
        loaded.channels.mastodon!,
      ),
    );
    await changeLedger(project, (ledger) => {
      ledger.entries['agm/mastodon'] = {
        post: 'agm',
        channel: 'mastodon',
        network: 'mastodon',
        state: 'pending',
        contentHash: hash,
        parts: [],
        attempts: 0,
        scheduledAt: '2026-12-03T17:30:00Z',
        updatedAt: due,
        claim: { run: 'dead-run', at: due },
        file: 'content/posts/2026/12/agm.mdx',
      };
    });
    mastodon.now = Date.parse('2026-12-03T20:00:00Z');
    const late = await runPublish(project, { now: '2026-12-03T20:00:00Z', env, only: 'mastodon' });
    expect(late.outcomes.find((o) => o.post === 'agm')).toMatchObject({
      kind: 'missed',
      message: `a send that began at ${due} did not finish (looked on the network: it had not arrived), and it is more than PT2H past 2026-12-03T17:30:00Z: the rest is not sent late`,
    });
    expect(statusesWith('The annual')).toEqual([]);
    expect((await ledgerOf(project)).entries['agm/mastodon']).toMatchObject({ state: 'missed', parts: [] });
  });

  it('reports unknown, and sends nothing, when the post changed after a send of it began and died', async () => {
    // A run claimed agm, created its first status and died; then the post was edited.
    mastodon.now = Date.parse(due);
    await runPublish(project, { now: due, env, only: 'mastodon' });
    const sent = (await ledgerOf(project)).entries['agm/mastodon']!;
    await changeLedger(
      project,
      (ledger) =>
        void (ledger.entries['agm/mastodon'] = {
          ...sent,
          state: 'pending',
          parts: [],
          claim: { run: 'dead-run', at: due },
        }),
    );
    await project.write(
      'content/posts/2026/12/agm.mdx',
      postFile(
        'title: AGM live\npublishAt: 2026-12-03 18:30\nchannels: [mastodon]',
        'The annual meeting is live, with a new link.',
      ),
    );
    const statuses = mastodon.statuses.size;
    const next = await runPublish(project, { now: '2026-12-03T18:00:00Z', env, only: 'mastodon' });
    expect(next.outcomes.map((o) => [o.post, o.kind])).toEqual([['agm', 'unknown']]);
    expect(next.outcomes[0]!.message).toMatch(/the post has changed since, so Herald cannot look for what was sent/);
    expect(mastodon.statuses.size).toBe(statuses);
  });
});
