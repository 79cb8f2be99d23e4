// Applies the migrations to the configured database: drizzle-pg/ to DATABASE_URL when it is a
// PostgreSQL URL, otherwise drizzle/ to DATABASE_PATH (default data/academy.db).
import { getConfig } from "~/config.server";
import { closeDb, prepareDatabase } from "~/db/client.server";
import { isPostgres } from "~/db/dialect";

await prepareDatabase();
await closeDb();
const config = getConfig();
console.log(`Database is up to date: ${isPostgres ? new URL(config.databaseUrl!).pathname.slice(1) + " (PostgreSQL)" : config.databasePath}`);
