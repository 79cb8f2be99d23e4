import { unstable_parseMultipartFormData, type UploadHandler } from "@remix-run/node";

export const MAX_UPLOAD_BYTES = 10 * 1024 * 1024;
/** Past this the rest of an oversized part is not even read: the request is cut off with 413. */
const HARD_CAP_BYTES = 64 * 1024 * 1024;
const MAX_FIELD_BYTES = 64 * 1024;

export type UploadedPart = { field: string; filename: string; bytes: Buffer } | { field: string; filename: string; tooLarge: true };

export type ParsedMultipart = { fields: Map<string, string[]>; files: UploadedPart[] };

function tooLarge(): never {
  throw new Response("Payload Too Large", { status: 413, statusText: "Payload Too Large" });
}

/**
 * Streams a multipart form: each file part is buffered only up to the 10 MB limit, then the
 * rest is read and dropped so the page can answer with a clear message; text fields are capped.
 * Nothing touches the disk here: storing is the caller's job, after the content is checked.
 */
export async function parseUploadForm(request: Request, maxFiles = 1): Promise<ParsedMultipart> {
  const files: UploadedPart[] = [];
  const fields = new Map<string, string[]>();
  const handler: UploadHandler = async (part) => {
    const chunks: Uint8Array[] = [];
    let size = 0;
    let over = false;
    const isFile = typeof part.filename === "string";
    for await (const chunk of part.data) {
      size += chunk.byteLength;
      if (!isFile && size > MAX_FIELD_BYTES) tooLarge();
      if (size > HARD_CAP_BYTES) tooLarge();
      if (size > MAX_UPLOAD_BYTES) over = true;
      if (!over) chunks.push(chunk);
    }
    if (!isFile) {
      const value = Buffer.concat(chunks).toString("utf8");
      fields.set(part.name, [...(fields.get(part.name) ?? []), value]);
      return undefined;
    }
    // An empty file input still sends a part with no name and no bytes.
    if (!part.filename && size === 0) return undefined;
    if (files.length >= maxFiles) tooLarge();
    const filename = (part.filename ?? "").slice(0, 200);
    files.push(over ? { field: part.name, filename, tooLarge: true } : { field: part.name, filename, bytes: Buffer.concat(chunks) });
    return undefined;
  };
  try {
    await unstable_parseMultipartFormData(request, handler);
  } catch (error) {
    if (error instanceof Response) throw error;
    throw new Response("Bad Request", { status: 400, statusText: "Bad Request" });
  }
  return { fields, files };
}

export function isMultipart(request: Request) {
  return (request.headers.get("Content-Type") ?? "").startsWith("multipart/form-data");
}
