// Imported first by the guessing-model tests that load the app's content: the fixture module
// built to be passed by the second-longest option.
import path from "node:path";
import { ROOT } from "./paths";

process.env.CONTENT_DIR = path.join(ROOT, "tests/fixtures/guessing");
