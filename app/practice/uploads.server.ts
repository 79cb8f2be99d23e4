import fs from "node:fs";
import path from "node:path";
import { randomBytes } from "node:crypto";
import { fileTypeFromBuffer } from "file-type";
import type { MessageKey } from "~/i18n/translate";
import { loadSharp } from "~/utils/lazy-libraries.server";

export const IMAGE_TYPES = { "image/jpeg": "jpg", "image/png": "png", "image/webp": "webp" } as const;
export const DOCUMENT_TYPES = {
  pdf: "application/pdf",
  docx: "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
  xlsx: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
} as const;
export type DocumentType = keyof typeof DOCUMENT_TYPES;

/**
 * The stored picture's longest edge. A reviewer judges a photo on a screen, and 2000 px still
 * shows a poster's or a form's small print; a 12-megapixel phone photo (4000 x 3000) is halved
 * while the JPEG is decoded (libjpeg's shrink-on-load), so it is never decoded at full size.
 */
export const MAX_IMAGE_EDGE = 2000;
// A decompression bomb (a tiny file claiming a huge canvas) is refused before decoding.
const MAX_INPUT_PIXELS = 60_000_000;
/**
 * Encoder settings, chosen by measurement (ADR 0030; 12 MP JPEG with EXIF, 6.6 MB): libjpeg-turbo
 * at quality 80 with 4:2:0 chroma takes about 140 ms of CPU for 600 KB; mozjpeg at quality 85
 * and 2560 px took 1,000 ms for 1.1 MB. WebP at effort 2 is as small as effort 4 and a quarter
 * faster; PNG (screenshots, kept lossless) at level 6 rather than 9: a third less CPU.
 */
export const IMAGE_ENCODING = {
  jpeg: { quality: 80, chromaSubsampling: "4:2:0", mozjpeg: false },
  webp: { quality: 80, effort: 2 },
  png: { compressionLevel: 6 },
} as const;

export type CheckedUpload = { bytes: Buffer; mimeType: string; extension: string };
export type UploadCheck = { ok: true; file: CheckedUpload } | { ok: false; error: MessageKey; vars?: Record<string, string> };

export function uploadsDir() {
  return path.resolve(process.env.UPLOADS_DIR ?? "data/uploads");
}

/**
 * An image is judged by its bytes alone (not its name or the browser's claim), then decoded and
 * written again by sharp: that drops EXIF (GPS, camera serials), XMP and ICC comments, and
 * anything smuggled after the picture, and caps it at MAX_IMAGE_EDGE. A file that does not
 * decode completely is refused. The orientation is applied to the pixels before EXIF goes.
 */
export async function checkImage(bytes: Buffer): Promise<UploadCheck> {
  const type = await fileTypeFromBuffer(bytes);
  const mime = type?.mime as keyof typeof IMAGE_TYPES | undefined;
  if (!mime || !(mime in IMAGE_TYPES)) return { ok: false, error: "practice.upload.notImage" };
  const sharp = await loadSharp();
  try {
    // sequentialRead: the decoder streams top to bottom (less memory for a 12 MP photo); the
    // resize right after the decode lets libvips pick the JPEG shrink-on-load factor.
    const image = sharp(bytes, { failOn: "truncated", limitInputPixels: MAX_INPUT_PIXELS, sequentialRead: true })
      .rotate()
      .resize({ width: MAX_IMAGE_EDGE, height: MAX_IMAGE_EDGE, fit: "inside", withoutEnlargement: true });
    const out =
      mime === "image/png"
        ? await image.png(IMAGE_ENCODING.png).toBuffer()
        : mime === "image/webp"
          ? await image.webp(IMAGE_ENCODING.webp).toBuffer()
          : await image.jpeg(IMAGE_ENCODING.jpeg).toBuffer();
    return { ok: true, file: { bytes: out, mimeType: mime, extension: IMAGE_TYPES[mime] } };
  } catch {
    return { ok: false, error: "practice.upload.brokenImage" };
  }
}

/** PDF, DOCX or XLSX by magic bytes (DOCX and XLSX are told apart by the ZIP's contents). */
export async function checkDocument(bytes: Buffer, allowed: readonly DocumentType[]): Promise<UploadCheck> {
  const type = await fileTypeFromBuffer(bytes);
  const found = (Object.entries(DOCUMENT_TYPES) as [DocumentType, string][]).find(([, mime]) => mime === type?.mime);
  if (!found || !allowed.includes(found[0])) {
    return { ok: false, error: "practice.upload.notDocument", vars: { types: allowed.map((t) => t.toUpperCase()).join(", ") } };
  }
  return { ok: true, file: { bytes, mimeType: found[1], extension: found[0] } };
}

/** Writes checked bytes under a random name; the original name is kept only as data. */
export function storeBlob(bytes: Buffer): string {
  const dir = uploadsDir();
  fs.mkdirSync(dir, { recursive: true });
  const name = randomBytes(24).toString("hex");
  fs.writeFileSync(path.join(dir, name), bytes, { flag: "wx", mode: 0o600 });
  return name;
}

export function removeBlob(name: string) {
  fs.rmSync(blobPath(name), { force: true });
}

export function blobPath(name: string) {
  if (!/^[a-f0-9]{48}$/.test(name)) throw new Error("invalid stored name");
  return path.join(uploadsDir(), name);
}

/** A display name for downloads: letters, digits, dots, dashes; never a path. */
export function safeDownloadName(original: string, extension: string) {
  const base =
    original
      .replace(/\.[^.]*$/, "")
      .replace(/[^A-Za-z0-9._-]+/g, "-")
      .replace(/^[-.]+|[-.]+$/g, "")
      .slice(0, 80) || "file";
  return `${base}.${extension}`;
}
