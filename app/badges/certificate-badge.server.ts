import { and, eq, lte, min } from "drizzle-orm";
import { pick, type ContentModule } from "~/content/model";
import { getContent } from "~/content/registry.server";
import { getConfig } from "~/config.server";
import { getDb } from "~/db/client.server";
import { lessonProgress, openBadges, pathOpenBadges, type certificates } from "~/db/schema";
import type { Locale } from "~/db/schema/users";
import { writeTransaction } from "~/db/transaction.server";
import { makeTranslator } from "~/i18n";
import { clockNow } from "~/utils/clock.server";
import { signAchievementCredential, type AchievementDescription, type Credential } from "./credential.server";
import { getIssuer } from "./issuer.server";
import { drawFreeStatusIndex } from "./status-list.server";

// A module certificate as an Open Badges 3.0 credential. Built from the certificate row the
// first time someone asks, then kept (open_badges), so it never changes afterwards.

type CertificateRow = typeof certificates.$inferSelect;

/** The credential's id: the certificate's public verify page. */
export const credentialId = (code: string) => `${getConfig().publicUrl}/verify/${code}`;

/** The achievement of a module: the same for everyone who earns it in that major version. */
export function moduleAchievement(
  cert: Pick<CertificateRow, "moduleSlug" | "moduleTitle" | "moduleMajorVersion" | "hours" | "locale" | "assessment">,
  mod: ContentModule | null,
): AchievementDescription {
  const locale: Locale = cert.locale === "id" ? "id" : "en";
  const t = makeTranslator(locale);
  const org = getConfig().orgName;
  // The module as it is now describes the certificate only while its major version is the same.
  const same = mod && mod.majorVersion === cert.moduleMajorVersion ? mod : null;
  const criteria: string[] = [];
  if (same) {
    if (same.lessons.length) criteria.push(t("badges.criteriaLessons", { count: same.lessons.length }));
    if (same.completion !== "tasks" && same.quiz) criteria.push(t("badges.criteriaQuiz", { passMark: same.settings.passMark }));
    if (same.completion !== "quiz") {
      for (const task of same.tasks) {
        const levels = Math.max(...task.rubric.map((c) => c.levels.length), 0);
        const list = task.rubric
          .map((c) => `${pick(c.title, locale)} (${pick(c.levels[task.minLevel - 1]?.descriptor ?? c.title, locale)})`)
          .join("; ");
        criteria.push(t("badges.criteriaTask", { task: pick(task.title, locale), level: task.minLevel, levels, criteria: list }));
      }
    }
  } else {
    criteria.push(t("badges.criteriaFallback", { title: cert.moduleTitle, version: cert.moduleMajorVersion }));
    for (const a of cert.assessment ?? []) criteria.push(t("badges.criteriaTaskDone", { task: pick(a.taskTitle, locale) }));
  }
  const summary = same ? pick(same.summary, locale).trim() : "";
  return {
    // The module's page, its major version as a query (a fragment is left for the result's id).
    id: `${getConfig().publicUrl}/learn/${encodeURIComponent(cert.moduleSlug)}?version=${cert.moduleMajorVersion}`,
    name: cert.moduleTitle,
    description: summary || t("badges.descriptionFallback", { title: cert.moduleTitle, org }),
    criteria: criteria.join(" "),
    locale,
    achievementType: "Course",
    hours: cert.hours,
    hoursName: t("badges.hoursName"),
    version: String(cert.moduleMajorVersion),
  };
}

/** When the learning began: the first lesson of the module the holder opened before the certificate. */
export async function learningStart(cert: Pick<CertificateRow, "userId" | "moduleSlug" | "issuedAt">): Promise<Date | null> {
  const [row] = await getDb()
    .select({ first: min(lessonProgress.firstOpenedAt) })
    .from(lessonProgress)
    .where(
      and(eq(lessonProgress.userId, cert.userId), eq(lessonProgress.moduleSlug, cert.moduleSlug), lte(lessonProgress.firstOpenedAt, cert.issuedAt)),
    );
  const first = row?.first;
  if (first === null || first === undefined) return null;
  return first instanceof Date ? first : new Date(Number(first));
}

async function storedBadge(certificateId: string): Promise<Credential | null> {
  const [row] = await getDb().select({ credential: openBadges.credential }).from(openBadges).where(eq(openBadges.certificateId, certificateId));
  return row ? (JSON.parse(row.credential) as Credential) : null;
}

/**
 * The certificate's Open Badges 3.0 credential: the kept one, or a new one signed, checked
 * against the schema and its proof verified (signAchievementCredential), then kept.
 */
export async function badgeForCertificate(cert: CertificateRow, now: Date = clockNow()): Promise<Credential> {
  const kept = await storedBadge(cert.id);
  if (kept) return kept;
  const [issuer, state, activityStart] = await Promise.all([getIssuer(), getContent(), learningStart(cert)]);
  const achievement = moduleAchievement(cert, state.modules.get(cert.moduleSlug) ?? null);
  // A random bit, free in both credential tables. Drawn unlocked first so signing runs outside
  // the write lock; the transaction checks it again and draws anew if another credential took it.
  for (let tries = 0; tries < 20; tries++) {
    const statusIndex = await drawFreeStatusIndex(getDb());
    const credential = await signAchievementCredential(
      {
        id: credentialId(cert.code),
        achievement,
        holderName: cert.holderName,
        activityStart,
        awardedAt: cert.issuedAt,
        validUntil: cert.expiresAt,
        statusIndex,
      },
      issuer,
    );
    const text = JSON.stringify(credential);
    const stored = await writeTransaction(async (tx) => {
      const [module] = await tx.select({ id: openBadges.certificateId }).from(openBadges).where(eq(openBadges.statusIndex, statusIndex));
      const [path] = await tx
        .select({ id: pathOpenBadges.pathCertificateId })
        .from(pathOpenBadges)
        .where(eq(pathOpenBadges.statusIndex, statusIndex));
      if (!module && !path)
        await tx.insert(openBadges).values({ certificateId: cert.id, statusIndex, credential: text, createdAt: now }).onConflictDoNothing();
      const [row] = await tx.select({ credential: openBadges.credential }).from(openBadges).where(eq(openBadges.certificateId, cert.id));
      return row?.credential ?? null;
    });
    // Another request may have kept its own first: everyone gets that one.
    if (stored) return JSON.parse(stored) as Credential;
  }
  throw new Error("badgeForCertificate: no free status list bit found");
}

/** The file name a learner downloads. */
export function badgeFileName(cert: Pick<CertificateRow, "code" | "moduleSlug">) {
  return `${cert.moduleSlug}-${cert.code}.credential.json`;
}
