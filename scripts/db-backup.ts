// `npm run db:backup [-- <file or folder>]`: a consistent copy of DATABASE_PATH while the server
// runs (SQLite's online backup API). Default: backups/academy-<UTC time>.db. See the README's
// "Backups" section for restoring and moving to a new server.
import path from "node:path";
import { getConfig } from "~/config.server";
import { backupDatabase, backupFileName } from "~/db/backup.server";
import { clockNow } from "~/utils/clock.server";

if (getConfig().databaseUrl) {
  // PostgreSQL keeps its own backups (pg_dump, or the managed service's snapshots): README, Backups.
  console.error("DATABASE_URL is set: this installation runs on PostgreSQL. Back it up with pg_dump (see the README's Backups section).");
  process.exit(1);
}
const target = process.argv[2] ?? "backups";
const destination = target.endsWith(".db") ? path.resolve(target) : path.resolve(target, backupFileName(clockNow()));
try {
  const { file, bytes } = await backupDatabase(getConfig().databasePath, destination);
  console.log(`Backed up ${getConfig().databasePath} to ${file} (${(bytes / 1_048_576).toFixed(1)} MB)`);
} catch (error) {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
}
