/**
 * Expected failures carry their exit code; `main` prints their one-line message and nothing else.
 * Anything else that escapes is a bug, and only then is a stack trace worth showing.
 */
export const EXIT = { ok: 0, failure: 1, usage: 2, interrupted: 130 } as const;

export class UserError extends Error {
  constructor(
    message: string,
    readonly exitCode: number = EXIT.failure,
  ) {
    super(message);
    this.name = 'UserError';
  }
}

/** A bad flag value, an unknown command, a path that does not exist. */
export class UsageError extends UserError {
  constructor(message: string) {
    super(message, EXIT.usage);
    this.name = 'UsageError';
  }
}
