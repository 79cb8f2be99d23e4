// Open Badges on the pages (issue 30): the learner's download, the LinkedIn link and the
// personnel-record PDF on My certificates; the verify page's credential check (file or pasted
// JSON, in the visitor's language, rate-limited, never a 500 on bad input).
import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { revokeCertificate } from "~/certificates/manage.server";
import { getDb } from "~/db/client.server";
import { certificates, openBadges } from "~/db/schema";
import { getOwnAttempt, startAttempt, submitAttempt } from "~/learning/quiz.server";
import * as certificatesRoute from "~/routes/certificates._index";
import * as credentialRoute from "~/routes/certificates.$id.credential[.]json";
import * as pdfRoute from "~/routes/certificates.$id.pdf";
import * as verifyRoute from "~/routes/verify._index";
import { VERIFY_LIMIT } from "~/auth/rate-limit.server";
import { clockNow } from "~/utils/clock.server";
import { pdfText } from "../setup/pdf-read";
import { createTestUser, makeRequest, ORIGIN, routeArgs, run, sessionCookie, unwrap } from "../setup/factories";
import { answerForm, completeAllLessons, moduleBySlug } from "../setup/learning";

const db = () => getDb();

/** The 10th of a month before the test clock's (03:00 UTC, mid-morning in Jakarta): valid today. */
function monthsAgo(months: number) {
  const now = clockNow();
  return new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - months, 10, 3));
}

let people = 0;
async function pass(at: Date, locale: "en" | "id" = "en") {
  const person = await createTestUser({ displayName: "Budi Santoso", locale, staffNumber: `19870101201001100${++people}` });
  const mod = await moduleBySlug("quick-module");
  await completeAllLessons(person.id, mod, new Date(at.getTime() - 5 * 86_400_000));
  const started = await startAttempt({ id: person.id }, mod, at);
  if (!started.ok) throw new Error(started.reason);
  const attempt = (await getOwnAttempt({ id: person.id }, started.attemptId, mod.slug))!;
  const result = await submitAttempt({ id: person.id }, mod, attempt, answerForm(mod, attempt), locale, at);
  const [cert] = await db()
    .select()
    .from(certificates)
    .where(eq(certificates.id, result.ok ? result.certificateId! : ""));
  return { person, cert: cert!, cookie: await sessionCookie(person.id) };
}

async function download(id: string, cookie: string) {
  return run(() => credentialRoute.loader(routeArgs(makeRequest(`/certificates/${id}/credential.json`, { cookie }), { id }) as never));
}

function postCredential(parts: { file?: string; name?: string; json?: string }, ip: string, lang = "en") {
  const form = new FormData();
  if (parts.file !== undefined) form.append("credential", new File([parts.file], parts.name ?? "credential.json", { type: "application/json" }));
  else form.append("credential", new File([], "", { type: "application/octet-stream" }));
  form.append("json", parts.json ?? "");
  const request = new Request(`${ORIGIN}/verify?index`, { method: "POST", body: form, headers: { Origin: ORIGIN, "Accept-Language": lang } });
  return run(() => verifyRoute.action(routeArgs(request, {}, { clientIp: ip }) as never));
}

type View = { kind: string; heading?: string; message?: string; facts?: { label: string; value: string }[]; pasted?: string };
const viewOf = (value: unknown) => {
  const u = unwrap(value);
  return { status: u.status, view: u.data as View, headers: u.headers };
};

describe("the learner's certificates page", () => {
  it("downloads the credential as a .json file: the holder's own only", async () => {
    const { cert, cookie } = await pass(new Date("2026-03-10T03:00:00Z"));
    const { value } = await download(cert.id, cookie);
    const response = value as Response;
    expect(response.status).toBe(200);
    expect(response.headers.get("Content-Disposition")).toBe(`attachment; filename="quick-module-${cert.code}.credential.json"`);
    const credential = JSON.parse(await response.text());
    expect(credential.type).toEqual(["VerifiableCredential", "OpenBadgeCredential"]);
    const [row] = await db().select().from(openBadges).where(eq(openBadges.certificateId, cert.id));
    expect(JSON.parse(row!.credential)).toEqual(credential);

    const other = await createTestUser();
    const refused = await download(cert.id, await sessionCookie(other.id));
    expect(refused.thrown).toBe(true);
    expect((refused.value as Response).status).toBe(404);
  });

  it("links to LinkedIn's add-to-profile form with the organisation, name, dates, URL and id", async () => {
    const issued = monthsAgo(2);
    const { cert, cookie } = await pass(issued);
    const data = (await certificatesRoute.loader(routeArgs(makeRequest("/certificates", { cookie })) as never)) as {
      certificates: { id: string; linkedInUrl: string | null }[];
    };
    const url = new URL(data.certificates.find((c) => c.id === cert.id)!.linkedInUrl!);
    expect(url.origin + url.pathname).toBe("https://www.linkedin.com/profile/add");
    expect(Object.fromEntries(url.searchParams)).toEqual({
      startTask: "CERTIFICATION_NAME",
      name: "Quick module",
      organizationName: "Pustaka Academy",
      // The module's certificates are valid for 12 months.
      issueYear: String(issued.getUTCFullYear()),
      issueMonth: String(issued.getUTCMonth() + 1),
      expirationYear: String(issued.getUTCFullYear() + 1),
      expirationMonth: String(issued.getUTCMonth() + 1),
      certUrl: `http://academy.test/verify/${cert.code}`,
      certId: cert.code,
    });
  });

  it("gives the personnel-record PDF with NIP, learning hours, learning period and organiser", async () => {
    const { cert, cookie } = await pass(new Date("2026-03-10T03:00:00Z"), "id");
    const { value } = await run(() =>
      pdfRoute.loader(routeArgs(makeRequest(`/certificates/${cert.id}/pdf?form=personnel`, { cookie }), { id: cert.id }) as never),
    );
    const response = value as Response;
    expect(response.status).toBe(200);
    expect(response.headers.get("Content-Disposition")).toContain("_personnel.pdf");
    const text = await pdfText(new Uint8Array(await response.arrayBuffer()));
    expect(text).toContain("Sertifikat pengembangan kompetensi");
    expect(text).toMatch(/19870101201001100\d/);
    expect(text).toContain("1 JP (jam pelajaran)");
    // First lesson opened five days before the pass (Jakarta dates), to the day of issue.
    expect(text).toMatch(/5 Mar 2026 – 10 Mar 2026/);
    expect(text).toContain("Pustaka Academy");
    expect(text).toContain(cert.code);

    const bad = await run(() =>
      pdfRoute.loader(routeArgs(makeRequest(`/certificates/${cert.id}/pdf?form=poster`, { cookie }), { id: cert.id }) as never),
    );
    expect((bad.value as Response).status).toBe(400);
    expect(await (bad.value as Response).text()).toContain("form=personnel");
  });
});

describe("the verify page's credential check", () => {
  it("accepts an uploaded file and a pasted one; says valid, then revoked, in the visitor's language", async () => {
    const { cert, cookie } = await pass(monthsAgo(1));
    const text = await ((await download(cert.id, cookie)).value as Response).text();

    const uploaded = viewOf((await postCredential({ file: text }, "198.51.100.1")).value);
    expect(uploaded.status).toBe(200);
    expect(uploaded.view.kind).toBe("checked");
    expect(uploaded.view.heading).toMatch(/^Valid: the signature holds/);
    expect(uploaded.view.facts).toEqual(
      expect.arrayContaining([
        { label: "Issued by", value: "Pustaka Academy" },
        { label: "Awarded to", value: "Budi Santoso" },
        { label: "Certifies", value: "Quick module" },
        { label: "Revocation", value: "not revoked" },
      ]),
    );

    const hr = await createTestUser({ role: "hr" });
    expect((await revokeCertificate(hr, { id: cert.id, reason: "Mistake" })).ok).toBe(true);
    const pasted = viewOf((await postCredential({ json: text }, "198.51.100.1", "id")).value);
    expect(pasted.view.heading).toMatch(/^Dicabut: tanda tangan cocok/);
    expect(pasted.view.facts).toEqual(expect.arrayContaining([{ label: "Pencabutan", value: "dicabut" }]));
  });

  it("says a changed file is not valid", async () => {
    const { cert, cookie } = await pass(new Date(monthsAgo(1).getTime() + 86_400_000));
    const credential = JSON.parse(await ((await download(cert.id, cookie)).value as Response).text());
    credential.credentialSubject.identifier[0].identityHash = "Someone Else";
    const { view } = viewOf((await postCredential({ file: JSON.stringify(credential) }, "198.51.100.2")).value);
    expect(view.heading).toMatch(/^Not valid: the signature does not hold/);
  });

  it("answers bad input with a clear message, never a 500, and keeps what was pasted", async () => {
    const ip = "198.51.100.3";
    const empty = viewOf((await postCredential({}, ip)).value);
    expect([empty.status, empty.view.message]).toEqual([400, "Choose a credential file or paste its text."]);
    const notJson = viewOf((await postCredential({ json: "{ not json" }, ip)).value);
    expect(notJson.status).toBe(400);
    expect(notJson.view.message).toMatch(/^This is not a JSON file/);
    expect(notJson.view.pasted).toBe("{ not json");
    const notBadge = viewOf((await postCredential({ json: '{"@context": 1}' }, ip)).value);
    expect(notBadge.view.message).toMatch(/^This is not an Open Badges 3.0 credential/);
    const big = viewOf((await postCredential({ file: `"${"x".repeat(40_000)}"` }, ip)).value);
    expect([big.status, big.view.message]).toEqual([413, "The credential is larger than 32 KB; it cannot be one of ours."]);
    const array = viewOf((await postCredential({ json: "[1,2,3]" }, ip)).value);
    expect(array.status).toBe(400);
  });

  it("is rate-limited with the code look-up", async () => {
    const ip = "198.51.100.4";
    for (let i = 0; i < VERIFY_LIMIT; i++) expect(viewOf((await postCredential({ json: "x" }, ip)).value).status).toBe(400);
    const limited = viewOf((await postCredential({ json: "x" }, ip)).value);
    expect(limited.status).toBe(429);
    expect(limited.view.kind).toBe("throttled");
    expect(Number(limited.headers.get("Retry-After"))).toBeGreaterThan(0);
  });
});
