import { maskCommands, redact, secretsIn } from '../src/lib/publishing/mask.ts';

/**
 * Puts every line Herald prints through the secret filter: in GitHub Actions it first registers each
 * secret with the runner (::add-mask::), then, everywhere, replaces secrets in stdout and stderr.
 * Called once by scripts/herald.ts before any command runs.
 */
export function maskOutput(env: Record<string, string | undefined>): void {
  const secrets = secretsIn(env);
  if (secrets.length === 0) return;
  if (env['GITHUB_ACTIONS'] === 'true') process.stdout.write(maskCommands(secrets).join('\n') + '\n');
  for (const stream of [process.stdout, process.stderr]) {
    const write = stream.write.bind(stream) as (chunk: string | Uint8Array, ...rest: unknown[]) => boolean;
    stream.write = ((chunk: string | Uint8Array, ...rest: unknown[]) => {
      const text = typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8');
      return write(redact(text, secrets), ...rest);
    }) as typeof stream.write;
  }
}
