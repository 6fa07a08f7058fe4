import { join } from 'node:path';
import { FileLedgerStore } from './file-store.ts';
import { GitHubLedgerStore } from './github-store.ts';
import { LedgerError, localLedgerPath } from '../../lib/ledger/format.ts';
import type { LedgerStore } from './store.ts';

/**
 * The store a run uses: `--ledger github` (the default inside GitHub Actions) keeps it on the
 * herald-ledger branch through the API; `--ledger PATH`, or .herald/ledger.json elsewhere, a JSON
 * file. Either must have been started with `herald ledger init` before anything is published.
 */
export function ledgerStoreFor(
  choice: string | undefined,
  root: string,
  env: Record<string, string | undefined>,
): LedgerStore {
  const kind = choice ?? (env['GITHUB_ACTIONS'] === 'true' ? 'github' : undefined);
  if (kind !== 'github') return new FileLedgerStore(kind ?? join(root, localLedgerPath));
  const token = env['GITHUB_TOKEN'];
  const repository = env['GITHUB_REPOSITORY'];
  if (!token || !repository) {
    throw new LedgerError(
      'the ledger on GitHub needs GITHUB_TOKEN and GITHUB_REPOSITORY (GitHub Actions sets both; pass the token with env: GITHUB_TOKEN: ${{ secrets.GITHUB_TOKEN }})',
    );
  }
  return new GitHubLedgerStore({ token, repository, apiUrl: env['GITHUB_API_URL'] });
}

export { FileLedgerStore, GitHubLedgerStore, LedgerError, type LedgerStore };
export { missingLedger, updateLedger, type LedgerSnapshot } from './store.ts';
export { ledgerKeyFrom, ledgerKeyVariable, missingKeyMessage, SealedLedgerStore } from './seal.ts';
