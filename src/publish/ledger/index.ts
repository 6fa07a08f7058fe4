import { join } from 'node:path';
import { FileLedgerStore } from './file-store.ts';
import { GitHubLedgerStore } from './github-store.ts';
import { LedgerError, type LedgerStore } from './store.ts';

/** The local ledger's place, ignored by git (.gitignore has .herald/). */
export const localLedgerPath = '.herald/ledger.json';

/**
 * The store a run uses: `--ledger github` (the default inside GitHub Actions) keeps it on the
 * herald-ledger branch through the API; `--ledger PATH` (a file that must exist) or the default
 * elsewhere (started when missing), a JSON file.
 */
export function ledgerStoreFor(choice: string | undefined, root: string, env: Record<string, string | undefined>): LedgerStore {
  const kind = choice ?? (env['GITHUB_ACTIONS'] === 'true' ? 'github' : undefined);
  if (kind !== 'github') return kind === undefined ? new FileLedgerStore(join(root, localLedgerPath)) : new FileLedgerStore(kind, { mustExist: true });
  const token = env['GITHUB_TOKEN'];
  const repository = env['GITHUB_REPOSITORY'];
  if (!token || !repository) {
    throw new LedgerError('the ledger on GitHub needs GITHUB_TOKEN and GITHUB_REPOSITORY (GitHub Actions sets both; pass the token with env: GITHUB_TOKEN: ${{ secrets.GITHUB_TOKEN }})');
  }
  return new GitHubLedgerStore({ token, repository, apiUrl: env['GITHUB_API_URL'] });
}

export { FileLedgerStore, GitHubLedgerStore, LedgerError, type LedgerStore };
export { updateLedger, type LedgerSnapshot } from './store.ts';
