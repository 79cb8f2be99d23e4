import { createHash, randomBytes } from "node:crypto";

/** 128-bit random ids, URL-safe. */
export function newId(): string {
  return randomBytes(16).toString("base64url");
}

export function newToken(bytes = 32): string {
  return randomBytes(bytes).toString("base64url");
}

export function sha256(value: string): string {
  return createHash("sha256").update(value).digest("hex");
}
