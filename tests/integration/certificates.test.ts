import { and, eq } from "drizzle-orm";
import { strFromU8, unzipSync } from "fflate";
import { describe, expect, it } from "vitest";
import { getContent } from "~/content/registry.server";
import { getDb } from "~/db/client.server";
import { writeTransaction } from "~/db/transaction.server";
import { auditEvents, certificates, quizAttempts, type Locale } from "~/db/schema";
import { certificateStatus, certificatesOf, issueCertificate, type Certificate } from "~/certificates/issue.server";
import { CODE_ALPHABET } from "~/certificates/code.server";
import { listCertificates, myCertificates, revokeCertificate } from "~/certificates/manage.server";
import { VERIFY_LIMIT } from "~/auth/rate-limit.server";
import { certificatesZipStream } from "~/certificates/zip.server";
import { getOwnAttempt, startAttempt, submitAttempt } from "~/learning/quiz.server";
import { moduleStatus } from "~/learning/status.server";
import { progressFor } from "~/learning/progress.server";
import * as verifyIndexRoute from "~/routes/verify._index";
import * as verifyRoute from "~/routes/verify.$code";
import * as myCertificatesRoute from "~/routes/certificates._index";
import * as pdfRoute from "~/routes/certificates.$id.pdf";
import * as hrRoute from "~/routes/hr.certificates";
import * as zipRoute from "~/routes/hr.certificates[.]zip";
import { createOrgUnit, createTestUser, makeRequest, routeArgs, run, sessionCookie, unwrap } from "../setup/factories";
import { answerForm, completeAllLessons, moduleBySlug } from "../setup/learning";
import { clockNow } from "~/utils/clock.server";
import { refusedAsDuplicate } from "../setup/db-errors";

const DAY = 86_400_000;
const db = () => getDb();

/** Completes the lessons, starts an attempt and answers everything right: a pass. */
async function pass(user: { id: string }, slug = "quick-module", now = clockNow(), locale: Locale = "en") {
  const mod = await moduleBySlug(slug);
  await completeAllLessons(user.id, mod, now);
  const started = await startAttempt(user, mod, now);
  if (!started.ok) throw new Error(`could not start: ${started.reason}`);
  const attempt = (await getOwnAttempt(user, started.attemptId, mod.slug))!;
  const result = await submitAttempt(user, mod, attempt, answerForm(mod, attempt), locale, now);
  if (!result.ok || !result.passed || !result.certificateId) throw new Error("expected a pass with a certificate");
  const cert = (await db().select().from(certificates).where(eq(certificates.id, result.certificateId)))[0]!;
  return { mod, attempt, result, cert };
}

const statusOf = async (userId: string, slug: string, now = clockNow()) => {
  const mod = await moduleBySlug(slug);
  const attempts = await db().select().from(quizAttempts).where(eq(quizAttempts.userId, userId));
  return moduleStatus(mod, await progressFor(userId, slug), attempts, await certificatesOf(userId, slug), now);
};

let ipCounter = 0;
/** Each call gets its own client address, so these tests never share a rate-limit window. */
const freshIp = () => `192.0.2.${++ipCounter}`;

async function verify(code: string, ip = freshIp()) {
  const { value } = await run(() => verifyRoute.loader(routeArgs(makeRequest(`/verify/${code}`), { code }, { clientIp: ip }) as never));
  return unwrap(value) as { status: number; data: { kind: string; view?: Record<string, unknown> } | null; headers: Headers };
}

describe("issuing", () => {
  it("stores the snapshot: name, staff number, title in the learner's language, version, score, dates, code", async () => {
    const user = await createTestUser({ displayName: "Nguyễn Thị Ánh", staffNumber: "PN-0042", locale: "id" });
    const now = new Date("2025-01-31T10:00:00Z");
    const { cert, mod, attempt } = await pass(user, "quick-module", now, "id");
    expect(cert).toMatchObject({
      userId: user.id,
      attemptId: attempt.id,
      holderName: "Nguyễn Thị Ánh",
      staffNumber: "PN-0042",
      moduleSlug: "quick-module",
      moduleTitle: "Modul singkat",
      moduleMajorVersion: mod.majorVersion,
      moduleContentHash: mod.contentHash,
      locale: "id",
      score: 100,
      revokedAt: null,
    });
    expect(cert.issuedAt.toISOString()).toBe(now.toISOString());
    expect(cert.expiresAt?.toISOString()).toBe("2026-01-31T10:00:00.000Z");
    expect(cert.code).toMatch(/^[A-Z0-9]{4}-[A-Z0-9]{4}-[A-Z0-9]{4}-[A-Z0-9]{4}$/);
    for (const ch of cert.code.replace(/-/g, "")) expect(CODE_ALPHABET).toContain(ch);
  });

  it("issues exactly one certificate when the same passing attempt is submitted twice (racing or replayed)", async () => {
    const user = await createTestUser();
    const mod = await moduleBySlug("quick-module");
    await completeAllLessons(user.id, mod);
    const started = await startAttempt(user, mod);
    if (!started.ok) throw new Error(started.reason);
    // Both requests loaded the attempt before either graded it.
    const stale = (await getOwnAttempt(user, started.attemptId, mod.slug))!;
    const [first, second] = await Promise.all([
      Promise.resolve().then(() => submitAttempt(user, mod, stale, answerForm(mod, stale), "en")),
      Promise.resolve().then(() => submitAttempt(user, mod, stale, answerForm(mod, stale), "en")),
    ]);
    expect(first.ok && second.ok).toBe(true);
    if (!first.ok || !second.ok) return;
    expect(first.certificateId).toBeTruthy();
    expect(second.certificateId).toBe(first.certificateId);
    expect(second.alreadyGraded).toBe(true);
    expect(await db().select().from(certificates).where(eq(certificates.attemptId, stale.id))).toHaveLength(1);

    // issueCertificate itself is idempotent per attempt …
    const again = await writeTransaction((tx) =>
      issueCertificate(tx, { userId: user.id, module: mod, attemptId: stale.id, score: 100, now: clockNow() }),
    );
    expect(again.id).toBe(first.certificateId);
    // … and the database refuses a second row for the attempt even if two processes raced past that check.
    const existing = (await db().select().from(certificates).where(eq(certificates.attemptId, stale.id)))[0]!;
    expect(
      await refusedAsDuplicate(
        db()
          .insert(certificates)
          .values({ ...existing, id: "second-row", code: "2222-3333-4444-6666" }),
      ),
    ).toMatch(/certificates\.attempt_id|\(attempt_id\)/);
    expect(await db().select().from(certificates).where(eq(certificates.userId, user.id))).toHaveLength(1);
  });

  it("lets a certificate expire, shows the module as expired, and issues a new one on the next pass", async () => {
    const user = await createTestUser();
    const issued = new Date("2024-03-01T08:00:00Z");
    const { cert: first } = await pass(user, "quick-module", issued);
    const dayBefore = new Date(first.expiresAt!.getTime() - DAY);
    const dayAfter = new Date(first.expiresAt!.getTime() + DAY);
    expect(certificateStatus(first, dayBefore)).toBe("valid");
    expect((await statusOf(user.id, "quick-module", dayBefore)).status).toBe("passed");
    expect(certificateStatus(first, dayAfter)).toBe("expired");
    expect((await statusOf(user.id, "quick-module", dayAfter)).status).toBe("expired");

    const { cert: second } = await pass(user, "quick-module", dayAfter);
    expect(second.id).not.toBe(first.id);
    expect(second.code).not.toBe(first.code);
    expect(second.attemptId).not.toBe(first.attemptId);
    expect(second.issuedAt.toISOString()).toBe(dayAfter.toISOString());
    expect((await statusOf(user.id, "quick-module", new Date(dayAfter.getTime() + 1000))).status).toBe("passed");
    expect(await certificatesOf(user.id, "quick-module")).toHaveLength(2);
  });

  it("issues a certificate without expiry for a module without a validity period", async () => {
    const user = await createTestUser();
    const { cert } = await pass(user, "limited-module");
    expect(cert.expiresAt).toBeNull();
    expect(certificateStatus(cert, new Date(clockNow().getTime() + 50 * 365 * DAY))).toBe("valid");
  });
});

describe("verification", () => {
  it("shows a valid certificate with the name, module and dates, and nothing more about the person", async () => {
    const user = await createTestUser({ displayName: "Zoë Ðorđević", staffNumber: "SECRET-77" });
    const { cert } = await pass(user);
    const { status, data } = await verify(cert.code);
    expect(status).toBe(200);
    expect(data?.kind).toBe("found");
    expect(data?.view).toMatchObject({
      status: "valid",
      holderName: "Zoë Ðorđević",
      moduleTitle: "Quick module",
      issuedAt: cert.issuedAt.toISOString(),
      expiresAt: cert.expiresAt!.toISOString(),
      revokedAt: null,
      earlierVersion: false,
    });
    const json = JSON.stringify(data);
    expect(json).not.toContain("SECRET-77");
    expect(json).not.toContain(user.email);
    expect(json).not.toContain(user.id);
  });

  it("redirects a code typed in lower case or without dashes to its canonical address", async () => {
    const user = await createTestUser();
    const { cert } = await pass(user);
    const sloppy = cert.code.toLowerCase().replace(/-/g, "");
    const { thrown, value } = await run(() => verifyRoute.loader(routeArgs(makeRequest(`/verify/${sloppy}`), { code: sloppy }) as never));
    expect(thrown).toBe(true);
    expect((value as Response).status).toBe(302);
    expect((value as Response).headers.get("Location")).toBe(`/verify/${cert.code}`);

    const form = await run(() => verifyIndexRoute.loader(routeArgs(makeRequest(`/verify?code=${encodeURIComponent(` ${sloppy} `)}`)) as never));
    expect((form.value as Response).headers.get("Location")).toBe(`/verify/${cert.code}`);
    const bad = unwrap((await run(() => verifyIndexRoute.loader(routeArgs(makeRequest("/verify?code=not-a-code")) as never))).value);
    expect(bad.status).toBe(400);
    expect(bad.data).toMatchObject({ errors: { code: "validation.certificateCode" } });
    const empty = unwrap((await run(() => verifyIndexRoute.loader(routeArgs(makeRequest("/verify?code=")) as never))).value);
    expect(empty).toMatchObject({ status: 400, data: { errors: { code: "validation.required" } } });
  });

  it("answers 404 for unknown or malformed codes, never 500", async () => {
    for (const code of ["2222-3333-4444-6666", "nonsense", "<script>alert(1)</script>", "x".repeat(5000), "%00"]) {
      const { status, data } = await verify(code);
      expect(status, code.slice(0, 20)).toBe(404);
      expect(data?.kind).toBe("not-found");
    }
  });

  it("shows a revocation with its date but not its reason, audited in the same transaction", async () => {
    const user = await createTestUser();
    const hr = await createTestUser({ role: "hr" });
    const { cert } = await pass(user);
    const staff = await createTestUser();
    await expect(run(() => revokeCertificate(staff, { id: cert.id, reason: "trying" }))).resolves.toMatchObject({ thrown: true });

    const when = clockNow();
    const result = await revokeCertificate(hr, { id: cert.id, reason: "Answers were shared in a chat group" }, when);
    expect(result.ok).toBe(true);
    const { status, data } = await verify(cert.code);
    expect(status).toBe(200);
    expect(data?.view).toMatchObject({ status: "revoked", revokedAt: when.toISOString() });
    expect(JSON.stringify(data)).not.toContain("chat group");

    const audit = await db()
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.action, "certificate.revoke"), eq(auditEvents.subjectId, cert.id)));
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ actorId: hr.id, details: { reason: "Answers were shared in a chat group", code: cert.code } });
    // A revoked certificate starts a new cycle: the module is due again.
    expect((await statusOf(user.id, "quick-module", new Date(when.getTime() + 1000))).status).toBe("expired");
    // Revoking twice changes nothing.
    expect(await revokeCertificate(hr, { id: cert.id, reason: "again" })).toEqual({ ok: false, reason: "already-revoked" });
    expect(await revokeCertificate(hr, { id: "no-such-id", reason: "again" })).toEqual({ ok: false, reason: "not-found" });
  });

  it("shows an expired certificate as expired", async () => {
    const user = await createTestUser();
    const { cert } = await pass(user, "quick-module", new Date(clockNow().getTime() - 400 * DAY));
    const { data } = await verify(cert.code);
    expect(data?.view).toMatchObject({ status: "expired", expiresAt: cert.expiresAt!.toISOString() });
  });

  it("keeps the issued snapshot when the module changes, and notes an earlier major version", async () => {
    const user = await createTestUser();
    const { cert } = await pass(user);
    const mod = (await getContent()).modules.get("quick-module")!;
    const saved = { majorVersion: mod.majorVersion, title: mod.title, contentHash: mod.contentHash };
    try {
      mod.title = { en: "Quick module, second edition", id: "Modul singkat, edisi kedua" };
      mod.contentHash = "changed";
      const minor = await verify(cert.code);
      expect(minor.data?.view).toMatchObject({ status: "valid", moduleTitle: "Quick module", earlierVersion: false });
      mod.majorVersion = saved.majorVersion + 1;
      const major = await verify(cert.code);
      expect(major.data?.view).toMatchObject({ status: "valid", moduleTitle: "Quick module", earlierVersion: true });
      const stored = (await db().select().from(certificates).where(eq(certificates.id, cert.id)))[0]!;
      expect(stored).toEqual(cert);
    } finally {
      Object.assign(mod, saved);
    }
  });

  it(`allows ${VERIFY_LIMIT} look-ups a minute per client address, then answers 429`, async () => {
    const user = await createTestUser();
    const { cert } = await pass(user);
    const ip = "198.51.100.7";
    for (let i = 0; i < VERIFY_LIMIT; i++) {
      const { status } = await verify(i % 2 ? cert.code : "2222-3333-4444-6666", ip);
      expect(status).toBe(i % 2 ? 200 : 404);
    }
    const blocked = await verify(cert.code, ip);
    expect(blocked.status).toBe(429);
    expect(blocked.data?.kind).toBe("throttled");
    expect(blocked.data).not.toHaveProperty("view");
    expect(Number(blocked.headers.get("Retry-After"))).toBeGreaterThan(0);
    // Another address is not affected.
    expect((await verify(cert.code, "198.51.100.8")).status).toBe(200);
  });
});

describe("downloads and my certificates", () => {
  it("serves the PDF to its holder and to HR, and 404 to another staff member", async () => {
    const owner = await createTestUser();
    const other = await createTestUser();
    const hr = await createTestUser({ role: "hr" });
    const { cert } = await pass(owner);
    const download = async (userId: string | null, id = cert.id) => {
      const cookie = userId ? await sessionCookie(userId) : undefined;
      return run(() => pdfRoute.loader(routeArgs(makeRequest(`/certificates/${id}/pdf`, { cookie }), { id }) as never));
    };
    const mine = await download(owner.id);
    expect(mine.thrown).toBe(false);
    const response = mine.value as Response;
    expect(response.status).toBe(200);
    expect(response.headers.get("Content-Type")).toBe("application/pdf");
    expect(response.headers.get("Content-Disposition")).toMatch(/^attachment; filename="quick-module_.+\.pdf"$/);
    const bytes = new Uint8Array(await response.arrayBuffer());
    expect(strFromU8(bytes.subarray(0, 5))).toBe("%PDF-");

    const theirs = await download(other.id);
    expect(theirs.thrown).toBe(true);
    expect((theirs.value as Response).status).toBe(404);
    expect(((await download(hr.id)).value as Response).status).toBe(200);
    expect(((await download(owner.id, "../../etc/passwd")).value as Response).status).toBe(404);
    const anonymous = await download(null);
    expect((anonymous.value as Response).status).toBe(302);
    expect((anonymous.value as Response).headers.get("Location")).toMatch(/^\/login\?redirectTo=/);
  });

  it("lists my certificates with renew-by dates and a retake link for expired ones", async () => {
    const user = await createTestUser();
    const now = clockNow();
    // Passed 11 months ago: valid for one more month, so "renew by" shows.
    const { cert: soon } = await pass(user, "quick-module", new Date(now.getTime() - 335 * DAY));
    const { cert: forever } = await pass(user, "limited-module", new Date(now.getTime() - 10 * DAY));
    const state = await getContent();
    const list = await myCertificates(user, state, now);
    expect(list.map((c) => c.id)).toEqual([forever.id, soon.id]);
    expect(list[1]).toMatchObject({
      status: "valid",
      renewBy: soon.expiresAt!.toISOString(),
      retakeTo: null,
      verifyUrl: `http://academy.test/verify/${soon.code}`,
    });
    expect(list[0]).toMatchObject({ status: "valid", renewBy: null, expiresAt: null });

    const later = new Date(soon.expiresAt!.getTime() + DAY);
    const afterExpiry = await myCertificates(user, state, later);
    expect(afterExpiry.find((c) => c.id === soon.id)).toMatchObject({ status: "expired", renewBy: null, retakeTo: "/learn/quick-module" });

    const cookie = await sessionCookie(user.id);
    const page = unwrap(await myCertificatesRoute.loader(routeArgs(makeRequest(`/certificates?share=${soon.id}`, { cookie })) as never));
    expect(page.data).toMatchObject({ shareId: soon.id });
    // Somebody else's id in ?share= is ignored.
    const stranger = await createTestUser();
    const strangerCookie = await sessionCookie(stranger.id);
    const strangerPage = unwrap(
      await myCertificatesRoute.loader(routeArgs(makeRequest(`/certificates?share=${soon.id}`, { cookie: strangerCookie })) as never),
    );
    expect(strangerPage.data).toMatchObject({ shareId: null, certificates: [] });
  });
});

describe("HR certificates", () => {
  it("filters by org unit including sub-units, module, issued date range and status", async () => {
    const hr = await createTestUser({ role: "hr" });
    const region = await createOrgUnit("Region Barat");
    const branch = await createOrgUnit("Cabang Kota", region.id);
    const elsewhere = await createOrgUnit("Region Timur");
    const inBranch = await createTestUser({ orgUnitId: branch.id, displayName: "Branch Person" });
    const inRegion = await createTestUser({ orgUnitId: region.id, displayName: "Region Person" });
    const outside = await createTestUser({ orgUnitId: elsewhere.id, displayName: "Outside Person" });
    const a = (await pass(inBranch, "quick-module", new Date("2025-02-10T12:00:00Z"))).cert;
    const b = (await pass(inRegion, "limited-module", new Date("2025-03-10T12:00:00Z"))).cert;
    const c = (await pass(outside, "quick-module", new Date("2025-02-15T12:00:00Z"))).cert;

    const cookie = await sessionCookie(hr.id);
    const list = async (qs: string) => {
      const res = unwrap(await hrRoute.loader(routeArgs(makeRequest(`/hr/certificates?${qs}`, { cookie })) as never));
      return (res.data as { rows: { id: string }[] }).rows.map((r) => r.id).filter((id) => [a.id, b.id, c.id].includes(id));
    };
    expect((await list(`orgUnit=${region.id}`)).sort()).toEqual([a.id, b.id].sort());
    expect(await list(`orgUnit=${branch.id}`)).toEqual([a.id]);
    expect(await list(`orgUnit=${region.id}&module=limited-module`)).toEqual([b.id]);
    expect((await list("from=2025-02-01&to=2025-02-28")).sort()).toEqual([a.id, c.id].sort());
    expect(await list("from=2025-03-10&to=2025-03-10")).toEqual([b.id]);
    expect(await list(`q=${encodeURIComponent("Outside")}`)).toEqual([c.id]);
    expect((await list("status=expired")).sort()).toEqual([a.id, c.id].sort());
    // Nonsense in the query string is ignored, not a 500.
    expect((await list("from=2025-13-45&status=weird&page=-3&orgUnit=%3Cx%3E")).length).toBe(3);

    const staffCookie = await sessionCookie((await createTestUser()).id);
    const denied = await run(() => hrRoute.loader(routeArgs(makeRequest("/hr/certificates", { cookie: staffCookie })) as never));
    expect((denied.value as Response).status).toBe(403);
  });

  it("revokes through the form with a reason, and re-renders a missing reason as a field error", async () => {
    const hr = await createTestUser({ role: "admin" });
    const user = await createTestUser();
    const { cert } = await pass(user);
    const cookie = await sessionCookie(hr.id);
    const post = (form: Record<string, string>) =>
      run(() => hrRoute.action(routeArgs(makeRequest(`/hr/certificates?revoke=${cert.id}`, { cookie, form })) as never));

    const short = unwrap((await post({ intent: "revoke", certificateId: cert.id, reason: " no " })).value);
    expect(short).toMatchObject({ status: 400, data: { errors: { reason: "validation.revokeReasonShort" } } });
    const missing = unwrap((await post({ intent: "revoke", certificateId: cert.id })).value);
    expect(missing).toMatchObject({ status: 400, data: { errors: { reason: "validation.required" } } });
    const noId = await post({ intent: "revoke", reason: "A real reason here" });
    expect((noId.value as Response).status).toBe(400);
    expect((await db().select().from(certificates).where(eq(certificates.id, cert.id)))[0]!.revokedAt).toBeNull();

    const done = await post({
      intent: "revoke",
      certificateId: cert.id,
      reason: "Issued by mistake",
      returnTo: "/hr/certificates?module=quick-module",
    });
    expect((done.value as Response).status).toBe(302);
    expect((done.value as Response).headers.get("Location")).toBe("/hr/certificates?module=quick-module&done=revoked");
    const stored = (await db().select().from(certificates).where(eq(certificates.id, cert.id)))[0]!;
    expect(stored).toMatchObject({ revokedReason: "Issued by mistake", revokedBy: hr.id });
    expect(stored.revokedAt).toBeInstanceOf(Date);
    // An outside returnTo is not followed.
    const again = await post({ intent: "revoke", certificateId: cert.id, reason: "Issued by mistake", returnTo: "https://evil.example/x" });
    expect((again.value as Response).headers.get("Location")).toBe("/hr/certificates?done=already");
  });

  it("streams the filtered certificates as one ZIP of PDFs", async () => {
    const hr = await createTestUser({ role: "hr" });
    const unit = await createOrgUnit("Zip Unit");
    const people = await Promise.all(
      [1, 2, 3].map((n) => createTestUser({ orgUnitId: unit.id, displayName: n === 1 ? "Nguyễn Thị Ánh" : `Zip Person ${n}` })),
    );
    const certs: Certificate[] = [];
    for (const person of people) certs.push((await pass(person)).cert);

    const cookie = await sessionCookie(hr.id);
    const response = (await zipRoute.loader(routeArgs(makeRequest(`/hr/certificates.zip?orgUnit=${unit.id}`, { cookie })) as never)) as Response;
    expect(response.status).toBe(200);
    expect(response.headers.get("Content-Type")).toBe("application/zip");
    const files = unzipSync(new Uint8Array(await response.arrayBuffer()));
    const names = Object.keys(files).sort();
    expect(names).toHaveLength(3);
    for (const cert of certs) expect(names.some((n) => n.endsWith(`${cert.code}.pdf`))).toBe(true);
    expect(names.some((n) => n.includes("Nguyen-Thi-Anh"))).toBe(true);
    for (const name of names) expect(strFromU8(files[name]!.subarray(0, 5))).toBe("%PDF-");
    const audit = await db()
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.action, "certificate.bulk-download"), eq(auditEvents.actorId, hr.id)));
    expect(audit).toHaveLength(1);

    const staffCookie = await sessionCookie((await createTestUser()).id);
    const denied = await run(() => zipRoute.loader(routeArgs(makeRequest("/hr/certificates.zip", { cookie: staffCookie })) as never));
    expect((denied.value as Response).status).toBe(403);
  });

  it("builds the ZIP lazily: reading the start does not build every PDF", async () => {
    const hr = await createTestUser({ role: "hr" });
    const user = await createTestUser();
    const { cert } = await pass(user);
    let pulled = 0;
    function* many() {
      for (let i = 0; i < 50; i++) {
        pulled++;
        yield { ...cert, code: `${cert.code}-${i}` };
      }
    }
    const reader = certificatesZipStream(many()).getReader();
    const first = await reader.read();
    expect(first.done).toBe(false);
    expect(pulled).toBeLessThanOrEqual(2);
    await reader.cancel();
    expect(pulled).toBeLessThanOrEqual(3);
    expect((await listCertificates(hr, {})).total).toBeGreaterThan(0);
  });
});
