import { and, eq, inArray, lte, min } from "drizzle-orm";
import { pick, type ContentPath } from "~/content/model";
import { getContent } from "~/content/registry.server";
import { getConfig } from "~/config.server";
import { getDb, type Tx } from "~/db/client.server";
import { lessonProgress, pathOpenBadges, type pathCertificates } from "~/db/schema";
import type { Locale } from "~/db/schema/users";
import { writeTransaction } from "~/db/transaction.server";
import { makeTranslator } from "~/i18n";
import { credentialId } from "./certificate-badge.server";
import { signAchievementCredential, type AchievementDescription, type Credential } from "./credential.server";
import { getIssuer } from "./issuer.server";
import { drawFreeStatusIndex } from "./status-list.server";

// A learning path certificate as an Open Badges 3.0 credential (ADR 0028, ADR 0031). Signed and
// kept in the transaction that issues the path certificate; a path certificate issued before
// path credentials existed gets its credential, built the same way, at its first download.

type PathCertificateRow = typeof pathCertificates.$inferSelect;

/** The achievement of a path, in the certificate's language: what its holder completed. */
export function pathAchievement(cert: PathCertificateRow, path: ContentPath | null): AchievementDescription {
  const locale: Locale = cert.locale === "id" ? "id" : "en";
  const t = makeTranslator(locale);
  const audience = path ? pick(path.audience, locale).trim() : "";
  const description = cert.pathDescription.trim() || t("paths.badge.descriptionFallback", { path: cert.pathTitle, org: getConfig().orgName });
  const modules = cert.modules.map((m) => `“${m.title}”`).join("; ");
  const inOrder = path?.inOrder === true;
  return {
    id: `${getConfig().publicUrl}/learn/paths/${encodeURIComponent(cert.pathSlug)}`,
    name: cert.pathTitle,
    description: audience ? `${description}\n\n${t("paths.badge.audience", { audience })}` : description,
    criteria: t(inOrder ? "paths.badge.criteriaInOrder" : "paths.badge.criteria", { count: cert.modules.length, modules }),
    locale,
    // OB 3.0's achievementType for "a program of learning": a path is several courses together.
    achievementType: "LearningProgram",
    hours: cert.hours,
    hoursName: t("badges.hoursName"),
  };
}

/** When the path's learning began: the first lesson of any of its modules opened before the certificate. */
async function pathLearningStart(tx: Pick<Tx, "select">, cert: PathCertificateRow): Promise<Date | null> {
  const slugs = cert.modules.map((m) => m.slug);
  if (slugs.length === 0) return null;
  const [row] = await tx
    .select({ first: min(lessonProgress.firstOpenedAt) })
    .from(lessonProgress)
    .where(and(eq(lessonProgress.userId, cert.userId), inArray(lessonProgress.moduleSlug, slugs), lte(lessonProgress.firstOpenedAt, cert.issuedAt)));
  const first = row?.first;
  if (first === null || first === undefined) return null;
  return first instanceof Date ? first : new Date(Number(first));
}

/**
 * Signs the path certificate's credential (schema and proof checked by signAchievementCredential,
 * which throws otherwise) and keeps it, inside the caller's write transaction: a status bit is
 * drawn free in both credential tables under the write lock, so none is shared.
 */
export async function issuePathBadge(tx: Tx, cert: PathCertificateRow, path: ContentPath | null, now: Date): Promise<Credential> {
  const [issuer, activityStart, statusIndex] = await Promise.all([getIssuer(), pathLearningStart(tx, cert), drawFreeStatusIndex(tx)]);
  const credential = await signAchievementCredential(
    {
      id: credentialId(cert.code),
      achievement: pathAchievement(cert, path),
      holderName: cert.holderName,
      activityStart,
      awardedAt: cert.issuedAt,
      // A path certificate never expires (ADR 0031): it records that the path was completed.
      validUntil: null,
      statusIndex,
    },
    issuer,
  );
  await tx.insert(pathOpenBadges).values({ pathCertificateId: cert.id, statusIndex, credential: JSON.stringify(credential), createdAt: now });
  return credential;
}

async function storedPathBadge(tx: Pick<Tx, "select">, pathCertificateId: string): Promise<Credential | null> {
  const [row] = await tx
    .select({ credential: pathOpenBadges.credential })
    .from(pathOpenBadges)
    .where(eq(pathOpenBadges.pathCertificateId, pathCertificateId));
  return row ? (JSON.parse(row.credential) as Credential) : null;
}

/** The path certificate's credential: the kept one, or (for one issued before path credentials) made and kept now. */
export async function badgeForPathCertificate(cert: PathCertificateRow, now: Date): Promise<Credential> {
  const kept = await storedPathBadge(getDb(), cert.id);
  if (kept) return kept;
  const path = (await getContent()).paths.get(cert.pathSlug) ?? null;
  // The issuer is loaded (or its key made) before the write lock is taken.
  await getIssuer();
  return writeTransaction(async (tx) => (await storedPathBadge(tx, cert.id)) ?? issuePathBadge(tx, cert, path, now));
}

/** The file name a learner downloads. */
export function pathBadgeFileName(cert: Pick<PathCertificateRow, "code" | "pathSlug">) {
  return `path-${cert.pathSlug}-${cert.code}.credential.json`;
}
