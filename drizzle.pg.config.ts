import { defineConfig } from "drizzle-kit";

// The PostgreSQL twin of drizzle.config.ts: same tables (app/db/schema-pg mirrors app/db/schema,
// tests/unit/schema-dialects.test.ts keeps them equal), migrations in their own folder.
export default defineConfig({
  dialect: "postgresql",
  schema: "./app/db/schema-pg/index.ts",
  out: "./drizzle-pg",
  casing: "snake_case",
});
