// `npm run db:backup [-- <file or folder>]`: a consistent copy of DATABASE_PATH while the server
// runs (SQLite's online backup API). Default: backups/academy-<UTC time>.db. See the README's
// "Backups" section for restoring and moving to a new server.
import path from "node:path";
import { getConfig } from "~/config.server";
import { backupDatabase, backupFileName } from "~/db/backup.server";
import { clockNow } from "~/utils/clock.server";

const target = process.argv[2] ?? "backups";
const destination = target.endsWith(".db") ? path.resolve(target) : path.resolve(target, backupFileName(clockNow()));
try {
  const { file, bytes } = await backupDatabase(getConfig().databasePath, destination);
  console.log(`Backed up ${getConfig().databasePath} to ${file} (${(bytes / 1_048_576).toFixed(1)} MB)`);
} catch (error) {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
}
