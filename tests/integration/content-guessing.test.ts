// `npm run content:check` with the guessing model: the real CLI on a module built so that the
// second-longest option is always right, and the --guessing table.
import "../setup/guessing-env";
import { execFile } from "node:child_process";
import path from "node:path";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";
import * as contentRoute from "~/routes/content._index";
import { createTestUser, makeRequest, routeArgs, sessionCookie } from "../setup/factories";
import { ROOT } from "../setup/paths";

const run = promisify(execFile);
const FIXTURE = path.join(ROOT, "tests/fixtures/guessing");
const TSX = path.join(ROOT, "node_modules/.bin/tsx");

async function contentCheck(...args: string[]) {
  try {
    const { stdout } = await run(TSX, ["scripts/content-check.ts", "--dir", FIXTURE, ...args], { cwd: ROOT });
    return { code: 0, stdout };
  } catch (error) {
    const e = error as { code: number; stdout: string };
    return { code: e.code, stdout: e.stdout };
  }
}

describe("content:check and the guessing model", () => {
  it("--strict fails on the second-longest fixture, naming the rule, the chance and the questions", async () => {
    const { code, stdout } = await contentCheck("--strict");
    expect(code).toBe(1);
    const lines = stdout.split("\n").filter((l) => l.includes("guessing: "));
    expect(lines).toHaveLength(2);
    for (const [line, lang] of [
      [lines[0]!, "English"],
      [lines[1]!, "Indonesian"],
    ]) {
      expect(line).toMatch(/^tests\/fixtures\/guessing\/guessing-course\/01-second-longest\/quiz\.yaml:5: guessing: /);
      expect(line).toContain(`passes the first attempt with a 100.00% chance (${lang}; it must stay under 1.00%)`);
      expect(line).toContain("single choice: the option of length rank 2 (1 = longest)");
      expect(line).toContain("It gets these questions right: single-1, single-2, single-3, single-4, single-5, single-6, single-7, single-8,");
    }
    expect(stdout).toMatch(/2 error\(s\), 0 warning\(s\)/);
  });

  it("without --strict the same finding is a warning and the check passes", async () => {
    const { code, stdout } = await contentCheck();
    expect(code).toBe(0);
    expect(stdout).toMatch(/quiz\.yaml:5: warning: guessing: /);
  });

  it("--guessing prints the table per module and language", async () => {
    const { code, stdout } = await contentCheck("--guessing");
    expect(code).toBe(1);
    expect(stdout).toMatch(
      /FAIL {2}second-longest +en {2}pool {2}10 {2}draw {2}5 {2}pass 80% {2}100\.00% {2}single choice: the option of length rank 2/,
    );
    expect(stdout).toMatch(/FAIL {2}second-longest +id /);
  });

  it("the trainers' content page shows the same figure and rule per module, in the trainer's language", async () => {
    const trainer = await createTestUser({ role: "trainer", locale: "id" });
    const cookie = await sessionCookie(trainer.id);
    const data = (await contentRoute.loader(routeArgs(makeRequest("/content", { cookie })) as never)) as {
      guessThreshold: string;
      courses: { modules: { slug: string; guessing: { lang: string; chance: string; tooHigh: boolean; rule: string }[] | null }[] }[];
    };
    expect(data.guessThreshold).toBe("1.00%");
    const mod = data.courses[0]!.modules.find((m) => m.slug === "second-longest")!;
    expect(mod.guessing).toEqual([
      {
        lang: "en",
        chance: "100.00%",
        tooHigh: true,
        rule: expect.stringContaining("pilihan tunggal: pilihan dengan peringkat panjang ke-2 (1 = terpanjang)"),
      },
      {
        lang: "id",
        chance: "100.00%",
        tooHigh: true,
        rule: expect.stringContaining("pilihan tunggal: pilihan dengan peringkat panjang ke-2 (1 = terpanjang)"),
      },
    ]);
  });
});
