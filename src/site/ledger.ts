import { readFile } from 'node:fs/promises';
import { parseLedger, unreadableLedger } from '../lib/ledger/format.ts';
import type { Ledger } from '../schemas/ledger.ts';

/**
 * The ledger file the site shows statuses from, read as the publisher's file store reads it: an
 * absent file is an empty ledger, a broken one a LedgerError saying where and what to do. The site
 * only reads, so it needs neither the store's lock nor its version.
 */
export async function readLedgerFile(file: string): Promise<Ledger> {
  let text: string | undefined;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    if ((error as { code?: string }).code !== 'ENOENT') throw unreadableLedger(file, error);
  }
  return parseLedger(text, file);
}
