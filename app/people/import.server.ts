// Bulk import of staff from a CSV file as HR exports it from a spreadsheet.
// See docs/decisions/0007-csv-import.md for the choices (matching by email, empty cells, one
// transaction, no server-side state between the preview and the apply).
import { parse } from "csv-parse/sync";
import { eq } from "drizzle-orm";
import { writeTransaction } from "~/db/write.server";
import { csvDocument } from "~/utils/csv.server";
import type { User } from "lucia";
import { recordAudit } from "~/audit.server";
import { issueSetPasswordLink } from "~/auth/password-tokens.server";
import { enqueueNotification } from "~/notifications/enqueue.server";
import { getDb, type Db, type Tx } from "~/db/client.server";
import { orgUnits, users, type Locale, type Role } from "~/db/schema";
import type { MessageKey } from "~/i18n/translate";
import { EmailSchema } from "~/schemas/auth";
import { newId, sha256 } from "~/utils/ids.server";
import { can, canManageRole } from "~/auth/policy";
import { forbidden } from "~/auth/policy.server";
import { clockNow } from "~/utils/clock.server";
import { hasControlChars } from "~/schemas/text";

/** The largest file (or pasted text) accepted, in bytes. */
export const IMPORT_MAX_BYTES = 5_000_000;
/** More rows than this is almost certainly the wrong file; split it instead. */
export const IMPORT_MAX_ROWS = 20_000;

export type ImportField = "email" | "name" | "staffNumber" | "orgUnit" | "role" | "locale";
export type Vars = Record<string, string | number>;
export type FileProblem = { message: MessageKey; vars?: Vars };
export type RowProblem = { field: ImportField; message: MessageKey; vars?: Vars };
export type RowAction = "create" | "update" | "unchanged" | "error";

export type PreviewRow = {
  /** The line of the file where this record starts (1 = the header line's first line). */
  line: number;
  action: RowAction;
  email: string;
  name: string;
  staffNumber: string | null;
  orgUnit: string | null;
  role: Role | null;
  changes: ImportField[];
  problems: RowProblem[];
  notes: MessageKey[];
};

export type ImportCounts = { create: number; update: number; unchanged: number; error: number; blank: number };

export type ImportPlan = {
  /** True when there is something to apply and nothing wrong. */
  ok: boolean;
  fileProblems: FileProblem[];
  delimiter: "," | ";" | "\t";
  columns: { header: string; field: ImportField | null }[];
  rows: PreviewRow[];
  counts: ImportCounts;
  /** SHA-256 of the (line-ending normalised) text: the apply step checks it got the same file. */
  hash: string;
  /** SHA-256 of what each row would do: the apply step refuses if the outcome changed meanwhile. */
  digest: string;
  text: string;
  ops: Op[];
};

type Op =
  | { kind: "create"; row: PreviewRow; values: NewPerson }
  | { kind: "update"; row: PreviewRow; userId: string; set: Partial<NewPerson>; roleFrom: Role };
type NewPerson = { email: string; displayName: string; staffNumber: string | null; orgUnitId: string | null; role: Role; locale: Locale | null };

// ---------------------------------------------------------------------------------------------
// Bytes to text

export type DecodeResult = { ok: true; text: string } | { ok: false; problem: FileProblem };

/**
 * A CSV upload as text: UTF-8 with or without BOM (also UTF-16 with a BOM, as Excel's "Unicode
 * text" saves it). Anything else gets a message saying how to save the file instead.
 */
export function decodeCsvBytes(bytes: Uint8Array): DecodeResult {
  if (bytes.length === 0) return { ok: false, problem: { message: "import.emptyFile" } };
  if (bytes.length > IMPORT_MAX_BYTES) return { ok: false, problem: { message: "import.tooLarge", vars: { mb: IMPORT_MAX_BYTES / 1_000_000 } } };
  const starts = (...sig: number[]) => sig.every((b, i) => bytes[i] === b);
  if (starts(0x50, 0x4b, 0x03, 0x04) || starts(0xd0, 0xcf, 0x11, 0xe0)) return { ok: false, problem: { message: "import.spreadsheetFile" } };
  if (starts(0x25, 0x50, 0x44, 0x46)) return { ok: false, problem: { message: "import.notText" } };
  if (starts(0xff, 0xfe) || starts(0xfe, 0xff)) {
    const text = new TextDecoder(starts(0xff, 0xfe) ? "utf-16le" : "utf-16be").decode(bytes);
    return checkText(text);
  }
  try {
    return checkText(new TextDecoder("utf-8", { fatal: true }).decode(bytes));
  } catch {
    // Not UTF-8: most likely Excel's "CSV (Comma delimited)" in a Windows code page.
    const loose = new TextDecoder("utf-8").decode(bytes);
    const at = loose.indexOf("\uFFFD");
    const line = at < 0 ? 1 : lineAt(loose, at);
    return { ok: false, problem: { message: "import.notUtf8", vars: { line } } };
  }
}

function checkText(text: string): DecodeResult {
  if (text.includes("\u0000")) return { ok: false, problem: { message: "import.notText" } };
  return { ok: true, text };
}

function lineAt(text: string, index: number) {
  let line = 1;
  for (let i = 0; i < index; i++) if (text.charCodeAt(i) === 10) line++;
  return line;
}

/** Removes a byte order mark and turns CRLF and CR into LF (browsers send CRLF back in forms). */
export function normalizeCsvText(text: string) {
  return text.replace(/^\uFEFF/, "").replace(/\r\n?/g, "\n");
}

// ---------------------------------------------------------------------------------------------
// Header

const norm = (s: string) =>
  s
    .normalize("NFKC")
    .toLocaleLowerCase("en")
    .replace(/[\s_\-.:#/()]+/g, " ")
    .trim();

/** Column names as spreadsheets spell them, in English and Bahasa Indonesia. */
const HEADER_NAMES: Record<ImportField, string[]> = {
  email: ["email", "e mail", "email address", "e mail address", "mail", "alamat email", "alamat e mail", "surel", "surat elektronik"],
  name: ["name", "full name", "fullname", "display name", "nama", "nama lengkap", "nama pegawai", "employee name", "staff name"],
  staffNumber: [
    "staff number",
    "staff no",
    "staff nr",
    "staff num",
    "staff id",
    "staffnumber",
    "employee number",
    "employee no",
    "employee id",
    "nip",
    "nomor pegawai",
    "no pegawai",
    "nomor induk pegawai",
  ],
  orgUnit: [
    "org unit",
    "orgunit",
    "organisation unit",
    "organization unit",
    "unit",
    "unit code",
    "unit kerja",
    "kode unit",
    "branch",
    "branch code",
    "cabang",
    "kantor cabang",
    "department",
    "departemen",
    "bagian",
    "library",
    "perpustakaan",
  ],
  role: ["role", "peran", "access", "akses", "user role"],
  locale: ["language", "locale", "bahasa", "preferred language"],
};
const HEADER_LOOKUP = new Map<string, ImportField>();
for (const [field, names] of Object.entries(HEADER_NAMES) as [ImportField, string[]][]) {
  for (const n of names) HEADER_LOOKUP.set(norm(n), field);
}

export const ACCEPTED_HEADERS = HEADER_NAMES;

/** The separator used in the header line: the most frequent of `,` `;` and tab outside quotes. */
export function detectDelimiter(text: string): "," | ";" | "\t" {
  const counts = { ",": 0, ";": 0, "\t": 0 };
  let inQuotes = false;
  for (const ch of text) {
    if (ch === '"') inQuotes = !inQuotes;
    else if (!inQuotes && ch === "\n") {
      if (counts[","] + counts[";"] + counts["\t"] > 0) break;
    } else if (!inQuotes && ch in counts) counts[ch as keyof typeof counts]++;
  }
  if (counts[";"] > counts[","] && counts[";"] >= counts["\t"]) return ";";
  if (counts["\t"] > counts[","]) return "\t";
  return ",";
}

// ---------------------------------------------------------------------------------------------
// Values

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

const clean = (s: string | undefined) => (s ?? "").replace(/\s+/g, " ").trim();

type ExistingUser = Pick<typeof users.$inferSelect, "id" | "email" | "displayName" | "staffNumber" | "orgUnitId" | "role" | "locale" | "active">;

type Lookups = {
  byEmail: Map<string, ExistingUser>;
  byStaffNumber: Map<string, ExistingUser>;
  unitsByCode: Map<string, { id: string; name: string }>;
  unitsByName: Map<string, { id: string; name: string }[]>;
  unitName: Map<string, string>;
};

/** Reads go through the apply step's transaction, or straight to the database for a preview. */
type Reader = Pick<Db, "select">;

function lookups(db: Reader): Lookups {
  const people = db
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
    .from(users)
    .all();
  const units = db.select({ id: orgUnits.id, name: orgUnits.name, code: orgUnits.code }).from(orgUnits).all();
  const out: Lookups = { byEmail: new Map(), byStaffNumber: new Map(), unitsByCode: new Map(), unitsByName: new Map(), unitName: new Map() };
  for (const p of people) {
    out.byEmail.set(p.email, p);
    if (p.staffNumber) out.byStaffNumber.set(p.staffNumber, p);
  }
  for (const u of units) {
    out.unitName.set(u.id, u.name);
    if (u.code) out.unitsByCode.set(norm(u.code), u);
    const list = out.unitsByName.get(norm(u.name)) ?? [];
    list.push(u);
    out.unitsByName.set(norm(u.name), list);
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Planning: what each row would do. Used by the preview and, again, inside the apply transaction.

function emptyPlan(text: string, problems: FileProblem[], delimiter: ImportPlan["delimiter"] = ","): ImportPlan {
  return {
    ok: false,
    fileProblems: problems,
    delimiter,
    columns: [],
    rows: [],
    counts: { create: 0, update: 0, unchanged: 0, error: 0, blank: 0 },
    hash: sha256(text),
    digest: sha256(""),
    text,
    ops: [],
  };
}

/** Where an unclosed quote most likely opened: the line of the last quote that was never closed. */
function unclosedQuoteLine(text: string) {
  let line = 1;
  let openedAt = 1;
  let inQuotes = false;
  for (const ch of text) {
    if (ch === "\n") line++;
    else if (ch === '"') {
      inQuotes = !inQuotes;
      if (inQuotes) openedAt = line;
    }
  }
  return openedAt;
}

type ParsedRecord = { line: number; fields: string[] };

function parseRecords(
  text: string,
  delimiter: string,
): { ok: true; records: ParsedRecord[]; emptyLines: number } | { ok: false; problem: FileProblem } {
  try {
    const parsed = parse(text, {
      delimiter,
      bom: true,
      relax_column_count: true,
      relax_quotes: true,
      skip_empty_lines: true,
      trim: true,
      info: true,
      raw: true,
      max_record_size: 100_000,
    }) as unknown as { record: string[]; info: { lines: number; empty_lines: number }; raw: string }[];
    return {
      ok: true,
      emptyLines: parsed.at(-1)?.info.empty_lines ?? 0,
      records: parsed.map(({ record, info, raw }) => {
        // `info.lines` is the line the record ends on; `raw` also holds any skipped blank lines
        // before it and the record's own line break.
        const body = raw.replace(/^\n+/, "").replace(/\n$/, "");
        let extra = 0;
        for (let i = 0; i < body.length; i++) if (body.charCodeAt(i) === 10) extra++;
        return { line: info.lines - extra, fields: record };
      }),
    };
  } catch (error) {
    const e = error as { code?: string; lines?: number };
    if (e.code === "CSV_QUOTE_NOT_CLOSED")
      return { ok: false, problem: { message: "import.unclosedQuote", vars: { line: unclosedQuoteLine(text) } } };
    if (e.code === "CSV_MAX_RECORD_SIZE") return { ok: false, problem: { message: "import.recordTooLong", vars: { line: e.lines ?? 1 } } };
    return { ok: false, problem: { message: "import.badQuotes", vars: { line: e.lines ?? 1 } } };
  }
}

export function canImport(actor: Pick<User, "role">) {
  return can(actor, "people.import");
}

/**
 * Reads the file and works out, row by row, what importing it would do. Writes nothing.
 * `db` is the transaction when the apply step re-plans.
 */
export function planImport(actor: Pick<User, "id" | "role">, rawText: string, db: Reader | Tx = getDb()): ImportPlan {
  if (!canImport(actor)) forbidden();
  const text = normalizeCsvText(rawText);
  if (text.trim() === "") return emptyPlan(text, [{ message: "import.emptyFile" }]);
  const delimiter = detectDelimiter(text);
  const parsed = parseRecords(text, delimiter);
  if (!parsed.ok) return emptyPlan(text, [parsed.problem], delimiter);
  const isBlank = (r: ParsedRecord) => r.fields.every((f) => f.trim() === "");
  const records = parsed.records;
  const headerIndex = records.findIndex((r) => !isBlank(r));
  if (headerIndex < 0) return emptyPlan(text, [{ message: "import.emptyFile" }], delimiter);
  const header = records[headerIndex]!;
  const columns = header.fields.map((h) => ({ header: clean(h), field: HEADER_LOOKUP.get(norm(h)) ?? null }));
  const fileProblems: FileProblem[] = [];
  const colOf = new Map<ImportField, number>();
  columns.forEach((c, i) => {
    if (!c.field) return;
    if (colOf.has(c.field)) fileProblems.push({ message: "import.duplicateColumn", vars: { column: c.header, line: header.line } });
    else colOf.set(c.field, i);
  });
  for (const required of ["email", "name"] as const) {
    if (!colOf.has(required))
      fileProblems.push({ message: required === "email" ? "import.missingEmailColumn" : "import.missingNameColumn", vars: { line: header.line } });
  }
  const dataRecords = records.slice(headerIndex + 1);
  if (fileProblems.length === 0 && dataRecords.length > IMPORT_MAX_ROWS) {
    fileProblems.push({ message: "import.tooManyRows", vars: { max: IMPORT_MAX_ROWS } });
  }
  if (fileProblems.length > 0) return { ...emptyPlan(text, fileProblems, delimiter), columns };

  const look = lookups(db);
  const firstEmailLine = new Map<string, number>();
  const firstStaffNumberLine = new Map<string, number>();
  const rows: PreviewRow[] = [];
  const ops: Op[] = [];
  // Blank lines between records (csv-parse skips them) and rows of empty cells (",,,").
  const counts: ImportCounts = { create: 0, update: 0, unchanged: 0, error: 0, blank: parsed.emptyLines };
  const get = (r: ParsedRecord, f: ImportField) => {
    const i = colOf.get(f);
    return i === undefined ? "" : clean(r.fields[i]);
  };

  for (const record of dataRecords) {
    if (isBlank(record)) {
      counts.blank++;
      continue;
    }
    const problems: RowProblem[] = [];
    const notes: MessageKey[] = [];
    const rawEmail = get(record, "email");
    const emailResult = EmailSchema.safeParse(rawEmail);
    const email = emailResult.success ? emailResult.data : rawEmail;
    if (!emailResult.success)
      problems.push({ field: "email", message: rawEmail === "" ? "import.missingEmail" : "import.badEmail", vars: { value: rawEmail } });

    const name = get(record, "name");
    if (name === "") problems.push({ field: "name", message: "import.missingName" });
    else if (name.length > 120) problems.push({ field: "name", message: "import.nameTooLong" });
    else if (hasControlChars(name)) problems.push({ field: "name", message: "validation.controlChars" });

    const staffNumberRaw = get(record, "staffNumber");
    const staffNumber = staffNumberRaw === "" ? null : staffNumberRaw;
    if (staffNumber && staffNumber.length > 40) problems.push({ field: "staffNumber", message: "import.staffNumberTooLong" });
    else if (staffNumber && hasControlChars(staffNumber)) problems.push({ field: "staffNumber", message: "validation.controlChars" });

    const unitRaw = get(record, "orgUnit");
    let orgUnitId: string | null = null;
    if (unitRaw !== "") {
      const byCode = look.unitsByCode.get(norm(unitRaw));
      const byName = look.unitsByName.get(norm(unitRaw)) ?? [];
      if (byCode) orgUnitId = byCode.id;
      else if (byName.length === 1) orgUnitId = byName[0]!.id;
      else if (byName.length > 1) problems.push({ field: "orgUnit", message: "import.ambiguousUnit", vars: { value: unitRaw } });
      else problems.push({ field: "orgUnit", message: "import.unknownUnit", vars: { value: unitRaw } });
    }

    const roleRaw = get(record, "role");
    let role: Role | null = null;
    if (roleRaw !== "") {
      role = ROLE_WORDS[norm(roleRaw)] ?? null;
      if (!role) problems.push({ field: "role", message: "import.unknownRole", vars: { value: roleRaw } });
      else if (!canManageRole(actor, "people.import", role))
        problems.push({ field: "role", message: "import.roleNotAllowed", vars: { value: roleRaw } });
    }

    const localeRaw = get(record, "locale");
    let locale: Locale | null = null;
    if (localeRaw !== "") {
      locale = LOCALE_WORDS[norm(localeRaw)] ?? null;
      if (!locale) problems.push({ field: "locale", message: "import.unknownLanguage", vars: { value: localeRaw } });
    }

    // Duplicates inside the file: the first row wins the check, later ones are errors.
    if (emailResult.success) {
      const first = firstEmailLine.get(email);
      if (first !== undefined) problems.push({ field: "email", message: "import.duplicateEmail", vars: { line: first } });
      else firstEmailLine.set(email, record.line);
    }
    if (staffNumber) {
      const first = firstStaffNumberLine.get(staffNumber);
      if (first !== undefined) problems.push({ field: "staffNumber", message: "import.duplicateStaffNumber", vars: { line: first } });
      else firstStaffNumberLine.set(staffNumber, record.line);
    }

    const existing = emailResult.success ? look.byEmail.get(email) : undefined;
    if (existing && !canManageRole(actor, "people.import", existing.role)) {
      problems.push({ field: "email", message: "import.notStaffAccount" });
    }
    if (existing && existing.id === actor.id && role && role !== existing.role) {
      problems.push({ field: "role", message: "validation.ownRole" });
    }
    if (staffNumber) {
      const holder = look.byStaffNumber.get(staffNumber);
      if (holder && holder.id !== existing?.id)
        problems.push({ field: "staffNumber", message: "import.staffNumberTaken", vars: { email: holder.email } });
    }

    const row: PreviewRow = {
      line: record.line,
      action: "error",
      email,
      name,
      staffNumber,
      orgUnit: orgUnitId ? (look.unitName.get(orgUnitId) ?? null) : unitRaw || null,
      role,
      changes: [],
      problems,
      notes,
    };
    rows.push(row);
    if (problems.length > 0) {
      counts.error++;
      continue;
    }
    if (!existing) {
      row.action = "create";
      row.role = role ?? "staff";
      counts.create++;
      ops.push({ kind: "create", row, values: { email, displayName: name, staffNumber, orgUnitId, role: role ?? "staff", locale } });
      continue;
    }
    // An empty cell leaves the existing value as it is.
    const set: Partial<NewPerson> = {};
    if (name !== existing.displayName) set.displayName = name;
    if (staffNumber && staffNumber !== existing.staffNumber) set.staffNumber = staffNumber;
    if (orgUnitId && orgUnitId !== existing.orgUnitId) set.orgUnitId = orgUnitId;
    if (role && role !== existing.role) set.role = role;
    if (locale && locale !== existing.locale) set.locale = locale;
    const fieldOf: Record<keyof NewPerson, ImportField> = {
      email: "email",
      displayName: "name",
      staffNumber: "staffNumber",
      orgUnitId: "orgUnit",
      role: "role",
      locale: "locale",
    };
    row.changes = (Object.keys(set) as (keyof NewPerson)[]).map((k) => fieldOf[k]);
    row.role = role ?? existing.role;
    if (!existing.active) notes.push("import.noteInactive");
    if (row.changes.length === 0) {
      row.action = "unchanged";
      counts.unchanged++;
    } else {
      row.action = "update";
      counts.update++;
      ops.push({ kind: "update", row, userId: existing.id, set, roleFrom: existing.role });
    }
  }
  if (rows.length === 0) fileProblems.push({ message: "import.noRows" });
  const digest = sha256(rows.map((r) => `${r.line}:${r.action}:${r.email}:${r.changes.join(",")}`).join("\n"));
  return {
    ok: fileProblems.length === 0 && counts.error === 0 && counts.create + counts.update > 0,
    fileProblems,
    delimiter,
    columns,
    rows,
    counts,
    hash: sha256(text),
    digest,
    text,
    ops,
  };
}

/** The preview for the page: the plan without its internal operations. */
export function previewImport(actor: User, text: string) {
  const { ops: _ops, ...plan } = planImport(actor, text);
  return plan;
}

export type ImportLink = { email: string; name: string; staffNumber: string | null; url: string; expiresAt: string };

export type ApplyResult =
  { ok: true; counts: ImportCounts; links: ImportLink[] } | { ok: false; reason: "invalid" | "changed" | "mismatch"; plan: Omit<ImportPlan, "ops"> };

/**
 * Applies the file in one transaction, or nothing. The file is planned again inside the
 * transaction: a row that became invalid since the preview, or whose outcome changed, stops the
 * whole import. New accounts get set-password links, returned once and stored only as hashes.
 */
export function applyImport(actor: User, input: { text: string; hash: string; digest: string }, now = clockNow()): ApplyResult {
  if (!canImport(actor)) forbidden();
  return writeTransaction((tx): ApplyResult => {
    const plan = planImport(actor, input.text, tx);
    const { ops, ...shown } = plan;
    if (plan.hash !== input.hash) return { ok: false, reason: "mismatch", plan: shown };
    if (!plan.ok) return { ok: false, reason: "invalid", plan: shown };
    if (plan.digest !== input.digest) return { ok: false, reason: "changed", plan: shown };
    const links: ImportLink[] = [];
    const roleChanges: { email: string; from: Role; to: Role }[] = [];
    const creates = ops.flatMap((op) => (op.kind === "create" ? [{ id: newId(), ...op.values }] : []));
    // New accounts go in by the few hundred: one statement per person is most of the time.
    for (let i = 0; i < creates.length; i += 500) {
      tx.insert(users)
        .values(creates.slice(i, i + 500).map((c) => ({ ...c, active: true, createdAt: now, updatedAt: now })))
        .run();
    }
    for (const c of creates) {
      const link = issueSetPasswordLink(tx, c.id, actor.id, now);
      enqueueNotification(tx, { kind: "invitation", userId: c.id, data: { url: link.url, expiresAt: link.expiresAt.toISOString() } }, now);
      links.push({ email: c.email, name: c.displayName, staffNumber: c.staffNumber, url: link.url, expiresAt: link.expiresAt.toISOString() });
    }
    for (const op of ops) {
      if (op.kind === "update") {
        tx.update(users)
          .set({ ...op.set, updatedAt: now })
          .where(eq(users.id, op.userId))
          .run();
        if (op.set.role) roleChanges.push({ email: op.row.email, from: op.roleFrom, to: op.set.role });
      }
    }
    recordAudit(
      tx,
      {
        actorId: actor.id,
        action: "import.apply",
        subjectType: "import",
        subjectId: plan.hash.slice(0, 16),
        details: {
          created: plan.counts.create,
          updated: plan.counts.update,
          unchanged: plan.counts.unchanged,
          rows: plan.rows.length,
          roleChanges: roleChanges.slice(0, 200),
        },
      },
      now,
    );
    return { ok: true, counts: plan.counts, links };
  });
}

// ---------------------------------------------------------------------------------------------
// The set-password links as a CSV file

export function linksCsv(links: ImportLink[], headers: [string, string, string, string, string]) {
  return csvDocument(
    headers,
    links.map((l) => [l.name, l.email, l.staffNumber ?? "", l.url, l.expiresAt]),
  );
}
