import { createHash } from "node:crypto";
import os from "node:os";
import path from "node:path";

export const ROOT = path.resolve(import.meta.dirname, "../..");
// Two checkouts (a clone and a worktree) testing at once must not share template files.
export const CHECKOUT_TAG = createHash("sha256").update(ROOT).digest("hex").slice(0, 8);
export const TEMPLATE_DB = path.join(os.tmpdir(), `academy-test-template-${CHECKOUT_TAG}.db`);
export const FIXTURE_CONTENT = path.join(ROOT, "tests/fixtures/content");
export const TEST_CONTENT_CACHE = path.join(os.tmpdir(), `academy-test-content-cache-${CHECKOUT_TAG}`);
