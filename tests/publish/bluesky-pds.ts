import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AtpAgent } from '@atproto/api';
import type { TestNetworkNoAppView } from '@atproto/dev-env';

/**
 * A real Bluesky PDS in this process (@atproto/dev-env). It writes its data under os.tmpdir() and
 * never removes it, so TMPDIR points at a fresh folder for its lifetime. One per test file: it takes
 * seconds to import and hundreds of MB to run.
 */
export interface Pds {
  url: string;
  /** Creates an account (handles end in .test) and returns an agent logged in as it. */
  account(handle: string, password: string): Promise<AtpAgent>;
  close(): Promise<void>;
}

export async function startPds(): Promise<Pds> {
  const previous = process.env['TMPDIR'];
  const dir = await mkdtemp(join(tmpdir(), 'herald-pds-'));
  process.env['TMPDIR'] = dir;
  const { TestNetworkNoAppView } = await import('@atproto/dev-env');
  const network: TestNetworkNoAppView = await TestNetworkNoAppView.create({});
  return {
    url: network.pds.url,
    async account(handle, password) {
      const agent = new AtpAgent({ service: network.pds.url });
      await agent.createAccount({ email: `${handle.split('.')[0]}@example.com`, handle, password });
      return agent;
    },
    async close() {
      await network.close();
      if (previous === undefined) delete process.env['TMPDIR'];
      else process.env['TMPDIR'] = previous;
      await rm(dir, { recursive: true, force: true });
    },
  };
}
