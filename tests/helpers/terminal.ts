import { spawn } from 'node:child_process';
import { stripVTControlCharacters } from 'node:util';
import { herald } from './cli.ts';

/**
 * The real prompts in a real terminal: `script` gives herald a pseudo-terminal, and the test types
 * into it as a person would, reading the screen between keystrokes.
 */
export class Terminal {
  private screen = '';
  readonly exited: Promise<number>;
  private readonly child;

  /** Runs `herald args...` in `cwd`. */
  constructor(cwd: string, args: string[], env: Record<string, string> = {}) {
    const command = [process.execPath, herald, ...args].map((part) => `'${part.replaceAll("'", "'\\''")}'`).join(' ');
    // A wide terminal, so that no message the test looks for is wrapped.
    this.child = spawn('script', ['-qfec', `stty cols 250 rows 50; ${command}`, '/dev/null'], {
      cwd,
      env: { ...process.env, TERM: 'xterm', ...env },
    });
    this.child.stdout.on('data', (chunk: Buffer) => (this.screen += chunk.toString()));
    this.exited = new Promise((done) => this.child.on('exit', (code) => done(code ?? -1)));
  }

  get text(): string {
    return stripVTControlCharacters(this.screen);
  }

  /** Waits until `pattern` is on screen after what was already read, then types `keys`. */
  private read = 0;
  async answer(pattern: RegExp, keys: string): Promise<void> {
    const deadline = Date.now() + 15_000;
    while (!pattern.test(this.text.slice(this.read))) {
      if (Date.now() > deadline) throw new Error(`never saw ${pattern} on the screen:\n${this.text}`);
      await new Promise((wait) => setTimeout(wait, 20));
    }
    this.read = this.text.length;
    this.child.stdin.write(keys);
  }
}

export const enter = '\r';
export const down = '\x1b[B';
export const clearLine = '\x15';
