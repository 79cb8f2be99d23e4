// Learning path certificates as Open Badges 3.0 credentials (issue 31, ADRs 0028 and 0031): signed,
// schema-checked and kept in the transaction that issues the path certificate; verified by
// @digitalbazaar/vc and by the hand-built verifier; a tampered copy fails; revoking a module
// certificate the path rests on sets the path credential's bit; the download and verify pages.
import { eq } from "drizzle-orm";
import type { User } from "lucia";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { signAchievementCredential, type Credential } from "~/badges/credential.server";
import { badgeForPathCertificate, pathAchievement } from "~/badges/path-badge.server";
import { schemaProblems } from "~/badges/schema.server";
import { statusBit } from "~/badges/status-list.server";
import { checkBadge } from "~/badges/verify.server";
import { revokeCertificate } from "~/certificates/manage.server";
import { getContent } from "~/content/registry.server";
import { getDb } from "~/db/client.server";
import { certificates, openBadges, pathCertificates, pathOpenBadges } from "~/db/schema";
import { writeTransaction } from "~/db/transaction.server";
import { getOwnAttempt, startAttempt, submitAttempt } from "~/learning/quiz.server";
import { createPathAssignment } from "~/paths/assignments.server";
import * as didRoute from "~/routes/[.well-known].did[.]json";
import * as credentialRoute from "~/routes/certificates.path.$id.credential[.]json";
import * as certificatesRoute from "~/routes/certificates._index";
import * as statusRoute from "~/routes/credentials.status.$list";
import * as verifyCodeRoute from "~/routes/verify.$code";
import * as verifyRoute from "~/routes/verify._index";
import { clockNow } from "~/utils/clock.server";
import { todayIn } from "~/utils/dates";
import { createTestUser, makeRequest, routeArgs, run, sessionCookie, unwrap } from "../setup/factories";
import { handVerify } from "../setup/hand-verifier";
import { answerForm, completeAllLessons, moduleBySlug } from "../setup/learning";

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Deep = any;
type TestUser = Awaited<ReturnType<typeof createTestUser>>;
const ORIGIN = "http://localhost:3000";
const today = todayIn("UTC", clockNow());
const inDays = (n: number) => new Date(Date.parse(`${today}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);

const realFetch = globalThis.fetch;
const networkCalls: string[] = [];
let hr: TestUser;
beforeAll(async () => {
  globalThis.fetch = (async (input: unknown) => {
    networkCalls.push(String(input));
    throw new Error(`network access in an offline test: ${String(input)}`);
  }) as typeof fetch;
  hr = await createTestUser({ role: "hr" });
});
afterAll(() => {
  globalThis.fetch = realFetch;
  expect(networkCalls).toEqual([]);
});

async function passModule(user: TestUser, slug: string) {
  const mod = await moduleBySlug(slug);
  await completeAllLessons(user.id, mod);
  const started = await startAttempt(user, mod);
  if (!started.ok) throw new Error(`could not start ${slug}: ${started.reason}`);
  const attempt = (await getOwnAttempt(user, started.attemptId, slug))!;
  const result = await submitAttempt(user, mod, attempt, answerForm(mod, attempt), "en");
  if (!result.ok || !result.passed || !result.certificateId) throw new Error(`did not pass ${slug}`);
  return result.certificateId;
}

/** A learner (in `locale`) assigned the in-order path quick-start, who certifies both its modules. */
async function completePath(locale: "en" | "id") {
  const learner = await createTestUser({ displayName: `Sari ${locale}`, locale });
  const assigned = await createPathAssignment(
    hr as User,
    { intent: "create", pathSlug: "quick-start", targetType: "user", person: learner.email, dueDate: inDays(20) },
    await getContent(),
    today,
  );
  expect(assigned.ok).toBe(true);
  const first = await passModule(learner, "quick-module");
  expect(await getDb().select().from(pathCertificates).where(eq(pathCertificates.userId, learner.id))).toEqual([]);
  const second = await passModule(learner, "limited-module");
  const [cert] = await getDb().select().from(pathCertificates).where(eq(pathCertificates.userId, learner.id));
  expect(cert).toBeDefined();
  return { learner, cert: cert!, moduleCertificateIds: [first, second] };
}

async function keptCredential(pathCertificateId: string) {
  const [row] = await getDb().select().from(pathOpenBadges).where(eq(pathOpenBadges.pathCertificateId, pathCertificateId));
  return row ? { statusIndex: row.statusIndex, credential: JSON.parse(row.credential) as Credential } : null;
}

async function issuerKey() {
  const response = (await didRoute.loader()) as Response;
  return ((await response.json()) as Deep).verificationMethod[0].publicKeyMultibase as string;
}

async function servedStatusBit(index: number) {
  const response = (await statusRoute.loader(routeArgs(makeRequest("/credentials/status/1"), { list: "1" }) as never)) as Response;
  const list = (await response.json()) as Credential;
  expect(await handVerify(list, await issuerKey())).toBe(true);
  return statusBit((list.credentialSubject as Record<string, string>).encodedList!, index);
}

function postCredential(json: string, ip: string, lang: string) {
  const form = new FormData();
  form.append("credential", new File([json], "path.credential.json", { type: "application/json" }));
  form.append("json", "");
  const request = new Request(`${ORIGIN}/verify?index`, { method: "POST", body: form, headers: { Origin: ORIGIN, "Accept-Language": lang } });
  return run(() => verifyRoute.action(routeArgs(request, {}, { clientIp: ip }) as never));
}

describe("issuing with the path certificate", () => {
  it("keeps a schema-valid LearningProgram credential, in the certificate's language, in the same transaction", async () => {
    const { cert } = await completePath("id");
    const kept = await keptCredential(cert.id);
    expect(kept, "the credential was kept with the path certificate").not.toBeNull();
    const c = kept!.credential as Deep;
    expect(schemaProblems(c)).toEqual([]);
    expect(c.type).toEqual(["VerifiableCredential", "OpenBadgeCredential"]);
    expect(c.id).toMatch(new RegExp(`/verify/${cert.code}$`));
    expect(c.validUntil).toBeUndefined();
    expect(c.validFrom).toBe(cert.issuedAt.toISOString().replace(/\.\d{3}Z$/, "Z"));
    const state = await getContent();
    const path = state.paths.get("quick-start")!;
    const a = c.credentialSubject.achievement;
    expect(a.achievementType).toBe("LearningProgram");
    expect(a.inLanguage).toBe("id");
    expect(a.name).toBe(path.title.id);
    expect(a.description).toContain(path.description.id.trim());
    expect(a.description).toContain(path.audience.id.trim());
    // The criteria name every module, in the path's order, in Indonesian.
    const titles = path.moduleSlugs.map((s) => state.modules.get(s)!.title.id);
    expect(a.criteria.narrative).toContain("urutan berikut");
    expect(a.criteria.narrative.indexOf(titles[0]!)).toBeLessThan(a.criteria.narrative.indexOf(titles[1]!));
    // JP: the path's total, as credits and as the Learning hours result.
    expect(cert.hours).toBe(path.hours);
    expect(a.creditsAvailable).toBe(path.hours);
    expect(c.credentialSubject.creditsEarned).toBe(path.hours);
    expect(a.resultDescription[0]).toMatchObject({ name: "Jam pelajaran (JP)", resultType: "ext:LearningHours" });
    expect(c.credentialSubject.result[0]).toMatchObject({ resultDescription: a.resultDescription[0].id, value: String(path.hours) });
    expect(c.credentialSubject.identifier[0].identityHash).toBe("Sari id");
    // Its own bit, not one a module credential holds.
    expect(String(kept!.statusIndex)).toBe(c.credentialStatus.statusListIndex);
    expect(await getDb().select().from(openBadges).where(eq(openBadges.statusIndex, kept!.statusIndex))).toEqual([]);
    // The download hands out exactly the kept file.
    expect(await badgeForPathCertificate(cert, clockNow())).toEqual(kept!.credential);
  });

  it("verifies with @digitalbazaar/vc and with the hand-built verifier; a tampered copy fails both", async () => {
    const { cert } = await completePath("en");
    const { credential } = (await keptCredential(cert.id))!;
    expect((credential.credentialSubject as Deep).achievement.inLanguage).toBe("en");
    const key = await issuerKey();
    expect(await handVerify(credential, key)).toBe(true);
    expect(await checkBadge(credential)).toMatchObject({ ok: true, verdict: "valid", signature: true, revoked: false, verified: true });

    const tampered = structuredClone(credential) as Deep;
    tampered.credentialSubject.creditsEarned = 40;
    tampered.credentialSubject.result[0].value = "40";
    expect(await handVerify(tampered, key)).toBe(false);
    expect(await checkBadge(tampered)).toMatchObject({ ok: true, verdict: "forged", signature: false, verified: false });
  });

  it("refuses a credential that fails the schema, and keeps nothing", async () => {
    const { cert } = await completePath("en");
    const path = (await getContent()).paths.get("quick-start")!;
    // "Bahasa" is no BCP 47 language tag: the schema's inLanguage pattern turns it down.
    const achievement = { ...pathAchievement(cert, path), locale: "Bahasa" as never };
    const before = await getDb().select({ id: pathOpenBadges.pathCertificateId }).from(pathOpenBadges);
    await expect(
      writeTransaction(async () =>
        signAchievementCredential({
          id: "urn:x",
          achievement,
          holderName: "A",
          activityStart: null,
          awardedAt: cert.issuedAt,
          validUntil: null,
          statusIndex: 7,
        }),
      ),
    ).rejects.toThrow(/schema/);
    expect(await getDb().select({ id: pathOpenBadges.pathCertificateId }).from(pathOpenBadges)).toEqual(before);
  });

  it("makes and keeps the credential at first download for a path certificate issued without one", async () => {
    const { cert } = await completePath("en");
    // As a path certificate issued before path credentials existed.
    await getDb().delete(pathOpenBadges).where(eq(pathOpenBadges.pathCertificateId, cert.id));
    const cookie = await sessionCookie(cert.userId);
    const response = (await credentialRoute.loader(
      routeArgs(makeRequest(`/certificates/path/${cert.id}/credential.json`, { cookie }), { id: cert.id }) as never,
    )) as Response;
    expect(response.status).toBe(200);
    expect(response.headers.get("content-disposition")).toBe(`attachment; filename="path-quick-start-${cert.code}.credential.json"`);
    const downloaded = JSON.parse(await response.text()) as Credential;
    expect(schemaProblems(downloaded)).toEqual([]);
    expect((await keptCredential(cert.id))!.credential).toEqual(downloaded);
    // Someone else's path certificate is not found.
    const stranger = await sessionCookie((await createTestUser()).id);
    const other = await run(() =>
      credentialRoute.loader(routeArgs(makeRequest(`/certificates/path/${cert.id}/credential.json`, { cookie: stranger }), { id: cert.id }) as never),
    );
    expect((other.value as Response).status).toBe(404);
  });
});

describe("revocation", () => {
  it("revoking a module certificate the path rests on sets the path credential's bit", async () => {
    const { cert, moduleCertificateIds } = await completePath("en");
    const { credential, statusIndex } = (await keptCredential(cert.id))!;
    expect(await servedStatusBit(statusIndex)).toBe(false);

    const revokedAt = new Date(clockNow().getTime() + 60_000);
    const revoked = await revokeCertificate(hr, { id: moduleCertificateIds[0]!, reason: "Issued by mistake" }, revokedAt);
    expect(revoked.ok).toBe(true);
    const [moduleCert] = await getDb().select().from(certificates).where(eq(certificates.id, moduleCertificateIds[0]!));
    expect(moduleCert!.revokedAt).toEqual(revokedAt);

    expect(await servedStatusBit(statusIndex)).toBe(true);
    const later = new Date(revokedAt.getTime() + 60_000);
    expect(await checkBadge(credential, later)).toMatchObject({ ok: true, verdict: "revoked", signature: true, revoked: true, verified: false });
    // The learner's page no longer offers it for LinkedIn.
    const page = unwrap(
      await certificatesRoute.loader(routeArgs(makeRequest("/certificates", { cookie: await sessionCookie(cert.userId) })) as never),
    ).data as { pathCertificates: { id: string; linkedInUrl: string | null }[] };
    expect(page.pathCertificates.find((p) => p.id === cert.id)!.linkedInUrl).toBeNull();
  });
});

describe("the pages", () => {
  it("lists the download and LinkedIn link; /verify reads the uploaded path credential; /verify/<code> shows the path", async () => {
    const { cert } = await completePath("en");
    const cookie = await sessionCookie(cert.userId);
    const page = unwrap(await certificatesRoute.loader(routeArgs(makeRequest("/certificates", { cookie })) as never)).data as {
      pathCertificates: { id: string; linkedInUrl: string | null }[];
    };
    const link = new URL(page.pathCertificates.find((p) => p.id === cert.id)!.linkedInUrl!);
    expect(link.searchParams.get("name")).toBe(cert.pathTitle);
    expect(link.searchParams.get("certId")).toBe(cert.code);
    expect(link.searchParams.get("certUrl")).toMatch(new RegExp(`/verify/${cert.code}$`));
    expect(link.searchParams.has("expirationYear")).toBe(false);

    const { credential } = (await keptCredential(cert.id))!;
    for (const [lang, valid, kind] of [
      ["en", "Valid", "Learning path (every module in it certified)"],
      ["id", "Sah", "Jalur belajar (semua modulnya bersertifikat)"],
    ] as const) {
      const result = unwrap((await postCredential(JSON.stringify(credential), `10.9.0.${lang === "en" ? 1 : 2}`, lang)).value);
      const view = result.data as { kind: string; heading: string; facts: { label: string; value: string }[]; criteria: string };
      expect(result.status).toBe(200);
      expect(view.kind).toBe("checked");
      expect(view.heading).toContain(valid);
      expect(view.facts.map((f) => f.value)).toContain(kind);
      expect(view.facts.map((f) => f.value)).toContain(cert.pathTitle);
      expect(view.criteria).toContain((await getContent()).modules.get("quick-module")!.title.en);
    }

    const verify = unwrap(await verifyCodeRoute.loader(routeArgs(makeRequest(`/verify/${cert.code}`), { code: cert.code }) as never)).data as Deep;
    expect(JSON.stringify(verify)).toContain(cert.pathTitle);
  });
});
