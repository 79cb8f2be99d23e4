// A second OS process for the cross-process races (tests/integration/races-*.test.ts): it opens
// the same database (DATABASE_PATH / DATABASE_URL from the parent's environment), loads the
// attempt, says "ready", waits for "go" on stdin, then submits the attempt through the app's own
// submitAttempt and prints the result as one JSON line.
// Usage: tsx tests/setup/race-submit-child.ts <userId> <moduleSlug> <attemptId> <nowIso> <formJson>
import readline from "node:readline";
import { getContent } from "~/content/registry.server";
import { closeDb, prepareDatabase } from "~/db/client.server";
import { getOwnAttempt, submitAttempt } from "~/learning/quiz.server";

const [userId, moduleSlug, attemptId, nowIso, formJson] = process.argv.slice(2) as [string, string, string, string, string];
await prepareDatabase();
const mod = (await getContent()).modules.get(moduleSlug);
if (!mod) throw new Error(`no module ${moduleSlug}`);
const attempt = await getOwnAttempt({ id: userId }, attemptId, moduleSlug);
if (!attempt) throw new Error(`no attempt ${attemptId}`);
const form = new FormData();
for (const [k, values] of Object.entries(JSON.parse(formJson) as Record<string, string[]>)) for (const v of values) form.append(k, v);

const lines = readline.createInterface({ input: process.stdin });
const go = new Promise<void>((resolve) => lines.on("line", (l) => l.trim() === "go" && resolve()));
process.stdout.write("ready\n");
await go;
lines.close();
const result = await submitAttempt({ id: userId }, mod, attempt, form, "en", new Date(nowIso));
process.stdout.write(JSON.stringify({ result }) + "\n");
await closeDb();
