import fs from "node:fs";
import path from "node:path";
import type { ContentProblem } from "./model";

// Lesson pictures are read on phones over mobile data: a picture over these budgets is refused by
// the check (with its numbers and how to shrink it) and never served (content-assets route).
// Refusing, not re-encoding at build time, keeps content/ the single truth: what the trainer
// previews is the file staff get (ADR 0033).
export const PICTURE_MAX_BYTES = 1024 * 1024;
export const PICTURE_MAX_SIDE = 2400;
export const PICTURE_EXTENSIONS = [".png", ".jpg", ".jpeg", ".webp", ".gif", ".svg"];

/** Width and height from the file's header (PNG, JPEG, GIF, WebP), or null when it cannot be read. */
export function pictureSize(bytes: Buffer): { width: number; height: number } | null {
  if (bytes.length >= 24 && bytes.readUInt32BE(0) === 0x89504e47) return { width: bytes.readUInt32BE(16), height: bytes.readUInt32BE(20) };
  if (bytes.length >= 10 && bytes.toString("latin1", 0, 3) === "GIF") return { width: bytes.readUInt16LE(6), height: bytes.readUInt16LE(8) };
  if (bytes.length >= 30 && bytes.toString("latin1", 0, 4) === "RIFF" && bytes.toString("latin1", 8, 12) === "WEBP") {
    const chunk = bytes.toString("latin1", 12, 16);
    if (chunk === "VP8X") return { width: 1 + bytes.readUIntLE(24, 3), height: 1 + bytes.readUIntLE(27, 3) };
    if (chunk === "VP8L") {
      const b = bytes.readUInt32LE(21);
      return { width: 1 + (b & 0x3fff), height: 1 + ((b >> 14) & 0x3fff) };
    }
    if (chunk === "VP8 ") return { width: bytes.readUInt16LE(26) & 0x3fff, height: bytes.readUInt16LE(28) & 0x3fff };
  }
  if (bytes.length >= 4 && bytes[0] === 0xff && bytes[1] === 0xd8) {
    let i = 2;
    while (i + 9 < bytes.length) {
      if (bytes[i] !== 0xff) return null;
      const marker = bytes[i + 1]!;
      const length = bytes.readUInt16BE(i + 2);
      // Start-of-frame markers (not DHT C4, JPG C8, DAC CC) hold the height, then the width.
      if (marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc) {
        return { width: bytes.readUInt16BE(i + 7), height: bytes.readUInt16BE(i + 5) };
      }
      i += 2 + length;
    }
  }
  return null;
}

const megabytes = (n: number) => (n < 100 * 1024 ? `${Math.ceil(n / 1024)} KB` : `${(n / (1024 * 1024)).toFixed(1)} MB`);

/** Whether a picture file may be served: within the byte budget (its pixels are checked by content:check). */
export function pictureWithinBytes(file: string) {
  return fs.statSync(file).size <= PICTURE_MAX_BYTES;
}

/** Every picture in the module's images/ folder that is over a budget, with its numbers and the fix. */
export function pictureBudgetProblems(dir: string, rel: (p: string) => string): ContentProblem[] {
  const images = path.join(dir, "images");
  let names: string[];
  try {
    names = fs.readdirSync(images).sort();
  } catch {
    return [];
  }
  const problems: ContentProblem[] = [];
  for (const name of names) {
    const full = path.join(images, name);
    const ext = path.extname(name).toLowerCase();
    if (!PICTURE_EXTENSIONS.includes(ext) || !fs.statSync(full).isFile()) continue;
    const bytes = fs.statSync(full).size;
    // Only the header is needed for the size: a 20 MB file is not read whole.
    const head = Buffer.alloc(Math.min(bytes, 256 * 1024));
    const fd = fs.openSync(full, "r");
    try {
      fs.readSync(fd, head, 0, head.length, 0);
    } finally {
      fs.closeSync(fd);
    }
    const size = ext === ".svg" ? null : pictureSize(head);
    const tooBig = bytes > PICTURE_MAX_BYTES;
    const tooWide = size !== null && (size.width > PICTURE_MAX_SIDE || size.height > PICTURE_MAX_SIDE);
    if (!tooBig && !tooWide) continue;
    const has = `${megabytes(bytes)}${size ? ` and ${size.width} × ${size.height} px` : ""}`;
    problems.push({
      file: rel(full),
      line: 1,
      message: `this picture is ${has}: pictures may be at most ${megabytes(PICTURE_MAX_BYTES)} and ${PICTURE_MAX_SIDE} px on each side. Export it again at 1600 px on its longest side (JPEG at quality 80 for photos, PNG for diagrams and screenshots)`,
      severity: "error",
    });
  }
  return problems;
}
