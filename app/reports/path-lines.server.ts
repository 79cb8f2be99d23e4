// Learning path progress in the training record downloads (ADR 0031): after each person's module
// rows, one row per learning path assigned to them (or whose certificate they hold), in the same
// sheet, told apart by the "Row type" column so HR can filter either kind in a spreadsheet.
// Read a chunk of people at a time, as the module rows are, so memory does not grow with people.
import { setImmediate } from "node:timers/promises";
import { inArray } from "drizzle-orm";
import { certificateStatus } from "~/certificates/issue.server";
import { pick, type ContentPath } from "~/content/model";
import type { ContentState } from "~/content/registry.server";
import { getDb } from "~/db/client.server";
import { certificates, pathAssignments, pathCertificates, type Role } from "~/db/schema";
import { dueDatesFor, isOverdue, unitAndAncestors } from "~/learning/assignments.server";
import { PATH_TARGET_COLUMNS, publishedPaths } from "~/paths/assignments.server";
import { listOrgUnits } from "~/people/org-units.server";
import type { UserRecord } from "./record-chunk.server";
import { chunkYearHours, rowHours, type RowHours } from "./record-hours.server";
import type { TrainingRecordFilters } from "./record-filters.server";
import { chunkRows, recordPeople, type RecordContext, type TrainingRecordRow } from "./record-rows.server";

export type PathRecordStatus = "not_started" | "in_progress" | "completed" | "revoked";

export type PathRecordRow = {
  kind: "path";
  userId: string;
  staffNumber: string | null;
  name: string;
  email: string;
  orgUnit: string | null;
  role: Role;
  active: boolean;
  pathSlug: string;
  pathTitle: string;
  status: PathRecordStatus;
  /** Modules of the path the person holds a valid certificate for now. */
  modulesCertified: number;
  modulesTotal: number;
  dueDate: string | null;
  overdue: boolean;
  certificateCode: string | null;
  certifiedOn: Date | null;
} & RowHours;

/** A line of the downloads: a module row of the training record, or a path row. */
export type ExportLine = TrainingRecordRow | PathRecordRow;

export const isPathLine = (line: ExportLine): line is PathRecordRow => "kind" in line && line.kind === "path";

type ChunkData = {
  /** Per person, the modules they hold a valid certificate for now. */
  certified: Map<string, Set<string>>;
  revoked: Set<string>;
  /** Per `userId|pathSlug`. */
  pathCerts: Map<string, { code: string; issuedAt: Date; moduleCertificateIds: string[] }>;
};

/** The chunk's module certificates (which are valid now, which revoked) and path certificates. */
async function chunkData(ids: string[], now: Date): Promise<ChunkData> {
  const db = getDb();
  const [certs, pathCerts] = await Promise.all([
    db
      .select({
        id: certificates.id,
        userId: certificates.userId,
        moduleSlug: certificates.moduleSlug,
        expiresAt: certificates.expiresAt,
        revokedAt: certificates.revokedAt,
      })
      .from(certificates)
      .where(inArray(certificates.userId, ids)),
    db
      .select({
        userId: pathCertificates.userId,
        pathSlug: pathCertificates.pathSlug,
        code: pathCertificates.code,
        issuedAt: pathCertificates.issuedAt,
        modules: pathCertificates.modules,
      })
      .from(pathCertificates)
      .where(inArray(pathCertificates.userId, ids)),
  ]);
  const data: ChunkData = { certified: new Map(), revoked: new Set(), pathCerts: new Map() };
  for (const c of certs) {
    const status = certificateStatus(c, now);
    if (status === "revoked") data.revoked.add(c.id);
    if (status !== "valid") continue;
    const mine = data.certified.get(c.userId) ?? new Set<string>();
    mine.add(c.moduleSlug);
    data.certified.set(c.userId, mine);
  }
  for (const p of pathCerts) {
    data.pathCerts.set(`${p.userId}|${p.pathSlug}`, {
      code: p.code,
      issuedAt: p.issuedAt,
      moduleCertificateIds: p.modules.map((m) => m.certificateId),
    });
  }
  return data;
}

/**
 * The downloads' lines: for each chunk of the record's people, their module rows (the training
 * record's own, filters applied), each person's followed by their path rows. Path rows are
 * listed for every person the record is about (org unit, search, active, under the JP target),
 * whether or not a module row of theirs passed the module filters; of the filters, the module
 * (paths that contain it), "assigned only", "overdue only" and the due-date range apply to path
 * rows, while status and certificate-date filters are about modules and leave them alone.
 */
export async function* recordLines(ctx: RecordContext, state: ContentState): AsyncGenerator<ExportLine, void, undefined> {
  if (ctx.modules.length === 0) return;
  const f = ctx.filters;
  const paths = publishedPaths(state).filter((p) => !f.moduleSlug || p.moduleSlugs.includes(f.moduleSlug));
  const people = await recordPeople(ctx);
  const slugs = new Set(ctx.modules.map((m) => m.slug));
  // Path assignments are a handful of rows per path (people, units, roles), not per person.
  const [targets, units] = await Promise.all([paths.length === 0 ? [] : getDb().select(PATH_TARGET_COLUMNS).from(pathAssignments), listOrgUnits()]);
  for (let start = 0; start < people.length; start += ctx.chunkSize) {
    // As generateRows: a turn of the event loop between chunks.
    if (start > 0) await setImmediate();
    const chunk = people.slice(start, start + ctx.chunkSize);
    const ids = chunk.map((u) => u.id);
    const rows = await chunkRows(ctx, chunk, slugs);
    const [data, yearHours] =
      paths.length === 0 ? [null, null] : await Promise.all([chunkData(ids, ctx.now), chunkYearHours(ids, ctx.hours, ctx.timeZone)]);
    let i = 0;
    for (const person of chunk) {
      // Rows come in the chunk's order of people.
      while (i < rows.length && rows[i]!.userId === person.id) yield rows[i++]!;
      if (!data || !yearHours) continue;
      const hours = rowHours(yearHours, person.id, ctx.hours);
      if (f.underTargetOnly && !hours.underTarget) continue;
      const reach = dueDatesFor(targets, person, unitAndAncestors(person.orgUnitId, units));
      for (const path of paths) {
        const line = pathLine(path, person, reach.get(path.slug)?.dueDate ?? null, data, ctx, hours);
        if (line && lineMatches(line, reach.has(path.slug), f)) yield line;
      }
    }
  }
}

function lineMatches(line: PathRecordRow, assigned: boolean, f: TrainingRecordFilters) {
  if (f.assignedOnly && !assigned) return false;
  if (f.overdueOnly && !line.overdue) return false;
  if (f.dueFrom && (!line.dueDate || line.dueDate < f.dueFrom)) return false;
  if (f.dueTo && (!line.dueDate || line.dueDate > f.dueTo)) return false;
  return true;
}

/** The person's row for one path, or null when the path is neither assigned to them nor certified. */
function pathLine(
  path: ContentPath,
  person: UserRecord,
  dueDate: string | null,
  data: ChunkData,
  ctx: RecordContext,
  hours: RowHours,
): PathRecordRow | null {
  const cert = data.pathCerts.get(`${person.id}|${path.slug}`);
  if (!cert && dueDate === null) return null;
  const certified = data.certified.get(person.id);
  const done = path.moduleSlugs.filter((s) => certified?.has(s)).length;
  // A path certificate is revoked with a module certificate it rests on (ADR 0031).
  const revoked = cert ? cert.moduleCertificateIds.some((id) => data.revoked.has(id)) : false;
  const status: PathRecordStatus = cert ? (revoked ? "revoked" : "completed") : done > 0 ? "in_progress" : "not_started";
  return {
    kind: "path",
    userId: person.id,
    staffNumber: person.staffNumber,
    name: person.name,
    email: person.email,
    orgUnit: person.orgUnitId ? (ctx.unitNames.get(person.orgUnitId) ?? null) : null,
    role: person.role,
    active: person.active,
    pathSlug: path.slug,
    pathTitle: pick(path.title, ctx.locale),
    status,
    modulesCertified: done,
    modulesTotal: path.moduleSlugs.length,
    dueDate,
    overdue: dueDate ? isOverdue(dueDate, status === "completed", ctx.today) : false,
    certificateCode: cert?.code ?? null,
    certifiedOn: cert?.issuedAt ?? null,
    ...hours,
  };
}
