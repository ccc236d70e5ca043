import type { IncomingMessage, ServerResponse } from 'node:http';
import { Readable } from 'node:stream';
import type { NodeMiddleware } from './fixed-headers.js';

type BodyRequest = IncomingMessage & { body?: unknown };

/**
 * Reads a JSON request body with the result body-parser's `json()` (`parseJson`, configured with the
 * same `limit` in bytes) gives, in fewer steps, for the requests the ingestion route takes
 * (`application/json` in UTF-8, no Content-Encoding): the body's bytes are collected as they
 * arrive, decoded once (a leading BOM dropped, as body-parser's decoder does) and parsed with one
 * `JSON.parse`. Everything but the plain success is body-parser's own doing, so errors keep their
 * statuses and messages exactly:
 * - a request without a Content-Length (chunked), or with one over `limit` (→ 413) or of 0, is
 *   handed to `parseJson` untouched;
 * - a body that is not a JSON object or array (body-parser's strict mode), malformed JSON, or a
 *   request aborted while its body arrives, is replayed through `parseJson` from the bytes read
 *   (→ its 400 and message).
 * On success `req.body` is the parsed value and `next()` is called, as body-parser does.
 */
export function jsonBodyReader(parseJson: NodeMiddleware, limit: number): NodeMiddleware {
  return (request, res, next) => {
    const req = request as BodyRequest;
    const header = req.headers['content-length'];
    const length = header !== undefined && req.headers['transfer-encoding'] === undefined ? +header : NaN;
    if (!(length > 0 && length <= limit)) return parseJson(req, res, next);
    const chunks: Buffer[] = [];
    let received = 0;
    const onData = (chunk: Buffer) => {
      chunks.push(chunk);
      received += chunk.length;
    };
    const settle = (aborted: boolean) => {
      req.off('data', onData).off('end', onEnd).off('aborted', onAborted);
      const bytes = chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks, received);
      if (aborted) return replay(parseJson, req, res, next, bytes, true);
      let text = bytes.toString('utf8');
      if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
      const first = text.charCodeAt(0);
      // `{` or `[` first: anything else (whitespace, a scalar, nothing) is left to body-parser.
      if (first !== 0x7b && first !== 0x5b) return replay(parseJson, req, res, next, bytes, false);
      let body: unknown;
      try {
        body = JSON.parse(text);
      } catch {
        return replay(parseJson, req, res, next, bytes, false);
      }
      req.body = body;
      next();
    };
    const onEnd = () => settle(false);
    const onAborted = () => settle(true);
    // A request cut off ends with 'aborted' (and an 'error' that Node drops when nobody listens).
    req.on('data', onData).on('end', onEnd).on('aborted', onAborted);
  };
}

/**
 * Runs `parseJson` on a stand-in for `req` that carries its headers and `bytes` (then ends, or is
 * aborted), so the answer is body-parser's own: its body, or its error.
 */
function replay(
  parseJson: NodeMiddleware,
  req: BodyRequest,
  res: ServerResponse,
  next: (error?: unknown) => void,
  bytes: Buffer,
  aborted: boolean,
): void {
  const stand = Object.assign(new Readable({ read() {} }), { headers: req.headers }) as Readable & {
    headers: IncomingMessage['headers'];
    body?: unknown;
  };
  parseJson(stand as unknown as IncomingMessage, res, (error) => {
    if (!error) req.body = stand.body;
    next(error);
  });
  if (bytes.length > 0) stand.push(bytes);
  if (aborted) stand.emit('aborted');
  else stand.push(null);
}
