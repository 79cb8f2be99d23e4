import { defineConfig } from "drizzle-kit";

export default defineConfig({
  dialect: "sqlite",
  schema: "./app/db/schema/sqlite.ts",
  out: "./drizzle",
  casing: "snake_case",
});
