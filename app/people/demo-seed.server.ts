import { sql } from "drizzle-orm";
import type { Db } from "~/db/client.server";
import { orgUnits, users, type Role } from "~/db/schema";
import { hashPassword } from "~/auth/password.server";
import { newId } from "~/utils/ids.server";
import { clockNow } from "~/utils/clock.server";

export const DEMO_PASSWORD = "library-demo";
export const DEMO_ACCOUNTS: { email: string; name: string; role: Role }[] = [
  { email: "admin@demo.library", name: "Dewi Lestari", role: "admin" },
  { email: "hr@demo.library", name: "Bambang Susanto", role: "hr" },
  { email: "trainer@demo.library", name: "Rina Wijaya", role: "trainer" },
  { email: "staff@demo.library", name: "Agus Pratama", role: "staff" },
  // An outside partner who reviews practical work (its organisation and modules: practice/demo-seed.server.ts).
  { email: "mentor@demo.library", name: "Yusuf Hakim", role: "mentor" },
];

const FIRST = [
  "Siti",
  "Budi",
  "Ayu",
  "Rizky",
  "Nur",
  "Made",
  "Putu",
  "Yohana",
  "Fajar",
  "Indah",
  "Hendra",
  "Lina",
  "Eko",
  "Maria",
  "Taufik",
  "Wulan",
  "Andi",
  "Ratna",
  "Joko",
  "Mega",
  "Kevin",
  "Sri",
  "Arief",
  "Citra",
  "Dimas",
  "Nia",
];
const LAST = [
  "Rahmawati",
  "Santoso",
  "Hidayat",
  "Nugroho",
  "Saputra",
  "Wati",
  "Siregar",
  "Gunawan",
  "Kusuma",
  "Harahap",
  "Setiawan",
  "Pertiwi",
  "Simanjuntak",
  "Utami",
];

/** Is the database empty of people? The demo only seeds an empty database. */
export function isEmpty(db: Db) {
  return (db.get<{ n: number }>(sql`select count(*) as n from users`)?.n ?? 0) === 0;
}

/**
 * A library system with three branches and a central office, about 30 staff, and one account
 * per role. Everyone's password is `library-demo`.
 */
export async function seedDemoOrganisation(db: Db, now = clockNow()) {
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  const system = { id: newId(), name: "Kota Harapan Public Library", code: "KHPL", parentId: null, createdAt: now };
  const units = [
    system,
    { id: newId(), name: "Central Library", code: "KHPL-CEN", parentId: system.id, createdAt: now },
    { id: newId(), name: "Riverside Branch", code: "KHPL-RIV", parentId: system.id, createdAt: now },
    { id: newId(), name: "Hillside Branch", code: "KHPL-HIL", parentId: system.id, createdAt: now },
  ];
  const branches = units.slice(1);
  db.transaction(
    (tx) => {
      tx.insert(orgUnits).values(units).run();
      DEMO_ACCOUNTS.forEach((a, i) => {
        tx.insert(users)
          .values({
            id: newId(),
            email: a.email,
            displayName: a.name,
            staffNumber: `D${String(i + 1).padStart(4, "0")}`,
            orgUnitId: branches[0]!.id,
            role: a.role,
            active: true,
            passwordHash,
            createdAt: now,
            updatedAt: now,
          })
          .run();
      });
      for (let i = 0; i < 30; i++) {
        const first = FIRST[i % FIRST.length]!;
        const last = LAST[(i * 7) % LAST.length]!;
        tx.insert(users)
          .values({
            id: newId(),
            email: `${first}.${last}.${i + 1}@demo.library`.toLowerCase(),
            displayName: `${first} ${last}`,
            staffNumber: `S${String(1001 + i)}`,
            orgUnitId: branches[i % branches.length]!.id,
            role: "staff",
            locale: i % 3 === 0 ? "en" : "id",
            active: i !== 29,
            deactivatedAt: i === 29 ? now : null,
            passwordHash,
            createdAt: now,
            updatedAt: now,
          })
          .run();
      }
    },
    { behavior: "immediate" },
  );
  return { units: units.length, people: DEMO_ACCOUNTS.length + 30 };
}

/**
 * Some history for the demo: lessons read, quizzes failed and passed (with certificates) over
 * the past months, and two assignments (one due within the week, one overdue), so every page has
 * something to show and the first reminder run (at start-up, see app/notifications) sends
 * reminders and the weekly digest.
 * Uses the same functions as the app, so the data is exactly what real use would produce.
 */
export async function seedDemoProgress(db: Db, now = clockNow()) {
  const { getContent, visibleModules } = await import("~/content/registry.server");
  const { markLessonComplete } = await import("~/learning/progress.server");
  const { startAttempt, getOwnAttempt, submitAttempt } = await import("~/learning/quiz.server");
  const { assignments } = await import("~/db/schema");
  const modules = visibleModules(await getContent(), "staff");
  if (modules.length === 0) return { attempts: 0 };
  const people = db
    .select()
    .from(users)
    .all()
    .filter((u) => u.role === "staff" && u.active);
  const units = db.select().from(orgUnits).all();
  const day = 86_400_000;
  let attempts = 0;
  // One immediate transaction for the whole demo history: the functions below open their own
  // transactions, which better-sqlite3 nests as savepoints, so a crash leaves no half-seeded demo.
  // `db` is the app's connection (getDb()), the one those functions use.
  db.$client
    .transaction(() => {
      people.forEach((person, i) => {
        // Each person gets a little further than the one before, in a repeating pattern.
        const modulesTouched = i % 5;
        for (let m = 0; m < Math.min(modulesTouched, modules.length); m++) {
          const mod = modules[m]!;
          const when = new Date(now.getTime() - ((i * 7 + m * 11) % 150) * day - 3_600_000);
          const lessons = m === modulesTouched - 1 && i % 2 === 0 ? mod.lessons.slice(0, 2) : mod.lessons;
          for (const l of lessons) markLessonComplete(person.id, mod.slug, l.slug, 8, when);
          if (lessons.length < mod.lessons.length) continue;
          const answer = (wrong: number) => {
            const started = startAttempt(person, mod, when);
            if (!started.ok) return;
            const attempt = getOwnAttempt(person, started.attemptId, mod.slug)!;
            const form = new FormData();
            attempt.draw.forEach(({ questionId, optionOrder }, q) => {
              const question = mod.quiz!.questions.find((x) => x.id === questionId)!;
              const picks =
                q < wrong ? [question.options.findIndex((o) => !o.correct)] : question.options.flatMap((o, idx) => (o.correct ? [idx] : []));
              for (const idx of picks) form.append(`q.${questionId}`, String(optionOrder.indexOf(idx)));
            });
            submitAttempt(person, mod, attempt, form, person.locale ?? "en", when);
            attempts++;
          };
          if ((i + m) % 4 === 0) answer(3); // a failed attempt first, for some
          answer(i % 3 === 0 ? 1 : 0);
        }
      });
      const system = units.find((u) => u.parentId === null);
      const riverside = units.find((u) => u.name === "Riverside Branch");
      const isoDay = (t: number) => new Date(t).toISOString().slice(0, 10);
      db.transaction((tx) => {
        if (system) {
          tx.insert(assignments)
            .values({
              id: newId(),
              moduleSlug: modules[0]!.slug,
              targetType: "org_unit",
              targetOrgUnitId: system.id,
              dueDate: isoDay(now.getTime() + 6 * day),
              createdAt: now,
            })
            .run();
        }
        if (riverside && modules[1]) {
          tx.insert(assignments)
            .values({
              id: newId(),
              moduleSlug: modules[1].slug,
              targetType: "org_unit",
              targetOrgUnitId: riverside.id,
              dueDate: isoDay(now.getTime() - 7 * day),
              createdAt: now,
            })
            .run();
        }
      });
    })
    .immediate();
  return { attempts };
}
