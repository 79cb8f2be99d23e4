import os from "node:os";
import path from "node:path";

export const ROOT = path.resolve(import.meta.dirname, "../..");
export const TEMPLATE_DB = path.join(os.tmpdir(), "academy-test-template.db");
export const FIXTURE_CONTENT = path.join(ROOT, "tests/fixtures/content");
export const TEST_CONTENT_CACHE = path.join(os.tmpdir(), "academy-test-content-cache");
