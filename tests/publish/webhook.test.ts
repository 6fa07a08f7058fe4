import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { deliveryId } from '../../src/publish/networks/index.ts';
import {
  fakeSleep,
  heraldYaml,
  ledgerOf,
  png,
  postFile,
  projectOnDisk,
  runPublish,
  type TestProject,
} from './helpers.ts';
import { startWebhook, webhookPath, type FakeWebhook } from './fakes/webhook.ts';

const due = '2026-12-03T17:35:00Z';

const agm = (channels: string) =>
  postFile(
    `title: AGM live\npublishAt: 2026-12-03 18:30\nchannels: [${channels}]\nmedia:\n  - { src: ./hall.png, alt: Members seated in the main hall, rights: owned }`,
    'The annual meeting is live now.\n\n---\n\nQuestions? Reply to this post.',
  );

describe('publishing to a webhook', () => {
  let webhook: FakeWebhook;
  let project: TestProject;
  let env: Record<string, string>;

  beforeEach(async () => {
    webhook = await startWebhook();
    env = {
      HERALD_TEAM_CHAT_URL: `${webhook.url}${webhookPath}`,
      HERALD_DISCORD_URL: `${webhook.url}${webhookPath}`,
      HERALD_HOOKS_URL: `${webhook.url}${webhookPath}`,
    };
    project = await projectOnDisk({
      'content/herald.yaml': heraldYaml(
        [
          '  - { id: team-chat, network: webhook, format: slack }',
          '  - { id: discord, network: webhook, format: discord }',
          '  - { id: hooks, network: webhook, format: json }',
        ].join('\n') + '\n',
      ),
      'content/posts/2026/12/agm.mdx': agm('team-chat'),
      'content/posts/2026/12/hall.png': png(),
    });
  });
  afterEach(async () => {
    await webhook.close();
    await project.remove();
  });

  it('sends the thread as one message in the shape each chat tool reads, with an Idempotency-Key and no other secret than the address', async () => {
    await project.write('content/posts/2026/12/agm.mdx', agm('team-chat, discord, hooks'));
    const report = await runPublish(project, { now: due, env });
    expect(report.outcomes.map((o) => [o.channel, o.kind]).sort()).toEqual([
      ['discord', 'published'],
      ['hooks', 'published'],
      ['team-chat', 'published'],
    ]);
    const text = 'The annual meeting is live now.\n\nQuestions? Reply to this post.';
    const ledger = await ledgerOf(project);
    const bodies = webhook.messages();
    expect(bodies).toContainEqual({ text });
    expect(bodies).toContainEqual({ content: text });
    expect(bodies).toContainEqual({
      type: 'post',
      delivery: deliveryId({ key: 'agm/hooks', contentHash: ledger.entries['agm/hooks']!.contentHash }),
      key: 'agm/hooks',
      scheduledAt: '2026-12-03T17:30:00Z',
      text,
      parts: ['The annual meeting is live now.', 'Questions? Reply to this post.'],
      media: [{ file: 'content/posts/2026/12/hall.png', alt: 'Members seated in the main hall' }],
    });
    const keys = webhook.requests.map((r) => r.headers['idempotency-key']);
    expect(new Set(keys).size).toBe(3);
    for (const request of webhook.requests) {
      expect(request.headers['content-type']).toBe('application/json');
      expect(request.headers.authorization).toBeUndefined();
    }
    // A webhook message has no id or link: the ledger names it by channel and post.
    expect(ledger.entries['agm/team-chat']).toMatchObject({
      state: 'published',
      parts: [{ id: 'team-chat:agm/team-chat' }],
    });
  });

  it('sends nothing the second time: the ledger says it went out', async () => {
    await runPublish(project, { now: due, env });
    const again = await runPublish(project, { now: '2026-12-03T17:50:00Z', env });
    expect(again.outcomes).toEqual([]);
    expect(webhook.messages()).toHaveLength(1);
  });

  it('asks for a new address when the receiver no longer knows it, and the next run sends once it is replaced', async () => {
    const revoked = { ...env, HERALD_TEAM_CHAT_URL: `${webhook.url}/hooks/T000/B000/revoked` };
    const report = await runPublish(project, { now: due, env: revoked });
    expect(report.outcomes).toMatchObject([{ post: 'agm', kind: 'failed', attempts: 1 }]);
    expect(report.outcomes[0]!.message).toBe(
      'reconnect team-chat: create a new incoming webhook and store its address in HERALD_TEAM_CHAT_URL (the webhook refused the address in HERALD_TEAM_CHAT_URL (HTTP 404): it was revoked or mistyped) (the next run tries again while the post is within its window)',
    );
    expect(report.outcomes[0]!.message).not.toContain(webhook.url);
    expect(webhook.messages()).toEqual([]);

    const fixed = await runPublish(project, { now: '2026-12-03T17:50:00Z', env });
    expect(fixed.outcomes.map((o) => [o.post, o.kind])).toEqual([['agm', 'published']]);
    expect(webhook.messages()).toHaveLength(1);
  });

  it('waits as long as Retry-After says after a 429, then sends once', async () => {
    webhook.rateLimited = 1;
    const { sleep, waits } = fakeSleep();
    const report = await runPublish(project, { now: due, env, sleep });
    expect(report.outcomes).toMatchObject([{ post: 'agm', kind: 'published', attempts: 2 }]);
    expect(waits).toEqual([30_000]);
    expect(webhook.messages()).toHaveLength(1);
  });

  it('never sends twice after a server error: the receiver may have kept it, so a person settles it', async () => {
    webhook.failAfterAccepting = 1;
    const report = await runPublish(project, { now: due, env });
    expect(report.outcomes).toMatchObject([{ post: 'agm', kind: 'unknown' }]);
    expect(report.outcomes[0]!.message).toMatch(
      /^HTTP 500: internal_error; Herald cannot tell whether it arrived\. Check the account, then run herald ledger settle agm team-chat published <link\.\.\.>/,
    );
    const next = await runPublish(project, { now: '2026-12-03T17:50:00Z', env });
    expect(next.outcomes).toEqual([]);
    expect(webhook.messages()).toHaveLength(1);
  });
});
