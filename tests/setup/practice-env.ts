// Imported first by the practice tests: their fixture modules (with tasks.yaml) live in their own
// content folder, so other tests' module counts stay as they are.
import path from "node:path";
import { ROOT } from "./paths";

export const PRACTICE_CONTENT = path.join(ROOT, "tests/fixtures/practice-content");
process.env.CONTENT_DIR = PRACTICE_CONTENT;
