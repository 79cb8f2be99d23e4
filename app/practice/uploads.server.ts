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

const MAX_IMAGE_EDGE = 2560;
// A decompression bomb (a tiny file claiming a huge canvas) is refused before decoding.
const MAX_INPUT_PIXELS = 60_000_000;

export type CheckedUpload = { bytes: Buffer; mimeType: string; extension: string };
export type UploadCheck = { ok: true; file: CheckedUpload } | { ok: false; error: MessageKey; vars?: Record<string, string> };

export function uploadsDir() {
  return path.resolve(process.env.UPLOADS_DIR ?? "data/uploads");
}

/**
 * An image is judged by its bytes alone (not its name or the browser's claim), then decoded and
 * written again by sharp: that drops EXIF (GPS, camera serials), XMP and ICC comments, and
 * anything smuggled after the picture. A file that does not decode completely is refused.
 */
export async function checkImage(bytes: Buffer): Promise<UploadCheck> {
  const type = await fileTypeFromBuffer(bytes);
  const mime = type?.mime as keyof typeof IMAGE_TYPES | undefined;
  if (!mime || !(mime in IMAGE_TYPES)) return { ok: false, error: "practice.upload.notImage" };
  const sharp = await loadSharp();
  try {
    const image = sharp(bytes, { failOn: "truncated", limitInputPixels: MAX_INPUT_PIXELS })
      .rotate()
      .resize({ width: MAX_IMAGE_EDGE, height: MAX_IMAGE_EDGE, fit: "inside", withoutEnlargement: true });
    const out =
      mime === "image/png"
        ? await image.png({ compressionLevel: 9 }).toBuffer()
        : mime === "image/webp"
          ? await image.webp({ quality: 85 }).toBuffer()
          : await image.jpeg({ quality: 85, mozjpeg: true }).toBuffer();
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
