// An import applied twice at once is applied whole once; one that fails halfway leaves nothing.
// The applies really run at once (on PostgreSQL on distinct pooled connections, see race.ts).
import { and, eq, inArray, sql } from "drizzle-orm";
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { getDb } from "~/db/client.server";
import { isPostgres } from "~/db/dialect";
import { auditEvents, outboxMessages, passwordTokens, users } from "~/db/schema";
import { applyImport, planImport } from "~/people/import.server";
import { createTestUser } from "../setup/factories";
import { expectDistinctBackends, fulfilled, race } from "../setup/race";

const proof = (ok: boolean, message: string) => expect(ok, message).toBe(true);
let hr: Awaited<ReturnType<typeof createTestUser>>;
beforeAll(async () => {
  hr = await createTestUser({ role: "hr" });
});

function csv(prefix: string, count: number) {
  const emails = Array.from({ length: count }, (_, i) => `${prefix}${i}@race.library.test`);
  const text = [
    "Full Name,E-mail,Staff No,Role",
    ...emails.map((e, i) => `Person ${prefix} ${i},${e},${prefix.toUpperCase()}${1000 + i},staff`),
  ].join("\n");
  return { emails, text };
}

async function state(emails: string[]) {
  const rows = await getDb().select({ id: users.id, email: users.email }).from(users).where(inArray(users.email, emails));
  const ids = rows.map((r) => r.id);
  const tokens = ids.length ? await getDb().select().from(passwordTokens).where(inArray(passwordTokens.userId, ids)) : [];
  const invitations = await getDb()
    .select()
    .from(outboxMessages)
    .where(and(eq(outboxMessages.kind, "invitation"), inArray(outboxMessages.toEmail, emails)));
  const audits = await getDb().select().from(auditEvents).where(eq(auditEvents.action, "import.apply"));
  return { rows, tokens, invitations, audits };
}

// A failure after every row is written: the audit record is the last write of an apply.
const FAIL_TRIGGER = isPostgres
  ? [
      sql`create function race_refuse_import() returns trigger language plpgsql as $$ begin raise exception 'refused by the test'; end $$`,
      sql`create trigger race_refuse_import before insert on audit_events for each row when (new.action = 'import.apply') execute function race_refuse_import()`,
    ]
  : [
      sql`create trigger race_refuse_import before insert on audit_events when new.action = 'import.apply' begin select raise(abort, 'refused by the test'); end`,
    ];
const DROP_TRIGGER = isPostgres
  ? [sql`drop trigger if exists race_refuse_import on audit_events`, sql`drop function if exists race_refuse_import()`]
  : [sql`drop trigger if exists race_refuse_import`];
// Dialect-specific DDL (the statements above) on either database.
async function exec(statements: ReturnType<typeof sql>[]) {
  for (const s of statements)
    await (getDb() as unknown as { execute?: (q: unknown) => Promise<unknown>; run: (q: unknown) => unknown })[isPostgres ? "execute" : "run"]!(s);
}
afterEach(async () => exec(DROP_TRIGGER));

describe("an import applied twice at once", () => {
  it("is applied whole once: exact user count, one audit event, the other refused whole", async () => {
    const { emails, text } = csv("a", 30);
    const plan = await planImport(hr, text);
    expect(plan.ok).toBe(true);
    expect(plan.counts.create).toBe(30);
    const input = { text, hash: plan.hash, digest: plan.digest };
    const outcome = await race([0, 1].map(() => () => applyImport(hr, input)));
    expectDistinctBackends(outcome, proof);
    const results = fulfilled(outcome);
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    // The second apply plans again inside its transaction, after the first committed: its rows
    // now clash with the people just created (staff numbers taken), so it is refused whole.
    const refused = results.filter((r) => !r.ok);
    expect(refused).toHaveLength(1);
    expect(["changed", "invalid"]).toContain(!refused[0]!.ok && refused[0]!.reason);
    const after = await state(emails);
    expect(after.rows.map((r) => r.email).sort()).toEqual([...emails].sort());
    expect(after.tokens).toHaveLength(30);
    expect(after.invitations).toHaveLength(30);
    expect(after.audits).toHaveLength(1);
    expect(after.audits[0]!.details).toMatchObject({ created: 30 });
  });
});

describe("an import that fails halfway", () => {
  it("leaves nothing, even when two applies of it race", async () => {
    const before = await state([]);
    const { emails, text } = csv("b", 25);
    const plan = await planImport(hr, text);
    expect(plan.ok).toBe(true);
    await exec(FAIL_TRIGGER);
    const outcome = await race([0, 1].map(() => () => applyImport(hr, { text, hash: plan.hash, digest: plan.digest })));
    expectDistinctBackends(outcome, proof);
    expect(outcome.results.map((r) => r.status)).toEqual(["rejected", "rejected"]);
    const after = await state(emails);
    expect(after.rows).toEqual([]);
    expect(after.tokens).toEqual([]);
    expect(after.invitations).toEqual([]);
    expect(after.audits).toHaveLength(before.audits.length);

    // Once the failure is gone the same file applies whole.
    await exec(DROP_TRIGGER);
    expect(await applyImport(hr, { text, hash: plan.hash, digest: plan.digest })).toMatchObject({ ok: true });
    expect((await state(emails)).rows).toHaveLength(25);
  });
});
