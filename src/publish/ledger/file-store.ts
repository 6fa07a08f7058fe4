import { createHash, randomUUID } from 'node:crypto';
import { mkdir, open, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { setTimeout as delay } from 'node:timers/promises';
import type { Ledger } from '../../schemas/ledger.ts';
import { LedgerError, parseLedger, serializeLedger, unreadableLedger } from '../../lib/ledger/format.ts';
import type { LedgerSnapshot, LedgerStore } from './store.ts';

/** A lock older than this was left by a process that died holding it (a write takes milliseconds). */
const staleLockMs = 30_000;
const lockWaitMs = 20_000;

/**
 * The ledger as a JSON file, for local runs and tests. The version is the hash of the file's bytes.
 * A write takes a lock file (created exclusively, so only one process holds it), checks the version,
 * writes a temporary file and renames it over the ledger: readers see the old file or the new one,
 * never half of one, and two processes cannot both win.
 */
export class FileLedgerStore implements LedgerStore {
  readonly where: string;
  readonly #path: string;

  constructor(path: string) {
    this.#path = path;
    this.where = path;
  }

  async read(): Promise<LedgerSnapshot> {
    const text = await this.#text();
    return { ledger: parseLedger(text, this.#path), version: text === undefined ? null : versionOf(text) };
  }

  async write(ledger: Ledger, expected: string | null): Promise<string | null> {
    await mkdir(dirname(this.#path), { recursive: true });
    const release = await this.#lock();
    try {
      const current = await this.#text();
      if ((current === undefined ? null : versionOf(current)) !== expected) return null;
      const text = serializeLedger(ledger);
      const temporary = `${this.#path}.${process.pid}.${randomUUID()}.tmp`;
      await writeFile(temporary, text, { flush: true });
      await rename(temporary, this.#path);
      return versionOf(text);
    } finally {
      await release();
    }
  }

  async #text(): Promise<string | undefined> {
    try {
      return await readFile(this.#path, 'utf8');
    } catch (error) {
      if ((error as { code?: string }).code === 'ENOENT') return undefined;
      throw unreadableLedger(this.#path, error);
    }
  }

  async #lock(): Promise<() => Promise<void>> {
    const lockPath = `${this.#path}.lock`;
    const started = performance.now();
    let filesystemNow: (() => number) | undefined;
    for (let wait = 2; ; wait = Math.min(wait * 2, 50)) {
      try {
        const handle = await open(lockPath, 'wx');
        await handle.close();
        return () => rm(lockPath, { force: true });
      } catch (error) {
        if ((error as { code?: string }).code !== 'EEXIST')
          throw new LedgerError(`cannot lock the ledger ${this.#path}: ${(error as Error).message}`);
      }
      filesystemNow ??= await filesystemClock(lockPath);
      const now = filesystemNow();
      const age = await stat(lockPath).then(
        (s) => now - s.mtimeMs,
        () => 0,
      );
      if (age > staleLockMs) await rm(lockPath, { force: true });
      else if (performance.now() - started > lockWaitMs)
        throw new LedgerError(
          `the ledger ${this.#path} stayed locked by another run (${lockPath}). If no run is going on, delete that file.`,
        );
      else await delay(wait);
    }
  }
}

/**
 * The clock that stamps files where the lock lives, which can differ from the process's (a network
 * file system, or a test's moved clock): a lock's age is measured on it. Read once from a file
 * written next to the lock, then advanced by the monotonic clock.
 */
async function filesystemClock(lockPath: string): Promise<() => number> {
  const probe = `${lockPath}.${randomUUID()}`;
  try {
    await writeFile(probe, '');
    const stamped = (await stat(probe)).mtimeMs;
    const at = performance.now();
    return () => stamped + (performance.now() - at);
  } catch {
    return Date.now;
  } finally {
    await rm(probe, { force: true });
  }
}

function versionOf(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}
