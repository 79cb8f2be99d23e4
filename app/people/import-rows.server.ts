// One imported row checked on its own and against the people and units already in the database.
import { inArray, or } from "drizzle-orm";
import type { User } from "lucia";
import type { Db } from "~/db/client.server";
import { orgUnits, users, type Locale, type Role } from "~/db/schema";
import type { MessageKey } from "~/i18n/translate";
import { canManageRole } from "~/auth/policy";
import { EmailSchema } from "~/schemas/auth";
import { ImportNameSchema, ImportStaffNumberSchema } from "~/schemas/import";
import { normWord } from "./import-csv.server";
import type { ImportRecord, RowProblem } from "./import-types";

const ROLE_WORDS: Record<string, Role> = {
  staff: "staff",
  staf: "staff",
  pegawai: "staff",
  karyawan: "staff",
  employee: "staff",
  trainer: "trainer",
  pelatih: "trainer",
  instruktur: "trainer",
  instructor: "trainer",
  hr: "hr",
  sdm: "hr",
  "human resources": "hr",
  kepegawaian: "hr",
  admin: "admin",
  administrator: "admin",
};

const LOCALE_WORDS: Record<string, Locale> = {
  en: "en",
  english: "en",
  inggris: "en",
  "bahasa inggris": "en",
  "en gb": "en",
  "en us": "en",
  id: "id",
  in: "id",
  indonesian: "id",
  indonesia: "id",
  "bahasa indonesia": "id",
  "id id": "id",
  bahasa: "id",
};

export type ExistingUser = Pick<
  typeof users.$inferSelect,
  "id" | "email" | "displayName" | "staffNumber" | "orgUnitId" | "role" | "locale" | "active"
>;
type Unit = { id: string; name: string };

export type Lookups = {
  byEmail: Map<string, ExistingUser>;
  byStaffNumber: Map<string, ExistingUser>;
  unitsByCode: Map<string, Unit>;
  unitsByName: Map<string, Unit[]>;
  unitName: Map<string, string>;
};

/** Reads go through the apply step's transaction, or straight to the database for a preview. */
export type Reader = Pick<Db, "select">;

/**
 * The people and units rows are checked against: everyone, or (`only`) just the people a batch
 * of rows names by email or staff number.
 */
export async function importLookups(db: Reader, only?: { emails: string[]; staffNumbers: string[] }): Promise<Lookups> {
  const everyone = db
    .select({
      id: users.id,
      email: users.email,
      displayName: users.displayName,
      staffNumber: users.staffNumber,
      orgUnitId: users.orgUnitId,
      role: users.role,
      locale: users.locale,
      active: users.active,
    })
    .from(users);
  const peopleQuery = only
    ? everyone.where(
        only.staffNumbers.length > 0
          ? or(inArray(users.email, only.emails), inArray(users.staffNumber, only.staffNumbers))
          : inArray(users.email, only.emails),
      )
    : everyone;
  const unitsQuery = db.select({ id: orgUnits.id, name: orgUnits.name, code: orgUnits.code }).from(orgUnits);
  const [people, units] = await Promise.all([peopleQuery, unitsQuery]);
  const out: Lookups = { byEmail: new Map(), byStaffNumber: new Map(), unitsByCode: new Map(), unitsByName: new Map(), unitName: new Map() };
  for (const p of people) {
    out.byEmail.set(p.email, p);
    if (p.staffNumber) out.byStaffNumber.set(p.staffNumber, p);
  }
  for (const u of units) {
    out.unitName.set(u.id, u.name);
    if (u.code) out.unitsByCode.set(normWord(u.code), u);
    const list = out.unitsByName.get(normWord(u.name)) ?? [];
    list.push(u);
    out.unitsByName.set(normWord(u.name), list);
  }
  return out;
}

/** What a row says, read and checked; `problems` lists every field that is wrong. */
export type CheckedRow = {
  line: number;
  email: string;
  name: string;
  staffNumber: string | null;
  orgUnitId: string | null;
  /** The unit as the file spells it, for the preview when it matched no unit. */
  orgUnitText: string;
  role: Role | null;
  locale: Locale | null;
  existing: ExistingUser | undefined;
  problems: RowProblem[];
};

/** The first line each email and staff number was seen on: later rows with the same are errors. */
export type SeenInFile = { email: Map<string, number>; staffNumber: Map<string, number> };

export const newSeenInFile = (): SeenInFile => ({ email: new Map(), staffNumber: new Map() });

export function checkImportRow(actor: Pick<User, "id" | "role">, record: ImportRecord, look: Lookups, seen: SeenInFile): CheckedRow {
  const { cells } = record;
  const problems: RowProblem[] = [];
  const emailResult = EmailSchema.safeParse(cells.email);
  const email = emailResult.success ? emailResult.data : cells.email;
  if (!emailResult.success)
    problems.push({ field: "email", message: cells.email === "" ? "import.missingEmail" : "import.badEmail", vars: { value: cells.email } });

  const name = cells.name;
  const nameResult = ImportNameSchema.safeParse(name);
  if (!nameResult.success) problems.push({ field: "name", message: nameResult.error.issues[0]!.message as MessageKey });

  const staffNumber = cells.staffNumber === "" ? null : cells.staffNumber;
  const staffResult = staffNumber ? ImportStaffNumberSchema.safeParse(staffNumber) : null;
  if (staffResult && !staffResult.success) problems.push({ field: "staffNumber", message: staffResult.error.issues[0]!.message as MessageKey });

  const unitRaw = cells.orgUnit;
  let orgUnitId: string | null = null;
  if (unitRaw !== "") {
    const byCode = look.unitsByCode.get(normWord(unitRaw));
    const byName = look.unitsByName.get(normWord(unitRaw)) ?? [];
    if (byCode) orgUnitId = byCode.id;
    else if (byName.length === 1) orgUnitId = byName[0]!.id;
    else if (byName.length > 1) problems.push({ field: "orgUnit", message: "import.ambiguousUnit", vars: { value: unitRaw } });
    else problems.push({ field: "orgUnit", message: "import.unknownUnit", vars: { value: unitRaw } });
  }

  let role: Role | null = null;
  if (cells.role !== "") {
    role = ROLE_WORDS[normWord(cells.role)] ?? null;
    if (!role) problems.push({ field: "role", message: "import.unknownRole", vars: { value: cells.role } });
    else if (!canManageRole(actor, "people.import", role))
      problems.push({ field: "role", message: "import.roleNotAllowed", vars: { value: cells.role } });
  }

  let locale: Locale | null = null;
  if (cells.locale !== "") {
    locale = LOCALE_WORDS[normWord(cells.locale)] ?? null;
    if (!locale) problems.push({ field: "locale", message: "import.unknownLanguage", vars: { value: cells.locale } });
  }

  // Duplicates inside the file: the first row wins the check, later ones are errors.
  if (emailResult.success) {
    const first = seen.email.get(email);
    if (first !== undefined) problems.push({ field: "email", message: "import.duplicateEmail", vars: { line: first } });
    else seen.email.set(email, record.line);
  }
  if (staffNumber) {
    const first = seen.staffNumber.get(staffNumber);
    if (first !== undefined) problems.push({ field: "staffNumber", message: "import.duplicateStaffNumber", vars: { line: first } });
    else seen.staffNumber.set(staffNumber, record.line);
  }

  const existing = emailResult.success ? look.byEmail.get(email) : undefined;
  if (existing && !canManageRole(actor, "people.import", existing.role)) problems.push({ field: "email", message: "import.notStaffAccount" });
  if (existing && existing.id === actor.id && role && role !== existing.role) problems.push({ field: "role", message: "validation.ownRole" });
  if (staffNumber) {
    const holder = look.byStaffNumber.get(staffNumber);
    if (holder && holder.id !== existing?.id)
      problems.push({ field: "staffNumber", message: "import.staffNumberTaken", vars: { email: holder.email } });
  }
  return { line: record.line, email, name, staffNumber, orgUnitId, orgUnitText: unitRaw, role, locale, existing, problems };
}
