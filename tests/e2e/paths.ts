import { createHash } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";

export const ROOT = path.resolve(import.meta.dirname, "../..");
// Two checkouts (a clone and a worktree) testing at once must not share template files.
const CHECKOUT_TAG = createHash("sha256").update(ROOT).digest("hex").slice(0, 8);
export const E2E_TEMPLATE_DB = path.join(os.tmpdir(), `academy-e2e-template-${CHECKOUT_TAG}.db`);
export const E2E_CONTENT_CACHE = path.join(os.tmpdir(), `academy-e2e-content-cache-${CHECKOUT_TAG}`);
export const ARTIFACTS = path.join(ROOT, "tests/e2e/.artifacts");
export const FIXTURE_CONTENT = path.join(ROOT, "tests/fixtures/content");
export const SHIPPED_CONTENT = path.join(ROOT, "content");

/** Debian's Chromium; E2E_SYSTEM_CHROMIUM names another place to look (or a missing one, to test the fallback). */
export const SYSTEM_CHROMIUM = process.env.E2E_SYSTEM_CHROMIUM || "/usr/bin/chromium";

/** The browser the e2e tests drive: CHROMIUM_PATH (global-setup.ts sets it when it finds one). */
export function chromiumPath() {
  return process.env.CHROMIUM_PATH || SYSTEM_CHROMIUM;
}

/**
 * Which Chromium to use: CHROMIUM_PATH when set, else the system's, else the one packed in the
 * npm package @sparticuz/chromium (a devDependency), which unpacks itself to the temp folder on
 * first use (a few seconds; later runs reuse it). So `npm test` needs nothing beyond npm.
 */
export async function resolveChromium(): Promise<{ path: string; from: string }> {
  if (process.env.CHROMIUM_PATH) {
    if (!fs.existsSync(process.env.CHROMIUM_PATH)) throw new Error(`CHROMIUM_PATH=${process.env.CHROMIUM_PATH} does not exist.`);
    return { path: process.env.CHROMIUM_PATH, from: "CHROMIUM_PATH" };
  }
  if (fs.existsSync(SYSTEM_CHROMIUM)) return { path: SYSTEM_CHROMIUM, from: "the system" };
  const { default: packed } = await import("@sparticuz/chromium");
  return { path: await packed.executablePath(), from: "@sparticuz/chromium" };
}
