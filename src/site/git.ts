import { execFile } from 'node:child_process';
import { promisify } from 'node:util';

const run = promisify(execFile);

/**
 * When a file last changed, from git: the committer date of the last commit that touched it.
 * Undefined when the folder is not a git repository or the file was never committed.
 */
export async function lastCommitDate(dir: string, file: string): Promise<string | undefined> {
  try {
    const { stdout } = await run('git', ['log', '-1', '--format=%cI', '--', file], { cwd: dir });
    return stdout.trim() || undefined;
  } catch {
    return undefined;
  }
}
