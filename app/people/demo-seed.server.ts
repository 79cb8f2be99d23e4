import { sql } from "drizzle-orm";
import type { Db } from "~/db/client.server";
import { selectRow } from "~/db/sql.server";
import { writeTransaction } from "~/db/transaction.server";
import { orgUnits, users, type Role } from "~/db/schema";
import { hashPassword } from "~/auth/password.server";
import { newId } from "~/utils/ids.server";
import { clockNow } from "~/utils/clock.server";
import { getConfig } from "~/config.server";
import { addDays, todayIn } from "~/utils/dates";
import { answerQuiz, DemoSeedError, found } from "./demo-steps.server";

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
export async function isEmpty(db: Db) {
  return ((await selectRow<{ n: number }>(sql`select count(*) as n from users`, db))?.n ?? 0) === 0;
}

/**
 * A library system with three branches and a central office, about 30 staff, and one account
 * per role. Everyone's password is `library-demo`. `_db` is the app's database (getDb()): the
 * transaction is opened on it by writeTransaction.
 */
export async function seedDemoOrganisation(_db: Db, now = clockNow()) {
  // Hashed before the transaction: the write lock is not held while the CPU works.
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  const system = { id: newId(), name: "Kota Harapan Public Library", code: "KHPL", parentId: null, createdAt: now };
  const units = [
    system,
    { id: newId(), name: "Central Library", code: "KHPL-CEN", parentId: system.id, createdAt: now },
    { id: newId(), name: "Riverside Branch", code: "KHPL-RIV", parentId: system.id, createdAt: now },
    { id: newId(), name: "Hillside Branch", code: "KHPL-HIL", parentId: system.id, createdAt: now },
  ];
  const branches = units.slice(1);
  const accounts = DEMO_ACCOUNTS.map((a, i) => ({
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
  }));
  const staff = Array.from({ length: 30 }, (_, i) => {
    const first = FIRST[i % FIRST.length]!;
    const last = LAST[(i * 7) % LAST.length]!;
    return {
      id: newId(),
      email: `${first}.${last}.${i + 1}@demo.library`.toLowerCase(),
      displayName: `${first} ${last}`,
      staffNumber: `S${String(1001 + i)}`,
      orgUnitId: branches[i % branches.length]!.id,
      role: "staff" as const,
      locale: i % 3 === 0 ? ("en" as const) : ("id" as const),
      active: i !== 29,
      deactivatedAt: i === 29 ? now : null,
      passwordHash,
      createdAt: now,
      updatedAt: now,
    };
  });
  await writeTransaction(async (tx) => {
    await tx.insert(orgUnits).values(units);
    // One row at a time, in this order: the accounts first, then the staff.
    for (const person of [...accounts, ...staff]) await tx.insert(users).values(person);
  });
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
  // Loaded now, not first inside the transaction below (answerQuiz imports it).
  await import("~/learning/quiz.server");
  const { assignments, pathAssignments } = await import("~/db/schema");
  const content = await getContent();
  const modules = visibleModules(content, "staff");
  // Learning paths for the branches: the first to Riverside, the second (if any) to Hillside.
  const paths = [...content.paths.values()].filter((p) => p.status === "published");
  if (modules.length < 2) throw new DemoSeedError("course", `the demo needs at least two published modules, found ${modules.length}`);
  const people = (await db.select().from(users)).filter((u) => u.role === "staff" && u.active && u.email !== "staff@demo.library");
  const units = await db.select().from(orgUnits);
  const day = 86_400_000;
  let attempts = 0;
  const history = async () => {
    for (const [i, person] of people.entries()) {
      // Each person gets a little further than the one before, in a repeating pattern.
      const modulesTouched = i % 5;
      for (let m = 0; m < Math.min(modulesTouched, modules.length); m++) {
        const mod = modules[m]!;
        let when = new Date(now.getTime() - (((i * 7 + m * 11) % 150) + 5) * day - 3_600_000);
        const lessons = m === modulesTouched - 1 && i % 2 === 0 ? mod.lessons.slice(0, 2) : mod.lessons;
        for (const l of lessons) await markLessonComplete(person.id, mod.slug, l.slug, 8, when);
        if (lessons.length < mod.lessons.length || !mod.quiz) continue;
        if ((i + m) % 4 === 0) {
          // A failed attempt first, for some; the next one after the module's cooldown.
          when = (await answerQuiz(person, mod, when, 3)).nextAt;
          attempts++;
        }
        await answerQuiz(person, mod, when, i % 3 === 0 ? 1 : 0);
        attempts++;
      }
    }
  };
  const system = found(
    "the library system",
    units.find((u) => u.parentId === null),
  );
  const riverside = found(
    "Riverside Branch",
    units.find((u) => u.name === "Riverside Branch"),
  );
  const today = todayIn(getConfig().timeZone, now);
  // One write transaction for the whole demo history: the functions above open their own
  // transactions, which join this one as savepoints, so a failed step leaves no half-seeded
  // demo. `db` is the app's database (getDb()), the one those functions use.
  await writeTransaction(async (tx) => {
    await history();
    await tx.insert(assignments).values({
      id: newId(),
      moduleSlug: modules[0]!.slug,
      targetType: "org_unit",
      targetOrgUnitId: system.id,
      dueDate: addDays(today, 6),
      createdAt: now,
    });
    // Overdue: a week past its due date, so HR's dashboard and digest have something to show.
    await tx.insert(assignments).values({
      id: newId(),
      moduleSlug: modules[1]!.slug,
      targetType: "org_unit",
      targetOrgUnitId: riverside.id,
      dueDate: addDays(today, -7),
      createdAt: now,
    });
    const hillside = units.find((u) => u.name === "Hillside Branch");
    for (const [i, unit] of [riverside, hillside].entries()) {
      const path = paths[i];
      if (!path || !unit) continue;
      await tx.insert(pathAssignments).values({
        id: newId(),
        pathSlug: path.slug,
        targetType: "org_unit",
        targetOrgUnitId: unit.id,
        dueDate: addDays(today, 30 * (i + 1)),
        createdAt: now,
      });
    }
  });
  return { attempts };
}
