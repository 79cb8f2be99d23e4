import os from "node:os";
import path from "node:path";

export const ROOT = path.resolve(import.meta.dirname, "../..");
export const E2E_TEMPLATE_DB = path.join(os.tmpdir(), "academy-e2e-template.db");
export const ARTIFACTS = path.join(ROOT, "tests/e2e/.artifacts");
export const FIXTURE_CONTENT = path.join(ROOT, "tests/fixtures/content");
export const SHIPPED_CONTENT = path.join(ROOT, "content");

export function chromiumPath() {
  return process.env.CHROMIUM_PATH || "/usr/bin/chromium";
}
