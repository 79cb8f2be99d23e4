import tseslint from "typescript-eslint";
import reactHooks from "eslint-plugin-react-hooks";

export default tseslint.config(
  { ignores: ["build/**", "public/build/**", "node_modules/**", ".cache/**", "tests/e2e/.artifacts/**", "tests/bench/.out/**"] },
  ...tseslint.configs.recommended,
  {
    plugins: { "react-hooks": reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
      "@typescript-eslint/consistent-type-imports": ["error", { fixStyle: "inline-type-imports" }],
    },
  },
  {
    // Loaded on first use, so the server starts fast (app/utils/lazy-libraries.server.ts, ADR 0018).
    // zod's values come from app/utils/zod.ts, which sets it up for the browser's CSP first.
    files: ["app/**/*.{ts,tsx}"],
    ignores: ["app/utils/lazy-libraries.server.ts", "app/utils/zod.ts"],
    rules: {
      "@typescript-eslint/no-restricted-imports": [
        "error",
        {
          paths: ["exceljs", "docx", "pdf-lib", "@pdf-lib/fontkit", "mdx-bundler", "remark-gfm", "sharp"]
            .map((name) => ({
              name,
              message: "Load it with app/utils/lazy-libraries.server.ts: a static import loads it at server start-up.",
              allowTypeImports: true,
            }))
            .concat([
              { name: "zod", message: "Import z from ~/utils/zod: it turns off zod's eval probe in the browser (CSP).", allowTypeImports: true },
            ]),
        },
      ],
    },
  },
  {
    // Both databases, one application (docs/decisions/0026): every query is awaited, and only the
    // query API SQLite and PostgreSQL share is used outside app/db.
    files: ["app/**/*.{ts,tsx}", "tests/**/*.ts", "scripts/**/*.ts"],
    // The e2e and bench harnesses seed the database a started server uses, from outside it.
    // So do the tools and tests that are about the dialects themselves.
    ignores: [
      "app/db/**",
      "tests/setup/global-db.ts",
      "tests/setup/pg-*.ts",
      "tests/e2e/**",
      "tests/bench/**",
      "scripts/test-pg.ts",
      "scripts/db-copy.ts",
      "tests/integration/db-copy.test.ts",
      "tests/unit/schema-dialects.test.ts",
      "tests/unit/migrations-current.test.ts",
      "tests/unit/pg-cluster.test.ts",
      "tests/unit/statement-cache.test.ts",
    ],
    rules: {
      "no-restricted-syntax": [
        "error",
        {
          selector: "CallExpression[arguments.length=0] > MemberExpression.callee[property.name=/^(get|all|run|sync)$/]",
          message: "SQLite-only: await the query (`const [row] = await db.select()...`); see app/db/sql.server.ts for hand-written SQL.",
        },
        {
          selector: "MemberExpression[property.name='$client']",
          message: "The driver's client is app/db's business (sqliteClient(), pgPool()).",
        },
        {
          selector: "CallExpression > MemberExpression.callee[property.name='transaction']",
          message: "Use writeTransaction / readTransaction from ~/db/transaction.server.",
        },
      ],
      "no-restricted-imports": [
        "error",
        {
          paths: [{ name: "drizzle-orm/sqlite-core", message: "Dialect-specific: tables come from ~/db/schema, helpers from ~/db/*." }],
          patterns: [
            {
              group: [
                "~/db/schema/sqlite",
                "~/db/schema-pg",
                "drizzle-orm/pg-core",
                "drizzle-orm/better-sqlite3",
                "drizzle-orm/node-postgres",
                "better-sqlite3",
                "pg",
              ],
              message: "Dialect-specific: only app/db opens databases.",
            },
          ],
        },
      ],
    },
  },
  {
    // An un-awaited data function is a silent bug (a Promise is truthy, a missed write is lost).
    files: ["app/**/*.{ts,tsx}", "tests/**/*.ts", "scripts/**/*.ts"],
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: {
      "@typescript-eslint/no-floating-promises": "error",
      "@typescript-eslint/no-misused-promises": ["error", { checksVoidReturn: false }],
      "@typescript-eslint/await-thenable": "error",
    },
  },
  {
    files: ["**/*.js"],
    languageOptions: {
      globals: { process: "readonly", console: "readonly", performance: "readonly", setTimeout: "readonly", clearTimeout: "readonly" },
    },
  },
);
