// Bodies larger than a small form: who may send one, how many may arrive at once, and the body
// handed to Remix as a stream with the route's limit enforced while it arrives. Nothing of such
// a body is read before the Origin and the session are checked (docs/decisions/0021-bodies-sso-proxies.md).
// Plain JavaScript (server.js runs without a build step); tested in tests/e2e/upload-gate.e2e.ts.

/** Uploads one person may have in flight at once (a hand-in and an import, say). */
export const UPLOADS_PER_USER = 2;
/** Uploads in flight for the whole server: each may hold up to a 10 MB part while it is checked. */
export const UPLOADS_TOTAL = 8;
/** What a refused client is told to wait before trying again, in seconds. */
export const UPLOAD_RETRY_AFTER = 10;

/**
 * Whether a body may be larger than a small form: it declares more than `formLimit` bytes, or
 * it declares no length at all (chunked), so its size is only known once it has arrived.
 */
export function mayBeLarge(headers, formLimit) {
  const declared = headers["content-length"];
  if (declared === undefined) return headers["transfer-encoding"] !== undefined;
  const n = Number(declared);
  return !Number.isFinite(n) || n > formLimit;
}

/** The declared length, when there is a sensible one. */
export function declaredLength(headers) {
  const n = Number(headers["content-length"] ?? NaN);
  return Number.isFinite(n) && n >= 0 ? n : null;
}

/**
 * Counts uploads in flight per person and in total. `take` returns a release function, or null
 * when either cap is reached (the caller answers 429 with Retry-After).
 */
export function createUploadSlots({ perUser = UPLOADS_PER_USER, total = UPLOADS_TOTAL } = {}) {
  const byUser = new Map();
  let active = 0;
  return {
    take(userId) {
      const mine = byUser.get(userId) ?? 0;
      if (active >= total || mine >= perUser) return null;
      active++;
      byUser.set(userId, mine + 1);
      let released = false;
      return () => {
        if (released) return;
        released = true;
        active--;
        const left = (byUser.get(userId) ?? 1) - 1;
        if (left > 0) byUser.set(userId, left);
        else byUser.delete(userId);
      };
    },
    active: () => active,
  };
}

/** After a refusal, at most this much of the rest of a body is read (and dropped)... */
export const DRAIN_MAX_BYTES = 4 * 1024 * 1024;
/** ...within this long; then the connection is cut. */
export const DRAIN_MS = 2_000;

/**
 * After an answer given without reading the body: what the client is still sending is read and
 * dropped, never kept, so the answer is not lost to a TCP reset (closing a socket with unread
 * data resets it, and nginx then answers 502 instead of our 401 or 413). A client that keeps
 * sending past DRAIN_MAX_BYTES or DRAIN_MS has its connection cut.
 */
export function discardRest(req, { maxBytes = DRAIN_MAX_BYTES, ms = DRAIN_MS } = {}) {
  if (req.complete) return;
  let seen = 0;
  const cut = () => req.socket?.destroy();
  const timer = setTimeout(cut, ms);
  timer.unref();
  req.on("data", (chunk) => {
    seen += chunk.length;
    if (seen > maxBytes) {
      clearTimeout(timer);
      cut();
    }
  });
  req.on("end", () => clearTimeout(timer));
  req.on("close", () => clearTimeout(timer));
  req.resume();
}

export class BodyTooLargeError extends Error {
  constructor(limit) {
    super(`request body over ${limit} bytes`);
    this.name = "BodyTooLargeError";
  }
}

/**
 * The request body as a web ReadableStream that reads from the socket only as fast as Remix
 * consumes it (a few 64 KB chunks queued at most) and errors as soon as more than `limit` bytes
 * have arrived; `state.over` then tells server.js to answer 413 whatever the route made of it.
 */
export function limitedBodyStream(req, limit, state) {
  let size = 0;
  let done = false;
  const finish = (fn) => {
    if (done) return;
    done = true;
    fn();
  };
  return new ReadableStream(
    {
      start(controller) {
        req.pause();
        req.on("data", (chunk) => {
          if (done) return;
          size += chunk.length;
          if (size > limit) {
            state.over = true;
            req.pause();
            finish(() => controller.error(new BodyTooLargeError(limit)));
            return;
          }
          controller.enqueue(new Uint8Array(chunk.buffer, chunk.byteOffset, chunk.byteLength));
          if ((controller.desiredSize ?? 0) <= 0) req.pause();
        });
        req.on("end", () => {
          state.complete = true;
          finish(() => controller.close());
        });
        req.on("error", (error) => finish(() => controller.error(error)));
        req.on("aborted", () => finish(() => controller.error(new Error("request aborted"))));
      },
      pull() {
        if (!done) req.resume();
      },
      cancel() {
        done = true;
      },
    },
    new ByteLengthQueuingStrategy({ highWaterMark: 256 * 1024 }),
  );
}
