import { getConfig } from "~/config.server";
import { isLocale, makeTranslator } from "~/i18n";
import { formatDate, formatPercent, formatHours } from "~/i18n/format";
import type { Locale } from "~/db/schema";
import { centered, certificatePalette, drawQr, embedLogo, fitSize, PAGE, wrap, type Fonts } from "./pdf-draw.server";
import { loadCertificateFonts, printableText } from "./pdf-fonts.server";
import { certificateStatus, type Certificate } from "./issue.server";
import { clockNow } from "~/utils/clock.server";
import { loadPdfLib } from "~/utils/lazy-libraries.server";

/**
 * The certificate as a PDF: A4 landscape, text in the certificate's own language, fonts from
 * @embedpdf/fonts-latin (Noto Sans: Latin, Latin Extended, Vietnamese, Greek, Cyrillic), and a
 * QR code drawn as vector squares that opens the public verify page.
 *
 * Nothing is cached per certificate: only the font files (and the logo file) are read once
 * per process. A PDF takes a few tens of milliseconds to build, so building it on every
 * download keeps it in step with the certificate (a revocation shows at once).
 */

// The fonts live in their own module; tests and callers still find them here.
export { loadCertificateFonts, printableText, type CertificateFonts } from "./pdf-fonts.server";

export function verifyUrl(code: string) {
  return `${getConfig().publicUrl}/verify/${code}`;
}

export type PdfCertificate = Pick<Certificate, "code" | "holderName" | "moduleTitle" | "locale" | "score" | "issuedAt" | "expiresAt" | "revokedAt"> &
  Partial<Pick<Certificate, "attemptId" | "assessment">> & { hours?: number | null };

/** Builds one certificate PDF. Never throws on odd names: unprintable characters are replaced. */
export async function renderCertificatePdf(cert: PdfCertificate, now = clockNow()): Promise<Uint8Array> {
  const config = getConfig();
  const locale: Locale = isLocale(cert.locale) ? cert.locale : "en";
  const t = makeTranslator(locale);
  const fontFiles = await loadCertificateFonts();
  const p = (text: string) => printableText(text, fontFiles.characters);

  const pdfLib = await loadPdfLib();
  const { degrees } = pdfLib;
  const colors = certificatePalette(pdfLib);
  const doc = await pdfLib.PDFDocument.create();
  doc.registerFontkit(fontFiles.fontkit);
  // Ligatures off, so "fi" stays two letters; glyph composition off, so "ị" stays one glyph
  // (not "i" + a combining dot). Copying, searching and screen readers then get the real text.
  // fontkit writes its defaults into the object it is given: a fresh one per font.
  const features = () => ({ liga: false, clig: false, dlig: false, ccmp: false });
  const fonts: Fonts = {
    regular: await doc.embedFont(fontFiles.regular, { subset: true, features: features() }),
    bold: await doc.embedFont(fontFiles.bold, { subset: true, features: features() }),
  };
  const logo = await embedLogo(doc, config.logoPath);

  const name = p(cert.holderName.trim()) || "?";
  const moduleTitle = p(cert.moduleTitle.trim()) || "?";
  const orgName = p(config.orgName);
  const heading = t("pdf.heading");
  const status = certificateStatus(cert, now);

  doc.setTitle(`${heading}: ${cert.holderName} · ${cert.moduleTitle}`, { showInWindowTitleBar: true });
  doc.setAuthor(config.orgName);
  doc.setSubject(t("pdf.subject", { name: cert.holderName, module: cert.moduleTitle }));
  doc.setKeywords([cert.code, cert.holderName, cert.moduleTitle]);
  doc.setCreator("Pustaka Academy");
  doc.setProducer("Pustaka Academy (pdf-lib)");
  doc.setLanguage(locale === "id" ? "id-ID" : "en-GB");
  doc.setCreationDate(cert.issuedAt);
  doc.setModificationDate(cert.revokedAt ?? cert.issuedAt);

  const page = doc.addPage([PAGE.width, PAGE.height]);
  const { regular, bold } = fonts;
  const contentWidth = PAGE.width - 2 * 100;

  // Frame.
  page.drawRectangle({ x: 22, y: 22, width: PAGE.width - 44, height: PAGE.height - 44, borderColor: colors.accent, borderWidth: 2.5 });
  page.drawRectangle({ x: 30, y: 30, width: PAGE.width - 60, height: PAGE.height - 60, borderColor: colors.accent, borderWidth: 0.75 });

  // Top to bottom; a logo takes room from the gaps, so the bottom block never moves.
  let y = PAGE.height - 72;
  let gap = 1;
  if (logo) {
    const scale = Math.min(160 / logo.width, 48 / logo.height, 1);
    const w = logo.width * scale;
    const h = logo.height * scale;
    y -= h;
    page.drawImage(logo, { x: (PAGE.width - w) / 2, y, width: w, height: h });
    y -= 22;
    gap = 0.85;
  } else {
    y -= 20;
  }
  centered(page, orgName, y, bold, fitSize(bold, orgName, 15, contentWidth), colors.muted);

  y -= 58 * gap;
  centered(page, heading, y, bold, fitSize(bold, heading, 34, contentWidth), colors.accent);

  y -= 44 * gap;
  centered(page, t("pdf.certifies"), y, regular, 13, colors.muted);

  y -= 50 * gap;
  const nameSize = fitSize(bold, name, 32, contentWidth, 12);
  centered(page, name, y, bold, nameSize, colors.ink);
  const lineHalf = Math.max(190, Math.min(contentWidth, bold.widthOfTextAtSize(name, nameSize)) / 2 + 20);
  page.drawLine({
    start: { x: PAGE.width / 2 - lineHalf, y: y - 10 },
    end: { x: PAGE.width / 2 + lineHalf, y: y - 10 },
    thickness: 0.75,
    color: colors.muted,
  });

  y -= 44 * gap;
  centered(page, t("pdf.completed"), y, regular, 13, colors.muted);

  const title = wrap(bold, moduleTitle, 21, contentWidth, 2);
  for (const line of title.lines) {
    y -= title.size + 8;
    centered(page, line, y, bold, title.size, colors.ink);
  }

  y -= 38 * gap;
  const issued = formatDate(locale, cert.issuedAt, config.timeZone);
  const facts = [
    // A module completed by practical tasks alone has no quiz score to print.
    cert.attemptId === null ? null : t("pdf.score", { score: formatPercent(locale, cert.score) }),
    // Older certificates whose module no longer exists have no hours: the line leaves them out.
    ...(cert.hours ? [t("hours.value", { hours: formatHours(locale, cert.hours) })] : []),
    t("pdf.issued", { date: issued }),
    cert.expiresAt ? t("pdf.validUntil", { date: formatDate(locale, cert.expiresAt, config.timeZone) }) : t("pdf.noExpiry"),
  ]
    .filter(Boolean)
    .join("   ·   ");
  centered(page, facts, y, regular, fitSize(regular, facts, 12, contentWidth - 60), colors.ink);
  if (cert.assessment && cert.assessment.length > 0) {
    const names = [
      ...new Set(cert.assessment.map((a) => (a.reviewerOrganisation ? `${a.reviewerName} (${a.reviewerOrganisation})` : a.reviewerName))),
    ].join(", ");
    const last = cert.assessment
      .map((a) => a.decidedAt)
      .sort()
      .at(-1)!;
    const line = p(t("pdf.assessed", { names, date: formatDate(locale, last, config.timeZone) }));
    y -= 22;
    centered(page, line, y, regular, fitSize(regular, line, 11, contentWidth - 60), colors.muted);
  }

  // Signature (bottom left).
  const baseY = 62;
  if (config.signatoryName) {
    const sigName = p(config.signatoryName);
    page.drawLine({ start: { x: 80, y: baseY + 40 }, end: { x: 300, y: baseY + 40 }, thickness: 0.75, color: colors.ink });
    page.drawText(sigName, { x: 80, y: baseY + 24, size: fitSize(bold, sigName, 12, 260), font: bold, color: colors.ink });
    if (config.signatoryTitle) {
      const sigTitle = p(config.signatoryTitle);
      page.drawText(sigTitle, { x: 80, y: baseY + 10, size: fitSize(regular, sigTitle, 10, 260), font: regular, color: colors.muted });
    }
  }

  // Verification (bottom right): QR code, the code and the address.
  const url = verifyUrl(cert.code);
  const qrSize = 96;
  const qrX = PAGE.width - 80 - qrSize;
  drawQr(page, colors, url, qrX, baseY - 14, qrSize);
  const codeLine = t("pdf.code", { code: cert.code });
  const verifyLine = t("pdf.verifyAt");
  const textRight = qrX - 10;
  const urlSize = fitSize(regular, url, 8.5, 300, 5);
  page.drawText(codeLine, { x: textRight - bold.widthOfTextAtSize(codeLine, 10), y: baseY + 40, size: 10, font: bold, color: colors.ink });
  page.drawText(verifyLine, {
    x: textRight - regular.widthOfTextAtSize(verifyLine, 8.5),
    y: baseY + 26,
    size: 8.5,
    font: regular,
    color: colors.muted,
  });
  page.drawText(url, { x: textRight - regular.widthOfTextAtSize(url, urlSize), y: baseY + 14, size: urlSize, font: regular, color: colors.muted });

  if (status === "revoked" && cert.revokedAt) {
    const stamp = t("pdf.revokedStamp");
    const stampSize = fitSize(bold, stamp, 110, 560, 40);
    const w = bold.widthOfTextAtSize(stamp, stampSize);
    const angle = 24;
    const rad = (angle * Math.PI) / 180;
    page.drawText(stamp, {
      x: PAGE.width / 2 - (w / 2) * Math.cos(rad) + (stampSize / 3) * Math.sin(rad),
      y: PAGE.height / 2 - (w / 2) * Math.sin(rad) - (stampSize / 3) * Math.cos(rad),
      size: stampSize,
      font: bold,
      color: colors.danger,
      opacity: 0.3,
      rotate: degrees(angle),
    });
    const banner = t("pdf.revokedBanner", { date: formatDate(locale, cert.revokedAt, config.timeZone) });
    const bannerSize = fitSize(bold, banner, 13, PAGE.width - 120);
    page.drawRectangle({ x: 30.5, y: PAGE.height - 58, width: PAGE.width - 61, height: 27, color: colors.danger });
    centered(page, banner, PAGE.height - 49, bold, bannerSize, colors.white);
  }

  return doc.save();
}

/** A file name safe on every system: ASCII letters, digits and dashes. */
export function certificateFileName(cert: Pick<Certificate, "holderName" | "moduleSlug" | "code">) {
  const ascii = (s: string) =>
    s
      .normalize("NFKD")
      .replace(/\p{M}/gu, "")
      .replace(/[ĐÐ]/g, "D")
      .replace(/[đð]/g, "d")
      .replace(/[^A-Za-z0-9]+/g, "-")
      .replace(/^-+|-+$/g, "")
      .slice(0, 60);
  return [ascii(cert.moduleSlug), ascii(cert.holderName) || "certificate", cert.code].filter(Boolean).join("_") + ".pdf";
}
