/**
 * The build cannot go on because of the content, and the message says why and what to do. Astro
 * prints an error's stack trace when it has one (core/messages/runtime.js, formatErrorMessage); this
 * one has none, since it points at the content, not at the code.
 */
export class BuildStop extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'BuildStop';
    this.stack = '';
  }

  /** By name: Astro loads its config in a module runner of its own, where this class is another copy. */
  static is(error: unknown): error is BuildStop {
    return error instanceof Error && error.name === 'BuildStop';
  }
}
