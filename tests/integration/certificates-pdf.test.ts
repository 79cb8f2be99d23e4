// Reads generated certificates back the way a person or a scanner would (tests/setup/pdf-read.ts):
// the text, the metadata, the embedded logo and the QR code, with npm packages only.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import sharp from "sharp";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { resetConfig } from "~/config.server";
import { renderCertificatePdf, type PdfCertificate } from "~/certificates/pdf.server";
import * as pdfRoute from "~/routes/certificates.$id.pdf";
import { createTestUser, makeRequest, routeArgs, sessionCookie } from "../setup/factories";
import { answerForm, completeAllLessons, moduleBySlug } from "../setup/learning";
import { pdfImageCount, pdfInfo, pdfQrCodes, pdfText } from "../setup/pdf-read";
import { getOwnAttempt, startAttempt, submitAttempt } from "~/learning/quiz.server";

const dir = fs.mkdtempSync(path.join(os.tmpdir(), "academy-cert-pdf-"));
let n = 0;
function save(bytes: Uint8Array) {
  const file = path.join(dir, `c${++n}.pdf`);
  fs.writeFileSync(file, bytes);
  return file;
}
const text = (file: string) => pdfText(file);

const base: PdfCertificate = {
  code: "7KQ2-MX4P-9HTA-C3RD",
  holderName: "Nguyễn Thị Ánh",
  moduleTitle: "Quick module",
  locale: "en",
  score: 100,
  issuedAt: new Date("2025-03-01T03:00:00Z"),
  expiresAt: new Date("2026-03-01T03:00:00Z"),
  revokedAt: null,
};

beforeAll(() => {
  process.env.ORG_NAME = "Perpustakaan Nasional RI";
  process.env.CERT_SIGNATORY_NAME = "Dr. Siti Rahayu";
  process.env.CERT_SIGNATORY_TITLE = "Kepala Pusdiklat";
  resetConfig();
});

afterAll(() => {
  delete process.env.ORG_NAME;
  delete process.env.CERT_SIGNATORY_NAME;
  delete process.env.CERT_SIGNATORY_TITLE;
  delete process.env.CERT_LOGO_PATH;
  resetConfig();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe("certificate PDF", () => {
  it("downloads a passing learner's certificate whose text and QR code read back right", async () => {
    const user = await createTestUser({ displayName: "Nguyễn Thị Ánh" });
    const mod = await moduleBySlug("quick-module");
    await completeAllLessons(user.id, mod);
    const started = await startAttempt(user, mod);
    if (!started.ok) throw new Error(started.reason);
    const attempt = (await getOwnAttempt(user, started.attemptId, mod.slug))!;
    const result = await submitAttempt(user, mod, attempt, answerForm(mod, attempt), "en");
    if (!result.ok || !result.certificateId) throw new Error("expected a certificate");

    const cookie = await sessionCookie(user.id);
    const id = result.certificateId;
    const response = (await pdfRoute.loader(routeArgs(makeRequest(`/certificates/${id}/pdf`, { cookie }), { id }) as never)) as Response;
    const file = save(new Uint8Array(await response.arrayBuffer()));
    const content = await text(file);
    expect(content).toContain("Nguyễn Thị Ánh");
    expect(content).toContain("Certificate of completion");
    expect(content).toContain("Quick module");
    expect(content).toContain("Perpustakaan Nasional RI");
    expect(content).toContain("Dr. Siti Rahayu");
    expect(content).toContain("Kepala Pusdiklat");
    expect(content).toContain("Score 100%");
    expect(content).not.toContain("REVOKED");

    const { getDb } = await import("~/db/client.server");
    const { certificates } = await import("~/db/schema");
    const { eq } = await import("drizzle-orm");
    const cert = (await getDb().select().from(certificates).where(eq(certificates.id, id)))[0]!;
    expect(content).toContain(cert.code);
    expect(await pdfQrCodes(file)).toEqual([`http://academy.test/verify/${cert.code}`]);

    const meta = await pdfInfo(file);
    expect(meta.info.Title).toMatch(/Certificate of completion.*Nguyễn Thị Ánh/);
    expect(meta.info.Subject).toMatch(/Nguyễn Thị Ánh/);
    expect(meta.info.Author).toBe("Perpustakaan Nasional RI");
    // A4 landscape.
    expect([meta.width.toFixed(2), meta.height.toFixed(2)]).toEqual(["841.89", "595.28"]);
  });

  it("prints Latin Extended and Vietnamese names, and replaces characters the font lacks", async () => {
    const zoe = await text(save(await renderCertificatePdf({ ...base, holderName: "Zoë Ðorđević" })));
    expect(zoe).toContain("Zoë Ðorđević");
    // Decomposed input (e + combining marks) prints as the composed letters.
    const decomposed = await text(save(await renderCertificatePdf({ ...base, holderName: "Nguyễn Thị Ánh".normalize("NFD") })));
    expect(decomposed).toContain("Nguyễn Thị Ánh");
    const odd = save(await renderCertificatePdf({ ...base, holderName: "李小龍 Ŀuna 😀\u200d", moduleTitle: "Ｆｕｌｌ width" }));
    const oddText = await text(odd);
    expect(oddText).toContain("??? Ŀuna ?");
    expect(oddText).toContain("Full width");
    expect((await pdfInfo(odd)).info.Title).toMatch(/李小龍/);
  });

  it("is in the certificate's language and says REVOKED on a revoked certificate", async () => {
    const id = await text(save(await renderCertificatePdf({ ...base, locale: "id", moduleTitle: "Modul singkat" })));
    expect(id).toContain("Sertifikat Penyelesaian");
    expect(id).toContain("Berlaku sampai 1 Mar 2026");
    const revoked = await text(save(await renderCertificatePdf({ ...base, revokedAt: new Date("2025-06-01T00:00:00Z") })));
    expect(revoked).toContain("REVOKED on 1 Jun 2025");
    const noExpiry = await text(save(await renderCertificatePdf({ ...base, expiresAt: null })));
    expect(noExpiry).toContain("Does not expire");
  });

  it("embeds the logo when CERT_LOGO_PATH is a PNG, and carries on without one when it is not", async () => {
    // A real PNG.
    await sharp({ create: { width: 64, height: 32, channels: 3, background: "#1d4ed8" } })
      .png()
      .toFile(path.join(dir, "logo.png"));
    process.env.CERT_LOGO_PATH = path.join(dir, "logo.png");
    resetConfig();
    const withLogo = save(await renderCertificatePdf(base));
    expect(await pdfImageCount(withLogo)).toBe(1);
    process.env.CERT_LOGO_PATH = path.join(dir, "c1.pdf"); // not an image
    resetConfig();
    const without = save(await renderCertificatePdf(base));
    expect(await text(without)).toContain("Nguyễn Thị Ánh");
    process.env.CERT_LOGO_PATH = path.join(dir, "missing.png");
    resetConfig();
    expect(await text(save(await renderCertificatePdf(base)))).toContain("Nguyễn Thị Ánh");
    delete process.env.CERT_LOGO_PATH;
    resetConfig();
  });

  it("builds a certificate in well under a second (fonts parsed once per process)", async () => {
    await renderCertificatePdf(base);
    const times: number[] = [];
    for (let i = 0; i < 15; i++) {
      const started = performance.now();
      await renderCertificatePdf({ ...base, holderName: `Person ${i} Nguyễn` });
      times.push(performance.now() - started);
    }
    times.sort((a, b) => a - b);
    const median = times[7]!;
    console.log(`certificate PDF: median ${median.toFixed(1)} ms, max ${times.at(-1)!.toFixed(1)} ms over ${times.length}`);
    expect(median).toBeLessThan(500);
  });
});
