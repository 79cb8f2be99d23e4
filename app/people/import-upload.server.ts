// The import page's upload: how much is read, and whether the file or the pasted text is used.
import fs from "node:fs";
import { unstable_parseMultipartFormData, type UploadHandler } from "@remix-run/node";
import { ImportPreviewSchema } from "~/schemas/import";
import { createSpool, SpoolHardLimitError } from "~/utils/upload-spool.server";
import { decodeCsvBytes, IMPORT_MAX_BYTES } from "./import-decode.server";
import type { FileProblem } from "./import-types";

/** Past this much in total the upload is cut off; a browser may then show a connection error. */
export const UPLOAD_HARD_LIMIT = 64_000_000;

export type UploadResult = { ok: true; form: FormData } | { ok: false; tooLarge: boolean };

/**
 * Parses the upload. A file part goes to a temporary file as it arrives, kept up to
 * IMPORT_MAX_BYTES; a larger part is read to its end and dropped rather than refused mid-way
 * (a browser that is still sending when the answer comes shows a connection error instead of
 * the answer). The kept file is read back (5 MB at most) once the form is complete, and the
 * temporary files are removed whatever happened.
 */
export async function parseImportUpload(request: Request, hardLimit = UPLOAD_HARD_LIMIT): Promise<UploadResult> {
  let tooLarge = false;
  const spool = createSpool(hardLimit);
  const spooled: { field: string; filename: string; contentType: string; file: string }[] = [];
  const handler: UploadHandler = async ({ name, filename, contentType, data }) => {
    const part = await spool.part(data, IMPORT_MAX_BYTES);
    if (!part.file) {
      tooLarge = true;
      return undefined;
    }
    if (filename === undefined) return await fs.promises.readFile(part.file, "utf8");
    spooled.push({ field: name, filename, contentType, file: part.file });
    return undefined;
  };
  try {
    const form = await unstable_parseMultipartFormData(request, handler);
    if (tooLarge) return { ok: false, tooLarge };
    for (const s of spooled) form.append(s.field, new File([await fs.promises.readFile(s.file)], s.filename, { type: s.contentType }));
    return { ok: true, form };
  } catch (error) {
    return { ok: false, tooLarge: tooLarge || error instanceof SpoolHardLimitError };
  } finally {
    spool.cleanup();
  }
}

export type ImportText = { ok: true; text: string } | { ok: false; problem: FileProblem; status: 400 | 413 };

/**
 * The text to check: a chosen file wins over pasted text; pasted text is used when no file (or
 * an empty, unnamed file part, as browsers send when none is chosen) came with it.
 */
export async function chooseImportText(form: FormData): Promise<ImportText> {
  const fields = ImportPreviewSchema.safeParse({
    intent: form.get("intent"),
    csvText: typeof form.get("csvText") === "string" ? form.get("csvText") : undefined,
  });
  if (!fields.success) return { ok: false, problem: { message: "import.unreadableUpload" }, status: 400 };
  const file = form.get("file");
  const isFile = file !== null && typeof file !== "string";
  if (isFile && file.size > 0) {
    const decoded = decodeCsvBytes(new Uint8Array(await file.arrayBuffer()));
    return decoded.ok ? decoded : { ok: false, problem: decoded.problem, status: 400 };
  }
  if (fields.data.csvText && fields.data.csvText.trim() !== "") return { ok: true, text: fields.data.csvText };
  if (isFile && file.name !== "") return { ok: false, problem: { message: "import.emptyFile" }, status: 400 };
  return { ok: false, problem: { message: "import.noFile" }, status: 400 };
}

/** The preview step's input: the upload read within the size policy, then the file or the paste. */
export async function readImportSubmission(request: Request): Promise<ImportText> {
  const upload = await parseImportUpload(request);
  if (!upload.ok) {
    return upload.tooLarge
      ? { ok: false, problem: { message: "import.tooLarge", vars: { mb: IMPORT_MAX_BYTES / 1_000_000 } }, status: 413 }
      : { ok: false, problem: { message: "import.unreadableUpload" }, status: 400 };
  }
  return chooseImportText(upload.form);
}
