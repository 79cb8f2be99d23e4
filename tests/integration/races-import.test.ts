// An import applied twice at once is applied whole once; one that fails halfway leaves nothing;
// one whose later rows change while it runs keeps its earlier batches and stops.
// The applies really run at once (on PostgreSQL on distinct pooled connections, see race.ts).
import { and, eq, inArray, sql } from "drizzle-orm";
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { getDb } from "~/db/client.server";
import { isPostgres } from "~/db/dialect";
import { auditEvents, outboxMessages, passwordTokens, users } from "~/db/schema";
import { applyImport, IMPORT_BATCH, planImport } from "~/people/import.server";
import * as importRoute from "~/routes/hr.import";
import { createTestUser, makeRequest, routeArgs, sessionCookie, unwrap } from "../setup/factories";
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

describe("an import whose later rows change while it runs", () => {
  it("keeps the batches written before the change, stops there, and the same file then imports the rest", async () => {
    const { emails, text } = csv("c", 250);
    const plan = await planImport(hr, text);
    expect(plan.counts.create).toBe(250);
    const input = { text, hash: plan.hash, digest: plan.digest };
    // After the first batch someone else creates the person on line 152 (emails[150]).
    const result = await applyImport(hr, input, undefined, {
      batchSize: 100,
      restMs: 0,
      afterBatch: async (part) => {
        if (part === 1) await createTestUser({ email: emails[150]!, displayName: "Changed Meanwhile" });
      },
    });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.reason).toBe("changed");
    expect(result.applied).toMatchObject({ counts: { create: 100, update: 0 }, stoppedAtLine: 102 });
    expect(result.applied!.links.map((l) => l.email)).toEqual(emails.slice(0, 100));
    // The fresh preview: the written rows are unchanged now, the changed one an update.
    expect(result.plan.counts).toMatchObject({ unchanged: 100, update: 1, create: 149, error: 0 });

    const mid = await state(emails);
    expect(mid.rows).toHaveLength(101);
    expect(mid.tokens).toHaveLength(100);
    expect(mid.invitations.map((m) => m.toEmail).sort()).toEqual(emails.slice(0, 100).sort());
    const ofThisFile = (audits: (typeof mid)["audits"]) => audits.filter((a) => a.subjectId === plan.hash.slice(0, 16));
    expect(ofThisFile(mid.audits).map((a) => a.details)).toEqual([
      expect.objectContaining({ created: 100, part: 1, parts: 3, firstLine: 2, lastLine: 101 }),
    ]);

    const again = await planImport(hr, text);
    const finished = await applyImport(hr, { text, hash: again.hash, digest: again.digest }, undefined, { batchSize: 100, restMs: 0 });
    expect(finished).toMatchObject({ ok: true, counts: { create: 149, update: 1, unchanged: 100 } });
    const after = await state(emails);
    expect(after.rows).toHaveLength(250);
    expect(after.tokens).toHaveLength(249);
    expect(after.invitations).toHaveLength(249);
    expect(ofThisFile(after.audits)).toHaveLength(3);
  });

  it("keeps and returns what was written when a later batch fails in the database", async () => {
    const { emails, text } = csv("e", 250);
    const plan = await planImport(hr, text);
    const errors: unknown[] = [];
    const logError = console.error;
    console.error = (...args: unknown[]) => void errors.push(args.join(" "));
    const result = await applyImport(hr, { text, hash: plan.hash, digest: plan.digest }, undefined, {
      batchSize: 100,
      restMs: 0,
      // From the second batch on, its audit record (its last write) is refused.
      afterBatch: async (part) => {
        if (part === 1) await exec(FAIL_TRIGGER);
      },
    }).finally(() => {
      console.error = logError;
    });
    expect(result).toMatchObject({ ok: false, reason: "failed", applied: { counts: { create: 100, update: 0 }, stoppedAtLine: 102 } });
    if (result.ok) return;
    expect(result.applied!.links.map((l) => l.email)).toEqual(emails.slice(0, 100));
    expect(result.plan.counts).toMatchObject({ unchanged: 100, create: 150, error: 0 });
    expect(errors.join("\n")).toContain("import stopped at line 102 of 250 rows: ");
    const after = await state(emails);
    expect(after.rows).toHaveLength(100);
    expect(after.tokens).toHaveLength(100);
    expect(after.invitations).toHaveLength(100);
  });

  it("answers the page with what was written and a preview of the rest", async () => {
    const { emails, text } = csv("d", IMPORT_BATCH + 50);
    const sneak = emails[IMPORT_BATCH + 20]!;
    // The first batch's audit record (its last write) creates that person in the same transaction.
    await exec(
      isPostgres
        ? [
            sql.raw(
              `create function race_sneak_in() returns trigger language plpgsql as $$ begin insert into users (id, email, display_name, role, active, created_at, updated_at) values ('sneak-d', '${sneak}', 'Changed Meanwhile', 'staff', true, 0, 0) on conflict do nothing; return new; end $$`,
            ),
            sql`create trigger race_sneak_in after insert on audit_events for each row when (new.action = 'import.apply') execute function race_sneak_in()`,
          ]
        : [
            sql.raw(
              `create trigger race_sneak_in after insert on audit_events when new.action = 'import.apply' begin insert or ignore into users (id, email, display_name, role, active, created_at, updated_at) values ('sneak-d', '${sneak}', 'Changed Meanwhile', 'staff', 1, 0, 0); end`,
            ),
          ],
    );
    try {
      const cookie = await sessionCookie(hr.id);
      const plan = await planImport(hr, text);
      const request = makeRequest("/hr/import", { cookie, form: { intent: "apply", csv: text, hash: plan.hash, digest: plan.digest } });
      const answer = unwrap(await importRoute.action(routeArgs(request) as never));
      expect(answer.status).toBe(409);
      const data = answer.data as {
        kind: string;
        applied: { counts: { create: number }; links: unknown[]; stoppedAtLine: number };
        preview: { counts: Record<string, number>; apply: unknown };
      };
      expect(data.kind).toBe("partly");
      expect(data.applied).toMatchObject({ counts: { create: IMPORT_BATCH, update: 0 }, stoppedAtLine: IMPORT_BATCH + 2 });
      expect(data.applied.links).toHaveLength(IMPORT_BATCH);
      expect(data.preview.counts).toMatchObject({ unchanged: IMPORT_BATCH, update: 1, create: 49, error: 0 });
      expect(data.preview.apply).not.toBeNull();
    } finally {
      await exec(
        isPostgres
          ? [sql`drop trigger if exists race_sneak_in on audit_events`, sql`drop function if exists race_sneak_in()`]
          : [sql`drop trigger if exists race_sneak_in`],
      );
    }
  });
});
