import type { Next, Request, Response } from 'restify';
import type { Logger } from '../app/ports/logger.port.js';

/** The largest activity accepted (4 MB): far more than Teams sends, little enough that no sender can fill the memory. */
export const MAX_ACTIVITY_BYTES = 4 * 1024 * 1024;

export interface JsonBodyOptions {
  /** Bytes beyond which the body is refused with 413 (and no longer kept). */
  maxBytes: number;
  logger: Logger;
}

/** `application/json` or a `+json` type (RFC 6839), parameters such as charset aside: JSON is UTF-8. */
const isJsonType = (header: string | undefined) => /^application\/(?:[\w.+-]+\+)?json$/.test((header ?? '').split(';')[0]!.trim().toLowerCase());

/**
 * A restify handler that reads a JSON request body into `req.body`, for POST /api/messages: Bot Framework sends
 * activities as plain JSON, so it does none of restify's generic handling (gzip, Content-MD5, forms, multipart).
 * Refusals, answered `{ error }` and logged at warn level with a code (never the body):
 * - 400 when the Content-Type is not JSON, the body is empty or it is not valid JSON;
 * - 415 when the body is compressed (Content-Encoding);
 * - 413 when it is larger than `maxBytes`: at once when Content-Length says so, otherwise as soon as that much
 *   has arrived. What was read is let go.
 * After a refusal the rest of the body is read and dropped, so the client gets the answer and the connection
 * stays usable; once twice `maxBytes` has come in all, the connection is cut instead.
 */
export function jsonBody({ maxBytes, logger }: JsonBodyOptions) {
  return (req: Request, res: Response, next: Next): void => {
    let chunks: Buffer[] = [];
    let received = 0;
    let settled = false;

    const refuse = (status: number, code: string, error: string) => {
      settled = true;
      chunks = [];
      logger.warn({ code, status }, `request refused: ${error}`);
      res.send(status, { error });
      next(false);
    };

    req.on('data', (chunk: Buffer) => {
      received += chunk.length;
      if (settled) {
        if (received > 2 * maxBytes) req.destroy();
        return;
      }
      if (received > maxBytes) refuse(413, 'body-too-large', `The request body is larger than ${maxBytes} bytes.`);
      else chunks.push(chunk);
    });
    req.on('end', () => {
      if (settled) return;
      const text = Buffer.concat(chunks, received).toString('utf8');
      chunks = [];
      if (!text) return refuse(400, 'empty-body', 'The request body is empty: a JSON activity was expected.');
      try {
        req.body = JSON.parse(text);
      } catch {
        return refuse(400, 'malformed-json', 'The request body is not valid JSON.');
      }
      settled = true;
      next();
    });
    // The client went away (or the connection broke) before the whole body came: nothing to answer.
    const abandon = () => {
      if (settled || req.complete) return;
      settled = true;
      chunks = [];
      next(false);
    };
    req.on('close', abandon);
    req.on('error', abandon);

    const encoding = req.header('content-encoding');
    if (!isJsonType(req.header('content-type'))) refuse(400, 'not-json', 'The request body must be JSON (Content-Type: application/json).');
    else if (encoding && encoding.toLowerCase() !== 'identity') refuse(415, 'compressed-body', 'Compressed request bodies (Content-Encoding) are not accepted.');
    else if (Number(req.header('content-length') ?? 0) > maxBytes) refuse(413, 'body-too-large', `The request body is larger than ${maxBytes} bytes.`);
  };
}
