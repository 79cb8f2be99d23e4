import { sql } from "drizzle-orm";
import type { Db } from "~/db/client.server";
import { orgUnits, users, type Role } from "~/db/schema";
import { hashPassword } from "~/auth/password.server";
import { newId } from "~/utils/ids.server";

export const DEMO_PASSWORD = "library-demo";
export const DEMO_ACCOUNTS: { email: string; name: string; role: Role }[] = [
  { email: "admin@demo.library", name: "Dewi Lestari", role: "admin" },
  { email: "hr@demo.library", name: "Bambang Susanto", role: "hr" },
  { email: "trainer@demo.library", name: "Rina Wijaya", role: "trainer" },
  { email: "staff@demo.library", name: "Agus Pratama", role: "staff" },
];

const FIRST = ["Siti", "Budi", "Ayu", "Rizky", "Nur", "Made", "Putu", "Yohana", "Fajar", "Indah", "Hendra", "Lina", "Eko", "Maria", "Taufik", "Wulan", "Andi", "Ratna", "Joko", "Mega", "Kevin", "Sri", "Arief", "Citra", "Dimas", "Nia"];
const LAST = ["Rahmawati", "Santoso", "Hidayat", "Nugroho", "Saputra", "Wati", "Siregar", "Gunawan", "Kusuma", "Harahap", "Setiawan", "Pertiwi", "Simanjuntak", "Utami"];

/** Is the database empty of people? The demo only seeds an empty database. */
export function isEmpty(db: Db) {
  return (db.get<{ n: number }>(sql`select count(*) as n from users`)?.n ?? 0) === 0;
}

/**
 * A library system with three branches and a central office, about 30 staff, and one account
 * per role. Everyone's password is `library-demo`.
 */
export async function seedDemoOrganisation(db: Db, now = new Date()) {
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  const system = { id: newId(), name: "Kota Harapan Public Library", code: "KHPL", parentId: null, createdAt: now };
  const units = [
    system,
    { id: newId(), name: "Central Library", code: "KHPL-CEN", parentId: system.id, createdAt: now },
    { id: newId(), name: "Riverside Branch", code: "KHPL-RIV", parentId: system.id, createdAt: now },
    { id: newId(), name: "Hillside Branch", code: "KHPL-HIL", parentId: system.id, createdAt: now },
  ];
  const branches = units.slice(1);
  db.transaction((tx) => {
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
  });
  return { units: units.length, people: DEMO_ACCOUNTS.length + 30 };
}
