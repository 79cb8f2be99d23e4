import { createHash } from "node:crypto";
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

export function chromiumPath() {
  return process.env.CHROMIUM_PATH || "/usr/bin/chromium";
}
