// server/uploads.js without a server: which bodies need a session, the caps on uploads in flight,
// and the body stream that stops at the limit. tests/e2e/upload-gate.e2e.ts checks the same on a
// running server.
import { PassThrough } from "node:stream";
import type { IncomingMessage } from "node:http";
import { describe, expect, it } from "vitest";
import { BodyTooLargeError, createUploadSlots, declaredLength, limitedBodyStream, mayBeLarge } from "../../server/uploads.js";

const FORM = 64 * 1024;

async function readAll(stream: ReadableStream<ArrayBufferView>) {
  let size = 0;
  const reader = stream.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) return size;
    size += value.byteLength;
  }
}

function fakeRequest(chunks: Buffer[]) {
  const req = new PassThrough();
  queueMicrotask(() => {
    for (const c of chunks) req.write(c);
    req.end();
  });
  return req as unknown as IncomingMessage;
}

describe("which bodies need a session first", () => {
  it("a declared length over a small form, a chunked body, or a nonsense length", () => {
    expect(mayBeLarge({ "content-length": String(FORM) }, FORM)).toBe(false);
    expect(mayBeLarge({ "content-length": String(FORM + 1) }, FORM)).toBe(true);
    expect(mayBeLarge({ "transfer-encoding": "chunked" }, FORM)).toBe(true);
    expect(mayBeLarge({ "content-length": "lots" }, FORM)).toBe(true);
    expect(mayBeLarge({}, FORM)).toBe(false);
    expect(declaredLength({ "content-length": "12" })).toBe(12);
    expect(declaredLength({ "content-length": "-1" })).toBeNull();
    expect(declaredLength({})).toBeNull();
  });
});

describe("uploads in flight", () => {
  it("caps per person and overall, and frees a slot once", () => {
    const slots = createUploadSlots({ perUser: 2, total: 3 });
    const a1 = slots.take("a")!;
    const a2 = slots.take("a")!;
    expect(slots.take("a")).toBeNull();
    const b1 = slots.take("b")!;
    expect(slots.take("c")).toBeNull();
    a1();
    a1();
    expect(slots.active()).toBe(2);
    expect(slots.take("c")).not.toBeNull();
    expect(slots.take("a")).toBeNull();
    a2();
    b1();
    expect(slots.active()).toBe(1);
  });
});

describe("the body stream", () => {
  it("passes a body within the limit through whole and marks it complete", async () => {
    const state = { over: false, complete: false };
    const size = await readAll(limitedBodyStream(fakeRequest([Buffer.alloc(1000), Buffer.alloc(500)]), 2000, state));
    expect(size).toBe(1500);
    expect(state).toEqual({ over: false, complete: true });
  });

  it("errors as soon as the limit is passed and says so", async () => {
    const state = { over: false, complete: false };
    const stream = limitedBodyStream(fakeRequest([Buffer.alloc(1500), Buffer.alloc(1500), Buffer.alloc(1500)]), 2000, state);
    await expect(readAll(stream)).rejects.toBeInstanceOf(BodyTooLargeError);
    expect(state.over).toBe(true);
    expect(state.complete).toBe(false);
  });
});
