/**
 * Keeping secrets out of logs. Herald's credentials arrive as environment variables: GitHub's tokens
 * and each channel's HERALD_<CHANNEL>_<NAME>. In GitHub Actions every value is registered with
 * `::add-mask::` so the runner hides it wherever it appears, and Herald also replaces it in its own
 * output, so a log is clean even where no runner masks it (a terminal, a file, another CI).
 */

/** The variables whose values are secrets, by name. */
const secretVariable =
  /^(?:GITHUB_TOKEN|GH_TOKEN|ACTIONS_RUNTIME_TOKEN|ACTIONS_ID_TOKEN_REQUEST_TOKEN|HERALD_\w+_(?:TOKEN|SECRET|PASSWORD|KEY|URL))$/;

/** Values shorter than this are not secrets worth the name, and masking them would garble every log line. */
const shortest = 4;

export const redacted = '***';

/**
 * Every secret value in `env`, each line of a multi-line value on its own, and URL-encoded forms too
 * (a token can reach a message inside a URL), longest first so no secret is half-replaced by another.
 */
export function secretsIn(env: Record<string, string | undefined>): string[] {
  const values = new Set<string>();
  for (const [name, value] of Object.entries(env)) {
    if (!value || !secretVariable.test(name)) continue;
    // Line by line: a workflow command ends at a line break, and each line is then hidden on its own.
    for (const part of value.split(/\r?\n/).map((v) => v.trim())) {
      if (part.length < shortest) continue;
      values.add(part);
      values.add(encodeURIComponent(part));
    }
  }
  return [...values].sort((a, b) => b.length - a.length || a.localeCompare(b));
}

/** The workflow commands that make the Actions runner hide each secret. */
export function maskCommands(secrets: string[]): string[] {
  return secrets.map((secret) => `::add-mask::${secret}`);
}

/** `text` with every secret replaced by ***. */
export function redact(text: string, secrets: string[]): string {
  let out = text;
  for (const secret of secrets) if (out.includes(secret)) out = out.replaceAll(secret, redacted);
  return out;
}
