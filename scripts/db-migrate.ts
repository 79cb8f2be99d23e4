// Applies the migrations in drizzle/ to DATABASE_PATH (default data/academy.db).
import { getConfig } from "~/config.server";
import { openDatabase } from "~/db/client.server";

const file = getConfig().databasePath;
openDatabase(file).$client.close();
console.log(`Database is up to date: ${file}`);
