// Open Badges 3.0 (issue 30, ADR 0028): every certificate yields a signed OpenBadgeCredential
// that passes the official JSON Schema, verifies with @digitalbazaar/vc and with a hand-built
// verifier (rdf-canonize + node:crypto), fails when tampered with, revoked or expired, and never
// touches the network.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { badgeForCertificate, moduleAchievement } from "~/badges/certificate-badge.server";
import { signAchievementCredential, type Credential } from "~/badges/credential.server";
import { offlineDocumentLoader, OfflineDocumentError } from "~/badges/document-loader.server";
import { getIssuer, issuerDid, newIssuerKey, type didDocument } from "~/badges/issuer.server";
import { schemaProblems } from "~/badges/schema.server";
import { encodeStatusList, statusBit, statusListCredential, STATUS_LIST_LENGTH } from "~/badges/status-list.server";
import { checkBadge } from "~/badges/verify.server";
import { revokeCertificate } from "~/certificates/manage.server";
import { resetConfig } from "~/config.server";
import { getDb } from "~/db/client.server";
import { certificates, openBadges } from "~/db/schema";
import { getOwnAttempt, startAttempt, submitAttempt } from "~/learning/quiz.server";
import * as didRoute from "~/routes/[.well-known].did[.]json";
import * as statusRoute from "~/routes/credentials.status.$list";
import { createTestUser, makeRequest, routeArgs } from "../setup/factories";
import { handVerify } from "../setup/hand-verifier";
import { answerForm, completeAllLessons, moduleBySlug } from "../setup/learning";

const db = () => getDb();
/** Credential JSON read in depth (the schema checks its shape; the tests check its values). */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Deep = any;
const realFetch = globalThis.fetch;

// Offline, and seen to be: any network fetch during these tests fails the test that made it.
const networkCalls: string[] = [];
beforeAll(() => {
  globalThis.fetch = (async (input: unknown) => {
    networkCalls.push(String(input));
    throw new Error(`network access in an offline test: ${String(input)}`);
  }) as typeof fetch;
});
afterAll(() => {
  globalThis.fetch = realFetch;
  expect(networkCalls).toEqual([]);
});

async function pass(slug: string, at: Date) {
  const person = await createTestUser({ displayName: "Ani Wulandari", locale: "id" });
  const mod = await moduleBySlug(slug);
  await completeAllLessons(person.id, mod, new Date(at.getTime() - 3 * 86_400_000));
  const started = await startAttempt({ id: person.id }, mod, at);
  if (!started.ok) throw new Error(started.reason);
  const attempt = (await getOwnAttempt({ id: person.id }, started.attemptId, mod.slug))!;
  const result = await submitAttempt({ id: person.id }, mod, attempt, answerForm(mod, attempt), "id", at);
  if (!result.ok || !result.certificateId) throw new Error("expected a certificate");
  const [cert] = await db().select().from(certificates).where(eq(certificates.id, result.certificateId));
  return { person, cert: cert!, mod };
}

async function servedDidDocument() {
  const response = (await didRoute.loader()) as Response;
  expect(response.status).toBe(200);
  return (await response.json()) as ReturnType<typeof didDocument>;
}

async function servedStatusList(): Promise<Credential> {
  const response = (await statusRoute.loader(routeArgs(makeRequest("/credentials/status/1"), { list: "1" }) as never)) as Response;
  expect(response.status).toBe(200);
  return (await response.json()) as Credential;
}

describe("issuing", () => {
  it("makes a schema-valid, signed OpenBadgeCredential from a certificate, kept in the database", async () => {
    const { cert, mod } = await pass("quick-module", new Date("2026-03-10T03:00:00Z"));
    const badge = await badgeForCertificate(cert);

    expect(schemaProblems(badge)).toEqual([]);
    expect(badge.type).toEqual(["VerifiableCredential", "OpenBadgeCredential"]);
    expect(badge.id).toBe(`http://academy.test/verify/${cert.code}`);
    expect(badge.issuer).toEqual({ id: "did:web:academy.test", type: ["Profile"], name: "Pustaka Academy", url: "http://academy.test" });
    expect(badge.validFrom).toBe("2026-03-10T03:00:00Z");
    expect(badge.validUntil).toBe("2027-03-10T03:00:00Z");
    const subject = badge.credentialSubject as Deep;
    expect(subject.identifier).toEqual([{ type: "IdentityObject", identityHash: "Ani Wulandari", identityType: "name", hashed: false }]);
    expect(subject.activityStartDate).toBe("2026-03-07T03:00:00Z");
    expect(subject.activityEndDate).toBe("2026-03-10T03:00:00Z");
    // The certificate is in Indonesian: so is the achievement, criteria in words included.
    expect(subject.achievement.name).toBe("Modul singkat");
    expect(subject.achievement.inLanguage).toBe("id");
    expect(subject.achievement.id).toBe("http://academy.test/learn/quick-module?version=1");
    expect(subject.achievement.resultDescription[0].id).toBe("http://academy.test/learn/quick-module?version=1#learning-hours");
    expect(subject.achievement.description).toBe(mod.summary.id);
    expect(subject.achievement.criteria.narrative).toContain("Lulus kuis akhir dengan nilai minimal 100%");
    // Learning hours (JP): credits, and a named result.
    expect(subject.creditsEarned).toBe(1);
    expect(subject.achievement.creditsAvailable).toBe(1);
    expect(subject.achievement.resultDescription[0]).toMatchObject({ name: "Jam pelajaran (JP)", resultType: "ext:LearningHours" });
    expect(subject.result).toEqual([{ type: ["Result"], resultDescription: subject.achievement.resultDescription[0].id, value: "1" }]);
    const status = badge.credentialStatus as Record<string, string>;
    expect(status).toMatchObject({
      type: "BitstringStatusListEntry",
      statusPurpose: "revocation",
      statusListCredential: "http://academy.test/credentials/status/1",
    });
    expect(Number(status.statusListIndex)).toBeLessThan(STATUS_LIST_LENGTH);
    expect((badge.proof as Record<string, string>[])[0]).toMatchObject({
      type: "DataIntegrityProof",
      cryptosuite: "eddsa-rdfc-2022",
      proofPurpose: "assertionMethod",
      verificationMethod: "did:web:academy.test#key-1",
      created: "2026-03-10T03:00:00Z",
    });

    // Kept: the row holds it, and asking again gives the very same credential.
    const [row] = await db().select().from(openBadges).where(eq(openBadges.certificateId, cert.id));
    expect(JSON.parse(row!.credential)).toEqual(badge);
    expect(row!.statusIndex).toBe(Number(status.statusListIndex));
    expect(await badgeForCertificate(cert)).toEqual(badge);
  });

  it("keeps the key in the database: one key, published in the DID document", async () => {
    const issuer = await getIssuer();
    const doc = await servedDidDocument();
    expect(doc.id).toBe("did:web:academy.test");
    expect(doc.assertionMethod).toEqual(["did:web:academy.test#key-1"]);
    expect(doc.verificationMethod[0]).toEqual({
      id: "did:web:academy.test#key-1",
      type: "Multikey",
      controller: "did:web:academy.test",
      publicKeyMultibase: issuer.keyPair.publicKeyMultibase,
    });
    expect(issuerDid("https://lib.example.go.id:8443/academy")).toBe("did:web:lib.example.go.id%3A8443:academy");
  });
});

describe("verifying", () => {
  it("verifies with @digitalbazaar/vc and with the hand-built verifier; a tampered copy fails both", async () => {
    const { cert } = await pass("quick-module", new Date("2026-04-02T03:00:00Z"));
    const badge = await badgeForCertificate(cert);
    const key = (await servedDidDocument()).verificationMethod[0]!.publicKeyMultibase;

    const check = await checkBadge(badge, new Date("2026-05-01T00:00:00Z"));
    expect(check).toMatchObject({ ok: true, verdict: "valid", signature: true, revoked: false, expired: false, verified: true });
    expect(check.ok && check.summary).toMatchObject({
      issuerName: "Pustaka Academy",
      holderName: "Ani Wulandari",
      achievement: "Modul singkat",
      hours: 1,
    });
    expect(await handVerify(badge, key)).toBe(true);

    const tampered = structuredClone(badge) as Deep;
    tampered.credentialSubject.achievement.name = "Modul lanjutan";
    expect(schemaProblems(tampered)).toEqual([]);
    expect(await checkBadge(tampered, new Date("2026-05-01T00:00:00Z"))).toMatchObject({
      ok: true,
      verdict: "forged",
      signature: false,
      verified: false,
    });
    expect(await handVerify(tampered, key)).toBe(false);

    const longer = structuredClone(badge) as Deep;
    longer.validUntil = "2099-01-01T00:00:00Z";
    expect(await checkBadge(longer, new Date("2026-05-01T00:00:00Z"))).toMatchObject({ verdict: "forged", verified: false });
    expect(await handVerify(longer, key)).toBe(false);
  });

  it("fails once expired (the clock is the caller's)", async () => {
    const { cert } = await pass("quick-module", new Date("2026-01-15T03:00:00Z"));
    const badge = await badgeForCertificate(cert);
    expect(badge.validUntil).toBe("2027-01-15T03:00:00Z");
    expect(await checkBadge(badge, new Date("2027-01-15T02:59:59Z"))).toMatchObject({ verdict: "valid", verified: true });
    expect(await checkBadge(badge, new Date("2027-01-15T03:00:01Z"))).toMatchObject({
      verdict: "expired",
      signature: true,
      expired: true,
      verified: false,
    });
  });

  it("turns down what is not an Open Badges credential, and credentials of other issuers", async () => {
    expect(await checkBadge({ hello: "world" })).toMatchObject({ ok: false, error: "not-credential" });
    expect(await checkBadge("text")).toMatchObject({ ok: false, error: "not-credential" });
    const { cert } = await pass("quick-module", new Date("2026-02-01T03:00:00Z"));
    const other = structuredClone(await badgeForCertificate(cert)) as Deep;
    other.issuer.id = "did:web:elsewhere.example";
    expect(await checkBadge(other)).toEqual({ ok: false, error: "other-issuer", issuer: "did:web:elsewhere.example" });
  });
});

describe("revocation", () => {
  it("revoking the certificate sets its bit and re-signs the list; the credential then fails", async () => {
    const { cert } = await pass("quick-module", new Date("2026-06-01T03:00:00Z"));
    const badge = await badgeForCertificate(cert);
    const index = Number((badge.credentialStatus as Record<string, string>).statusListIndex);
    const key = (await servedDidDocument()).verificationMethod[0]!.publicKeyMultibase;
    const at = new Date("2026-06-20T00:00:00Z");

    const before = await servedStatusList();
    expect(before.type).toEqual(["VerifiableCredential", "BitstringStatusListCredential"]);
    expect(await handVerify(before, key)).toBe(true);
    const encodedBefore = (before.credentialSubject as Record<string, string>).encodedList!;
    expect(statusBit(encodedBefore, index)).toBe(false);

    const hr = await createTestUser({ role: "hr" });
    const revoked = await revokeCertificate(hr, { id: cert.id, reason: "Issued by mistake" }, new Date("2026-06-15T05:00:00Z"));
    expect(revoked.ok).toBe(true);

    const after = await servedStatusList();
    expect(await handVerify(after, key)).toBe(true);
    expect(after.validFrom).toBe("2026-06-15T05:00:00Z");
    expect((after.proof as Record<string, string>[])[0]!.proofValue).not.toBe((before.proof as Record<string, string>[])[0]!.proofValue);
    expect(statusBit((after.credentialSubject as Record<string, string>).encodedList!, index)).toBe(true);
    // The same file, unchanged: the signature still holds, the status fails.
    expect(await checkBadge(badge, at)).toMatchObject({ ok: true, verdict: "revoked", signature: true, revoked: true, verified: false });

    // A tampered list fails its own proof, so its bits are not believed.
    const forgedList = structuredClone(after) as Deep;
    forgedList.credentialSubject.encodedList = encodeStatusList([]);
    expect(await handVerify(forgedList, key)).toBe(false);
  });

  it("encodes bits left to right as GZIP + multibase base64url", () => {
    const encoded = encodeStatusList([0, 9, STATUS_LIST_LENGTH - 1]);
    expect(encoded.startsWith("u")).toBe(true);
    expect([0, 9, STATUS_LIST_LENGTH - 1].map((i) => statusBit(encoded, i))).toEqual([true, true, true]);
    expect([1, 8, 10].map((i) => statusBit(encoded, i))).toEqual([false, false, false]);
    expect(() => statusBit(encoded, STATUS_LIST_LENGTH)).toThrow(/outside/);
  });
});

describe("offline and honest", () => {
  it("serves only bundled contexts and our own documents; any other URL throws", async () => {
    const loader = offlineDocumentLoader();
    await expect(loader("https://www.w3.org/ns/credentials/v2")).resolves.toMatchObject({ documentUrl: "https://www.w3.org/ns/credentials/v2" });
    await expect(loader("https://www.w3.org/ns/credentials/examples/v2")).rejects.toBeInstanceOf(OfflineDocumentError);
    await expect(loader("https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.2.json")).rejects.toBeInstanceOf(OfflineDocumentError);
  });

  it("never hands out a credential that fails the schema", async () => {
    const { cert, mod } = await pass("quick-module", new Date("2026-07-01T03:00:00Z"));
    // "Bahasa" is no BCP 47 language tag: the schema's inLanguage pattern turns it down.
    const achievement = { ...moduleAchievement(cert, mod), locale: "Bahasa" as never };
    await expect(
      signAchievementCredential({
        id: "urn:x",
        achievement,
        holderName: "A",
        activityStart: null,
        awardedAt: cert.issuedAt,
        validUntil: null,
        statusIndex: 1,
      }),
    ).rejects.toThrow(/schema/);
  });

  it("signs with the key named in BADGE_KEY_FILE when set", async () => {
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "badge-key-")), "key.json");
    const key = await newIssuerKey();
    fs.writeFileSync(file, JSON.stringify(key));
    process.env.BADGE_KEY_FILE = file;
    resetConfig();
    try {
      const issuer = await getIssuer();
      expect(issuer.keyPair.publicKeyMultibase).toBe(key.publicKeyMultibase);
      const list = await statusListCredential();
      expect(await handVerify(list, key.publicKeyMultibase)).toBe(true);
    } finally {
      delete process.env.BADGE_KEY_FILE;
      resetConfig();
    }
  });
});
