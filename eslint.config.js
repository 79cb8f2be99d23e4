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
    files: ["app/**/*.{ts,tsx}"],
    ignores: ["app/utils/lazy-libraries.server.ts"],
    rules: {
      "@typescript-eslint/no-restricted-imports": [
        "error",
        {
          paths: ["exceljs", "docx", "pdf-lib", "@pdf-lib/fontkit", "mdx-bundler", "remark-gfm", "sharp"].map((name) => ({
            name,
            message: "Load it with app/utils/lazy-libraries.server.ts: a static import loads it at server start-up.",
            allowTypeImports: true,
          })),
        },
      ],
    },
  },
  {
    files: ["**/*.js"],
    languageOptions: {
      globals: { process: "readonly", console: "readonly", performance: "readonly", setTimeout: "readonly", clearTimeout: "readonly" },
    },
  },
);
