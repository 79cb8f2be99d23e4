// Path certificates: issued once per person and path, in the transaction that certifies the
// path's last module (ADR 0031).
import { and, desc, eq } from "drizzle-orm";
import { CredentialRefusedError } from "~/badges/credential.server";
import { issuePathBadge } from "~/badges/path-badge.server";
import { certificateStatus } from "~/certificates/issue.server";
import { generateCertificateCode } from "~/certificates/code.server";
import { getConfig } from "~/config.server";
import { pick, type ContentModule, type ContentPath } from "~/content/model";
import type { Tx } from "~/db/client.server";
import { certificates, pathCertificates, users, type PathCertificateModule } from "~/db/schema";
import { recipientLocale } from "~/i18n/locale.server";
import { enqueueNotification } from "~/notifications/enqueue.server";
import { newId } from "~/utils/ids.server";
import { pathAssignmentsForUser } from "./assignments.server";

export type PathCertificate = typeof pathCertificates.$inferSelect;

/**
 * Issues the certificate of every path assigned to the person that contains `moduleSlug` and
 * whose modules now all hold a valid certificate. Runs inside the caller's write transaction
 * (the one that issued the module certificate), so the module certificates it reads cannot
 * change under it; the unique (user, path) index makes a replay or a second server a no-op.
 * Returns the certificates issued now.
 */
export async function completePathsIfDone(
  tx: Tx,
  input: { userId: string; moduleSlug: string; paths: Iterable<ContentPath>; modules: Map<string, ContentModule>; now: Date },
): Promise<PathCertificate[]> {
  const candidates = [...input.paths].filter((p) => p.status === "published" && p.moduleSlugs.includes(input.moduleSlug));
  if (candidates.length === 0) return [];
  const [person] = await tx
    .select({
      id: users.id,
      role: users.role,
      orgUnitId: users.orgUnitId,
      displayName: users.displayName,
      staffNumber: users.staffNumber,
      locale: users.locale,
    })
    .from(users)
    .where(eq(users.id, input.userId));
  if (!person) return [];
  const assigned = await pathAssignmentsForUser(person);
  const followed = candidates.filter((p) => assigned.has(p.slug));
  if (followed.length === 0) return [];
  const certs = await tx.select().from(certificates).where(eq(certificates.userId, input.userId)).orderBy(desc(certificates.issuedAt));
  const validBySlug = new Map<string, (typeof certs)[number]>();
  for (const c of certs) if (!validBySlug.has(c.moduleSlug) && certificateStatus(c, input.now) === "valid") validBySlug.set(c.moduleSlug, c);
  const locale = recipientLocale(person);
  const issued: PathCertificate[] = [];
  for (const path of followed) {
    if (!path.moduleSlugs.every((s) => validBySlug.has(s))) continue;
    const modules: PathCertificateModule[] = path.moduleSlugs.map((s) => {
      const c = validBySlug.get(s)!;
      const mod = input.modules.get(s);
      return {
        slug: s,
        title: mod ? pick(mod.title, locale) : c.moduleTitle,
        hours: mod?.settings.hours ?? c.hours ?? 0,
        certificateId: c.id,
        certificateCode: c.code,
      };
    });
    const [row] = await tx
      .insert(pathCertificates)
      .values({
        id: newId(),
        code: generateCertificateCode(),
        userId: input.userId,
        pathSlug: path.slug,
        pathTitle: pick(path.title, locale),
        pathDescription: pick(path.description, locale),
        holderName: person.displayName,
        staffNumber: person.staffNumber,
        locale,
        hours: modules.reduce((sum, m) => sum + m.hours, 0),
        modules,
        issuedAt: input.now,
      })
      .onConflictDoNothing({ target: [pathCertificates.userId, pathCertificates.pathSlug] })
      .returning();
    if (!row) continue;
    issued.push(row);
    // Its Open Badges credential, signed, schema-checked and kept in this same transaction (ADR
    // 0031). A credential the checks refuse is not kept and the certificate stands: it is the
    // record of what the learner did, and the download tries the credential again and refuses.
    try {
      await issuePathBadge(tx, row, path, input.now);
    } catch (error) {
      if (!(error instanceof CredentialRefusedError)) throw error;
      console.error(`path certificate ${row.code}: credential refused: ${error.message}`);
    }
    const verifyUrl = `${getConfig().publicUrl}/verify/${row.code}`;
    await enqueueNotification(tx, { kind: "path_certificate_issued", userId: input.userId, data: { path: path.title, verifyUrl } }, input.now);
  }
  return issued;
}

/** A person's path certificates, newest first. */
export async function pathCertificatesOf(tx: Pick<Tx, "select">, userId: string): Promise<PathCertificate[]> {
  return tx.select().from(pathCertificates).where(eq(pathCertificates.userId, userId)).orderBy(desc(pathCertificates.issuedAt));
}

export async function findPathCertificateByCode(tx: Pick<Tx, "select">, code: string): Promise<PathCertificate | null> {
  const [row] = await tx.select().from(pathCertificates).where(eq(pathCertificates.code, code));
  return row ?? null;
}

/** One path certificate by id: the holder's own (`userId`), or anyone's when `userId` is null (HR). */
export async function findPathCertificate(tx: Pick<Tx, "select">, id: string, userId: string | null): Promise<PathCertificate | null> {
  const [row] = await tx
    .select()
    .from(pathCertificates)
    .where(userId === null ? eq(pathCertificates.id, id) : and(eq(pathCertificates.id, id), eq(pathCertificates.userId, userId)));
  return row ?? null;
}
