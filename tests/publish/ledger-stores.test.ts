import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm, stat, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  FileLedgerStore,
  GitHubLedgerStore,
  ledgerKeyFrom,
  ledgerStoreFor,
  LedgerError,
  SealedLedgerStore,
  updateLedger,
  type LedgerStore,
} from '../../src/publish/ledger/index.ts';
import { emptyLedger, type Ledger } from '../../src/schemas/ledger.ts';
import { FakeGitHub, githubToken } from './fakes/github.ts';
import { entry } from './helpers.ts';

interface Backend {
  name: string;
  start(): Promise<{ store(): LedgerStore; corrupt(text: string): Promise<void>; stop(): Promise<void> }>;
}

const backends: Backend[] = [
  {
    name: 'JSON file',
    async start() {
      const dir = await mkdtemp(join(tmpdir(), 'herald-ledger-'));
      const path = join(dir, '.herald', 'ledger.json');
      return {
        store: () => new FileLedgerStore(path),
        corrupt: (text) => writeFile(path, text),
        stop: () => rm(dir, { recursive: true, force: true }),
      };
    },
  },
  {
    name: 'GitHub branch',
    async start() {
      const github = await new FakeGitHub({ repository: 'example/riverside-social' }).start();
      return {
        store: () =>
          new GitHubLedgerStore({ token: githubToken, repository: 'example/riverside-social', apiUrl: github.url }),
        corrupt: async (text) => github.setFile('herald-ledger', 'ledger.json', text),
        stop: () => github.close(),
      };
    },
  },
];

describe.each(backends)('the $name ledger store', (backend) => {
  let setup: Awaited<ReturnType<Backend['start']>>;
  beforeEach(async () => {
    setup = await backend.start();
  });
  afterEach(() => setup.stop());

  it('starts as an empty ledger with no version', async () => {
    const snapshot = await setup.store().read();
    expect(snapshot).toMatchObject({ ledger: emptyLedger(), version: null });
  });

  it('reads back what was written, from another instance', async () => {
    const ledger = { version: 1 as const, entries: { 'agm/mastodon': entry('agm') } };
    const version = await setup.store().write(ledger, null);
    expect(version).toEqual(expect.any(String));
    const snapshot = await setup.store().read();
    expect(snapshot.ledger).toEqual(ledger);
    expect(snapshot.version).toBe(version);
  });

  it('refuses a write that names a version someone else replaced (compare-and-swap)', async () => {
    const store = setup.store();
    const first = await store.write({ version: 1, entries: { 'a/mastodon': entry('a') } }, null);
    await store.write({ version: 1, entries: { 'b/mastodon': entry('b') } }, first);
    expect(await store.write({ version: 1, entries: { 'c/mastodon': entry('c') } }, first)).toBeNull();
    expect(Object.keys((await store.read()).ledger.entries)).toEqual(['b/mastodon']);
  });

  it('lets only one of two writers create the ledger', async () => {
    const one = setup.store();
    const two = setup.store();
    const results = [
      await one.write({ version: 1, entries: { 'a/mastodon': entry('a') } }, null),
      await two.write({ version: 1, entries: { 'b/mastodon': entry('b') } }, null),
    ];
    expect(results.filter((r) => r === null)).toHaveLength(1);
    expect(Object.keys((await one.read()).ledger.entries)).toEqual(['a/mastodon']);
  });

  it('keeps every change when many writers race (each re-reads and re-applies)', async () => {
    await setup.store().write(emptyLedger(), null);
    await Promise.all(
      Array.from({ length: 12 }, (_, i) =>
        updateLedger(setup.store(), (ledger) => {
          ledger.entries[`post-${i}/mastodon`] = entry(`post-${i}`);
          return { ledger, result: undefined };
        }),
      ),
    );
    expect(Object.keys((await setup.store().read()).ledger.entries)).toHaveLength(12);
  });

  it('refuses a ledger that is not valid JSON, saying where it is and what to do', async () => {
    await setup.store().write(emptyLedger(), null);
    await setup.corrupt('{ "version": 1, "entries": { oops');
    await expect(setup.store().read()).rejects.toThrow(/ledger\.json is not valid JSON .*Fix or restore it/);
  });

  it('never starts a ledger that is not there, unless told to (herald ledger init): it may have been lost', async () => {
    await expect(updateLedger(setup.store(), (ledger) => ({ ledger, result: undefined }))).rejects.toThrow(
      /there is no ledger at .*If posts were published before, it was lost .*restore it.*If this is the first run, start one with herald ledger init/,
    );
    await updateLedger(setup.store(), (ledger) => ({ ledger, result: undefined }), { create: true });
    expect((await setup.store().read()).version).not.toBeNull();
  });

  it('refuses a blank ledger instead of reading it as empty, which would send everything again', async () => {
    await setup.store().write(emptyLedger(), null);
    await setup.corrupt('  \n');
    await expect(setup.store().read()).rejects.toThrow(/ledger\.json is empty, which Herald never writes: restore it/);
  });

  it('refuses an entry with an unknown state, naming the field', async () => {
    await setup.store().write(emptyLedger(), null);
    await setup.corrupt(JSON.stringify({ version: 1, entries: { 'a/mastodon': { ...entry('a'), state: 'posted' } } }));
    await expect(setup.store().read()).rejects.toThrow(LedgerError);
    await expect(setup.store().read()).rejects.toThrow(
      /not a Herald ledger \(entries\.a\/mastodon\.state: Invalid option: expected one of "pending"/,
    );
  });
});

describe.each(backends)('the $name ledger, sealed', (backend) => {
  let setup: Awaited<ReturnType<Backend['start']>>;
  const key = 'a-ledger-key-for-these-tests-0123456789abcdef';
  const sealed = (k = key) => new SealedLedgerStore(setup.store(), k);
  beforeEach(async () => {
    setup = await backend.start();
    await updateLedger(
      sealed(),
      (ledger) => {
        ledger.entries['a/mastodon'] = entry('a');
        ledger.entries['b/mastodon'] = entry('b');
        return { ledger, result: undefined };
      },
      { create: true },
    );
  });
  afterEach(() => setup.stop());

  const stored = async () => (await setup.store().read()).ledger;
  const tamper = async (change: (ledger: Ledger) => void) => {
    const ledger = await stored();
    change(ledger);
    await setup.corrupt(JSON.stringify(ledger));
  };

  it('seals every entry and the whole, and reads back what it wrote', async () => {
    const ledger = await stored();
    expect(ledger.seal).toMatch(/^hmac-sha256:[0-9a-f]{64}$/);
    expect(Object.values(ledger.entries).map((e) => e.seal)).toEqual([
      expect.stringMatching(/^hmac-sha256:/),
      expect.stringMatching(/^hmac-sha256:/),
    ]);
    expect(Object.keys((await sealed().read()).ledger.entries)).toEqual(['a/mastodon', 'b/mastodon']);
  });

  it('keeps the seal of an entry that did not change, and seals a changed one again', async () => {
    const before = await stored();
    await updateLedger(sealed(), (ledger) => {
      ledger.entries['b/mastodon'] = { ...ledger.entries['b/mastodon']!, state: 'retracted' };
      return { ledger, result: undefined };
    });
    const after = await stored();
    expect(after.entries['a/mastodon']!.seal).toBe(before.entries['a/mastodon']!.seal);
    expect(after.entries['b/mastodon']!.seal).not.toBe(before.entries['b/mastodon']!.seal);
    await expect(sealed().read()).resolves.toBeDefined();
  });

  it.each([
    [
      "a delivery pointed at someone else's post",
      (l: Ledger) =>
        void (l.entries['a/mastodon']!.parts = [{ id: '666', url: 'https://mastodon.example/@mayor/666' }]),
      /changed outside Herald: the entry a\/mastodon is not as Herald wrote it/,
    ],
    [
      'a published delivery turned into a failed one, to have it sent again',
      (l: Ledger) => void (l.entries['b/mastodon']!.state = 'failed'),
      /the entry b\/mastodon is not as Herald wrote it/,
    ],
    [
      'a delivery removed, to have it sent again',
      (l: Ledger) => void delete l.entries['a/mastodon'],
      /entries were removed, or something besides the entries was changed/,
    ],
    [
      'a delivery added by hand',
      (l: Ledger) => void (l.entries['c/mastodon'] = entry('c')),
      /the entry c\/mastodon is not as Herald wrote it/,
    ],
    [
      'the seals taken off',
      (l: Ledger) => void (delete l.seal, delete l.sealedWith, Object.values(l.entries).forEach((e) => delete e.seal)),
      /has no seal: it was written by hand or by a Herald from before ledgers were sealed.*herald ledger seal/,
    ],
  ])('refuses a ledger changed outside Herald: %s', async (_name, change, message) => {
    await tamper(change);
    await expect(sealed().read()).rejects.toThrow(LedgerError);
    await expect(sealed().read()).rejects.toThrow(message);
    await expect(sealed().read()).rejects.toThrow(/Nothing is published until then/);
  });

  it('says so when the key is not the one the ledger was sealed with', async () => {
    await expect(sealed('another-key-another-key-another-key-000').read()).rejects.toThrow(
      /was sealed with another HERALD_LEDGER_KEY than this one/,
    );
  });

  it('seals a ledger as it is when a person vouches for it', async () => {
    await tamper((l) => void (l.entries['c/mastodon'] = entry('c')));
    expect(await sealed().vouch()).toBe(3);
    expect(Object.keys((await sealed().read()).ledger.entries)).toEqual(['a/mastodon', 'b/mastodon', 'c/mastodon']);
  });

  it('refuses a key too short to be safe, and reads none when it is not set', () => {
    expect(() => ledgerKeyFrom({ HERALD_LEDGER_KEY: 'short' })).toThrow(
      /HERALD_LEDGER_KEY is 5 characters long; use at least 32 random ones/,
    );
    expect(ledgerKeyFrom({ HERALD_LEDGER_KEY: '  ' })).toBeUndefined();
  });
});

describe('the JSON file store across processes', () => {
  it('loses no write when two processes update one ledger at the same time', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'herald-ledger-'));
    const path = join(dir, 'ledger.json');
    const script = `
      import { FileLedgerStore, updateLedger } from ${JSON.stringify(new URL('../../src/publish/ledger/index.ts', import.meta.url).href)};
      const store = new FileLedgerStore(process.argv[1]);
      await store.write({ version: 1, entries: {} }, null);
      for (let i = 0; i < 15; i++) {
        await updateLedger(store, (ledger) => {
          ledger.entries[process.argv[2] + '-' + i + '/mastodon'] = { post: 'p', channel: 'mastodon', network: 'mastodon', state: 'published', contentHash: 'sha256:' + 'a'.repeat(64), parts: [], attempts: 1, scheduledAt: '2026-12-03T17:30:00Z', updatedAt: '2026-12-03T17:30:00Z' };
          return { ledger, result: undefined };
        });
      }`;
    const run = promisify(execFile);
    try {
      await Promise.all(
        ['one', 'two'].map((name) => run(process.execPath, ['--input-type=module', '-e', script, path, name])),
      );
      const ledger = JSON.parse(await readFile(path, 'utf8')) as { entries: Record<string, unknown> };
      expect(Object.keys(ledger.entries)).toHaveLength(30);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});

describe("the JSON file store's lock", () => {
  let dir: string;
  let path: string;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'herald-ledger-'));
    path = join(dir, 'ledger.json');
  });
  afterEach(async () => {
    vi.useRealTimers();
    await rm(dir, { recursive: true, force: true });
  });

  it("waits for a lock another run holds, even when this process's clock is a year ahead of the file system's", async () => {
    await writeFile(`${path}.lock`, '');
    vi.useFakeTimers({ toFake: ['Date'], now: Date.now() + 400 * 24 * 60 * 60 * 1000 });
    let written = false;
    const write = new FileLedgerStore(path).write(emptyLedger(), null).then(() => (written = true));
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(written).toBe(false);
    await rm(`${path}.lock`);
    await write;
    expect(written).toBe(true);
  });

  it("breaks a lock left by a run that died, judged by the file system's clock", async () => {
    await writeFile(`${path}.lock`, '');
    const minuteAgo = new Date((await stat(`${path}.lock`)).mtimeMs - 60_000);
    await utimes(`${path}.lock`, minuteAgo, minuteAgo);
    vi.useFakeTimers({ toFake: ['Date'], now: Date.now() - 400 * 24 * 60 * 60 * 1000 });
    expect(await new FileLedgerStore(path).write(emptyLedger(), null)).not.toBeNull();
  });
});

describe('the GitHub branch store', () => {
  let github: FakeGitHub;
  beforeEach(async () => {
    github = await new FakeGitHub({ repository: 'example/riverside-social' }).start();
  });
  afterEach(() => github.close());

  it('is chosen in GitHub Actions, honours GITHUB_API_URL, and starts the branch with the ledger alone', async () => {
    const store = ledgerStoreFor(undefined, '/project', {
      GITHUB_ACTIONS: 'true',
      GITHUB_TOKEN: githubToken,
      GITHUB_REPOSITORY: 'example/riverside-social',
      GITHUB_API_URL: github.url,
    });
    expect(store.where).toBe('example/riverside-social@herald-ledger:ledger.json');
    await updateLedger(
      store,
      (ledger) => ({ ledger: { ...ledger, entries: { 'a/mastodon': entry('a') } }, result: undefined }),
      { create: true },
    );
    expect([...github.branches.get('herald-ledger')!.files.keys()]).toEqual(['ledger.json']);
    expect(github.requests.includes('POST /repos/example/riverside-social/git/refs')).toBe(true);
  });

  it('re-reads and retries when GitHub answers 409 Conflict', async () => {
    const store = new GitHubLedgerStore({
      token: githubToken,
      repository: 'example/riverside-social',
      apiUrl: github.url,
    });
    await store.write({ version: 1, entries: { 'a/mastodon': entry('a') } }, null);
    github.conflicts = 2;
    await updateLedger(store, (ledger) => {
      ledger.entries['b/mastodon'] = entry('b');
      return { ledger, result: undefined };
    });
    expect(Object.keys((await store.read()).ledger.entries).sort()).toEqual(['a/mastodon', 'b/mastodon']);
    expect(github.requests.filter((r) => r.startsWith('PUT '))).toHaveLength(3);
  });

  it('says the token was refused, instead of publishing without a ledger', async () => {
    const store = new GitHubLedgerStore({ token: 'wrong', repository: 'example/riverside-social', apiUrl: github.url });
    await expect(store.read()).rejects.toThrow(
      /cannot read the ledger example\/riverside-social@herald-ledger:ledger\.json: GitHub answered 401.*token was refused/,
    );
  });

  it('needs GITHUB_TOKEN and GITHUB_REPOSITORY when asked for the github ledger', () => {
    expect(() => ledgerStoreFor('github', '/project', {})).toThrow(/needs GITHUB_TOKEN and GITHUB_REPOSITORY/);
  });
});
