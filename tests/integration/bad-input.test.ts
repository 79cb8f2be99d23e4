// "Nothing a user can type into a form produces a 500": every route's loader and action gets
// malformed query strings, forms and URL parameters, as an admin (who passes every role check)
// and as staff, and must answer with a 2xx-4xx response, never a crash.
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { createTestUser, makeRequest, run, sessionCookie, unwrap } from "../setup/factories";
import { ROOT } from "../setup/paths";

const routeFiles = fs.readdirSync(path.join(ROOT, "app/routes")).filter((f) => /\.tsx?$/.test(f) && !f.includes(".test."));

const NASTY = [
  "",
  " ",
  "x".repeat(20_000),
  "'; drop table users; --",
  "<script>alert(1)</script>",
  '=HYPERLINK("http://evil")',
  "../../etc/passwd",
  "\u0000\u0001",
  "🙂 Nguyễn Thị Ánh",
  "-1",
  "99999999999999999999",
  "2026-02-30",
  "null",
];

function paramsFor(file: string, value: string) {
  const params: Record<string, string> = {};
  for (const m of file.matchAll(/\$(\w+)/g)) params[m[1]!] = value;
  if (file.includes("$.")) params["*"] = value;
  return params;
}

function urlFor(file: string, value: string) {
  const base = file
    .replace(/\.tsx?$/, "")
    .replace(/\[\.\]/g, ".")
    .replace(/_index$/, "")
    .replace(/\./g, "/")
    .replace(/\$\w*/g, encodeURIComponent(value) || "x");
  return `/${base}`.replace(/\/$/, "") || "/";
}

function formWith(value: string) {
  const fields = [
    "intent",
    "email",
    "password",
    "confirmPassword",
    "currentPassword",
    "displayName",
    "name",
    "staffNumber",
    "role",
    "orgUnitId",
    "locale",
    "redirectTo",
    "moduleSlug",
    "dueDate",
    "reason",
    "code",
    "q",
    "parentId",
    "targetType",
    "target",
    "csv",
    "content",
    "hash",
    "from",
    "to",
    "status",
    "page",
    "sort",
  ];
  return Object.fromEntries(fields.map((f) => [f, value]));
}

function assertNoCrash(label: string, outcome: { thrown: boolean; value: unknown }) {
  if (outcome.thrown && !(outcome.value instanceof Response)) {
    throw new Error(`${label} crashed: ${(outcome.value as Error)?.stack ?? String(outcome.value)}`);
  }
  const status = unwrap(outcome.value).status;
  expect(status, label).toBeLessThan(500);
}

describe("bad input never produces a 500", () => {
  it.each(["admin", "staff"] as const)(
    "as %s",
    async (role) => {
      const user = await createTestUser({ role });
      const cookie = await sessionCookie(user.id);
      for (const file of routeFiles) {
        const mod = (await import(/* @vite-ignore */ path.join(ROOT, "app/routes", file))) as {
          loader?: (args: unknown) => unknown;
          action?: (args: unknown) => unknown;
        };
        for (const value of NASTY) {
          const params = paramsFor(file, value);
          const url = `${urlFor(file, value)}?${new URLSearchParams(formWith(value))}`;
          if (mod.loader) {
            const request = makeRequest(url, { cookie });
            assertNoCrash(
              `GET ${file} [${value.slice(0, 20)}]`,
              await run(() => mod.loader!({ request, params, context: { clientIp: "10.9.9.9" } })),
            );
          }
          if (mod.action) {
            const request = makeRequest(urlFor(file, value), { cookie, form: formWith(value) });
            assertNoCrash(
              `POST ${file} [${value.slice(0, 20)}]`,
              await run(() => mod.action!({ request, params, context: { clientIp: "10.9.9.9" } })),
            );
            const empty = makeRequest(urlFor(file, value), { cookie, form: {} });
            assertNoCrash(`POST ${file} (empty form)`, await run(() => mod.action!({ request: empty, params, context: { clientIp: "10.9.9.9" } })));
          }
        }
      }
    },
    240_000,
  );
});
