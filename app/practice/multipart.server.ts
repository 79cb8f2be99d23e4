import fs from "node:fs";
import { unstable_parseMultipartFormData, type UploadHandler } from "@remix-run/node";
import { createSpool, SpoolHardLimitError } from "~/utils/upload-spool.server";

export const MAX_UPLOAD_BYTES = 10 * 1024 * 1024;
/** Past this the rest of an oversized part is not even read: the request is cut off with 413. */
const HARD_CAP_BYTES = 64 * 1024 * 1024;
const MAX_FIELD_BYTES = 64 * 1024;

export type UploadedPart = { field: string; filename: string; bytes: Buffer } | { field: string; filename: string; tooLarge: true };

export type ParsedMultipart = { fields: Map<string, string[]>; files: UploadedPart[] };

function tooLarge(): never {
  throw new Response("Payload Too Large", { status: 413, statusText: "Payload Too Large" });
}

async function readField(data: AsyncIterable<Uint8Array>) {
  const chunks: Uint8Array[] = [];
  let size = 0;
  for await (const chunk of data) {
    size += chunk.byteLength;
    if (size > MAX_FIELD_BYTES) tooLarge();
    chunks.push(chunk);
  }
  return Buffer.concat(chunks).toString("utf8");
}

/**
 * Streams a multipart form: each file part goes to a temporary file as it arrives (up to the
 * 10 MB limit; past it the rest is counted and dropped so the page can answer with a clear
 * message), text fields are capped. Once the whole form has arrived the kept file (at most one
 * 10 MB part) is read back for checking, and every temporary file is removed, whatever happened.
 * Storing is the caller's job, after the content is checked.
 */
export async function parseUploadForm(request: Request, maxFiles = 1): Promise<ParsedMultipart> {
  const spooled: { field: string; filename: string; file: string | null }[] = [];
  const fields = new Map<string, string[]>();
  const spool = createSpool(HARD_CAP_BYTES);
  const handler: UploadHandler = async (part) => {
    if (typeof part.filename !== "string") {
      fields.set(part.name, [...(fields.get(part.name) ?? []), await readField(part.data)]);
      return undefined;
    }
    if (spooled.length >= maxFiles) tooLarge();
    const { file, size } = await spool.part(part.data, MAX_UPLOAD_BYTES);
    // An empty file input still sends a part with no name and no bytes.
    if (!part.filename && size === 0) return undefined;
    spooled.push({ field: part.name, filename: part.filename.slice(0, 200), file });
    return undefined;
  };
  try {
    await unstable_parseMultipartFormData(request, handler);
    const files: UploadedPart[] = [];
    for (const s of spooled) {
      files.push(
        s.file
          ? { field: s.field, filename: s.filename, bytes: await fs.promises.readFile(s.file) }
          : { field: s.field, filename: s.filename, tooLarge: true },
      );
    }
    return { fields, files };
  } catch (error) {
    if (error instanceof Response) throw error;
    if (error instanceof SpoolHardLimitError) tooLarge();
    throw new Response("Bad Request", { status: 400, statusText: "Bad Request" });
  } finally {
    spool.cleanup();
  }
}

export function isMultipart(request: Request) {
  return (request.headers.get("Content-Type") ?? "").startsWith("multipart/form-data");
}
