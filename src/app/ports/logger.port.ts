/**
 * Structured logging (pino satisfies it). Log ids, codes and counts; never the text of a note,
 * an answer or a concern (see docs/privacy.md).
 */
export interface Logger {
  debug(obj: object, msg?: string): void;
  info(obj: object, msg?: string): void;
  warn(obj: object, msg?: string): void;
  error(obj: object, msg?: string): void;
}

export const silentLogger: Logger = { debug() {}, info() {}, warn() {}, error() {} };
