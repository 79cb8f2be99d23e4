// Drawing on the certificate page: sizes that fit, wrapped lines, centred text, the QR code as
// vector squares, and the optional logo (read once per process).
import fs from "node:fs/promises";
import type { Color, PDFDocument, PDFFont, PDFImage, PDFPage } from "pdf-lib";
import QRCode from "qrcode";
import type { loadPdfLib } from "~/utils/lazy-libraries.server";

export type PdfLib = Awaited<ReturnType<typeof loadPdfLib>>;

export const PAGE = { width: 841.89, height: 595.28 } as const;

/** The certificate's colours; made from the pdf-lib the caller loaded (it loads on first use). */
export function certificatePalette({ rgb }: PdfLib) {
  return {
    ink: rgb(0.11, 0.13, 0.17),
    muted: rgb(0.33, 0.36, 0.42),
    accent: rgb(0.05, 0.33, 0.45),
    danger: rgb(0.7, 0.07, 0.07),
    white: rgb(1, 1, 1),
    black: rgb(0, 0, 0),
  } satisfies Record<string, Color>;
}
export type Palette = ReturnType<typeof certificatePalette>;

type Logo = { bytes: Uint8Array; kind: "png" | "jpg" } | null;
const logoCache = new Map<string, Promise<Logo>>();

function loadLogo(file: string): Promise<Logo> {
  let pending = logoCache.get(file);
  if (!pending) {
    pending = fs
      .readFile(file)
      .then((buf): Logo => {
        const bytes = new Uint8Array(buf);
        if (bytes[0] === 0x89 && bytes[1] === 0x50 && bytes[2] === 0x4e && bytes[3] === 0x47) return { bytes, kind: "png" };
        if (bytes[0] === 0xff && bytes[1] === 0xd8) return { bytes, kind: "jpg" };
        console.warn(`CERT_LOGO_PATH ${file} is neither a PNG nor a JPEG: certificates are printed without a logo.`);
        return null;
      })
      .catch((error: unknown) => {
        console.warn(`CERT_LOGO_PATH ${file} cannot be read (${String(error)}): certificates are printed without a logo.`);
        return null;
      });
    logoCache.set(file, pending);
  }
  return pending;
}

export type Fonts = { regular: PDFFont; bold: PDFFont };

/** The largest size up to `size` (and down to `min`) at which `text` fits `width`. */
export function fitSize(font: PDFFont, text: string, size: number, width: number, min = 8) {
  let s = size;
  while (s > min && font.widthOfTextAtSize(text, s) > width) s -= 0.5;
  return s;
}

/** Splits text into at most `maxLines` lines of at most `width`, shrinking the size if needed. */
export function wrap(font: PDFFont, text: string, size: number, width: number, maxLines: number, min = 10) {
  for (let s = size; s >= min; s -= 1) {
    const lines: string[] = [];
    let line = "";
    for (const word of text.split(/\s+/).filter(Boolean)) {
      const next = line ? `${line} ${word}` : word;
      if (font.widthOfTextAtSize(next, s) <= width || !line) line = next;
      else {
        lines.push(line);
        line = word;
      }
    }
    if (line) lines.push(line);
    if (lines.length <= maxLines && lines.every((l) => font.widthOfTextAtSize(l, s) <= width)) return { lines, size: s };
  }
  return { lines: [text], size: fitSize(font, text, min, width, 4) };
}

export function centered(page: PDFPage, text: string, y: number, font: PDFFont, size: number, color: Color) {
  const width = font.widthOfTextAtSize(text, size);
  page.drawText(text, { x: (PAGE.width - width) / 2, y, size, font, color });
}

/** The QR code as filled squares (one rectangle per run of dark modules in a row). */
export function drawQr(page: PDFPage, palette: Palette, text: string, x: number, y: number, size: number) {
  const qr = QRCode.create(text, { errorCorrectionLevel: "M" });
  const n = qr.modules.size;
  const quiet = 4;
  const cell = size / (n + quiet * 2);
  page.drawRectangle({ x, y, width: size, height: size, color: palette.white });
  for (let row = 0; row < n; row++) {
    let col = 0;
    while (col < n) {
      if (!qr.modules.get(row, col)) {
        col++;
        continue;
      }
      const start = col;
      while (col < n && qr.modules.get(row, col)) col++;
      page.drawRectangle({
        x: x + (quiet + start) * cell,
        y: y + size - (quiet + row + 1) * cell,
        width: (col - start) * cell,
        height: cell,
        color: palette.black,
      });
    }
  }
}

export async function embedLogo(doc: PDFDocument, file: string | undefined): Promise<PDFImage | null> {
  if (!file) return null;
  const logo = await loadLogo(file);
  if (!logo) return null;
  try {
    return logo.kind === "png" ? await doc.embedPng(logo.bytes) : await doc.embedJpg(logo.bytes);
  } catch (error) {
    console.warn(`CERT_LOGO_PATH ${file} could not be embedded (${String(error)}): printing without a logo.`);
    return null;
  }
}
