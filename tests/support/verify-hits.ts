// Another "app server" for tests/integration/verify-limit.test.ts: a separate process with its
// own connection (its own better-sqlite3 handle on the same file, or its own PostgreSQL pool)
// that counts /verify look-ups through the application's code and prints what it was told.
// Usage: tsx tests/support/verify-hits.ts <key> <count> <epoch-ms>
import { hitVerifyLimit } from "~/auth/rate-limit.server";
import { closeDb, prepareDatabase } from "~/db/client.server";

const [key, count, at] = process.argv.slice(2);
await prepareDatabase();
const now = new Date(Number(at));
// Sent together, as a busy server's requests would be.
const results = await Promise.all(Array.from({ length: Number(count) }, () => hitVerifyLimit(key!, now)));
await closeDb();
process.stdout.write(JSON.stringify(results.map((r) => r.ok)));
