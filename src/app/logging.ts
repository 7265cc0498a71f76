/*
 * Logging policy shared by every adapter (Teams, jobs, store, server), next to the Logger port:
 * what of an error may reach a log line.
 */

/**
 * An error as it may be logged: its name, code and where it happened, never its message. Messages can
 * carry what a person typed (a note, an answer, a concern), which must never reach a log line; the stack
 * is kept without its first line, which repeats the message.
 */
export function loggableError(err: unknown): { name: string; code?: string; statusCode?: number; at?: string } {
  const e = err as { name?: unknown; code?: unknown; statusCode?: unknown; stack?: unknown } | undefined;
  const frames = typeof e?.stack === 'string' ? e.stack.split('\n').filter((line) => /^\s+at /.test(line)) : [];
  return {
    name: typeof e?.name === 'string' ? e.name : typeof err,
    code: typeof e?.code === 'string' ? e.code : undefined,
    statusCode: typeof e?.statusCode === 'number' ? e.statusCode : undefined,
    at: frames.length ? frames.slice(0, 8).map((f) => f.trim()).join(' | ') : undefined,
  };
}
