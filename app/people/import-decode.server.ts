// Bytes to text for the CSV import: which encodings are read and what is refused with a message.
import type { FileProblem } from "./import-types";

/** The largest file (or pasted text) accepted, in bytes. */
export const IMPORT_MAX_BYTES = 5_000_000;

export type DecodeResult = { ok: true; text: string } | { ok: false; problem: FileProblem };

/**
 * A CSV upload as text: UTF-8 with or without BOM (also UTF-16 with a BOM, as Excel's "Unicode
 * text" saves it). Anything else gets a message saying how to save the file instead.
 */
export function decodeCsvBytes(bytes: Uint8Array): DecodeResult {
  if (bytes.length === 0) return { ok: false, problem: { message: "import.emptyFile" } };
  if (bytes.length > IMPORT_MAX_BYTES) return { ok: false, problem: { message: "import.tooLarge", vars: { mb: IMPORT_MAX_BYTES / 1_000_000 } } };
  const starts = (...sig: number[]) => sig.every((b, i) => bytes[i] === b);
  if (starts(0x50, 0x4b, 0x03, 0x04) || starts(0xd0, 0xcf, 0x11, 0xe0)) return { ok: false, problem: { message: "import.spreadsheetFile" } };
  if (starts(0x25, 0x50, 0x44, 0x46)) return { ok: false, problem: { message: "import.notText" } };
  if (starts(0xff, 0xfe) || starts(0xfe, 0xff)) {
    const text = new TextDecoder(starts(0xff, 0xfe) ? "utf-16le" : "utf-16be").decode(bytes);
    return checkText(text);
  }
  try {
    return checkText(new TextDecoder("utf-8", { fatal: true }).decode(bytes));
  } catch {
    // Not UTF-8: most likely Excel's "CSV (Comma delimited)" in a Windows code page.
    const loose = new TextDecoder("utf-8").decode(bytes);
    const at = loose.indexOf("\uFFFD");
    const line = at < 0 ? 1 : lineAt(loose, at);
    return { ok: false, problem: { message: "import.notUtf8", vars: { line } } };
  }
}

function checkText(text: string): DecodeResult {
  if (text.includes("\u0000")) return { ok: false, problem: { message: "import.notText" } };
  return { ok: true, text };
}

function lineAt(text: string, index: number) {
  let line = 1;
  for (let i = 0; i < index; i++) if (text.charCodeAt(i) === 10) line++;
  return line;
}

/** Removes a byte order mark and turns CRLF and CR into LF (browsers send CRLF back in forms). */
export function normalizeCsvText(text: string) {
  return text.replace(/^\uFEFF/, "").replace(/\r\n?/g, "\n");
}
