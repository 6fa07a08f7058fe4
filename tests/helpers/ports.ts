import { createServer, type AddressInfo } from 'node:net';

/**
 * A localhost port that nothing listens on: one the system just gave out and took back. For a server
 * a test starts on it, or for a test of what happens when nothing answers there.
 */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.on('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as AddressInfo;
      probe.close(() => resolve(port));
    });
  });
}
