// Uploaded file parts go to temporary files as they arrive, never whole into memory, with the
// limits enforced while streaming. Each request's files are removed when it is done, whatever
// happened (cleanup() in a finally); a part over its limit is removed at once.
import fs from "node:fs";
import path from "node:path";
import { once } from "node:events";
import { randomBytes } from "node:crypto";

/** Where parts are spooled: beside the stored uploads, so the disk that holds them is known. */
export function incomingDir() {
  return path.join(path.resolve(process.env.UPLOADS_DIR ?? "data/uploads"), ".incoming");
}

export class SpoolHardLimitError extends Error {
  constructor(readonly limit: number) {
    super(`upload over ${limit} bytes`);
  }
}

/** A spooled part: its temp file (null when it was over `keep` and dropped) and its full size. */
export type SpooledPart = { file: string | null; size: number };

export type Spool = {
  /**
   * Writes `data` to a new temp file. Past `keep` bytes the file is removed and the rest is only
   * counted (so the page can say the file was too large); past `hardCap` in total it throws.
   */
  part: (data: AsyncIterable<Uint8Array>, keep: number) => Promise<SpooledPart>;
  cleanup: () => void;
};

export function createSpool(hardCap: number): Spool {
  const files = new Set<string>();
  let total = 0;
  const remove = (file: string) => {
    fs.rmSync(file, { force: true });
    files.delete(file);
  };
  return {
    async part(data, keep) {
      const dir = incomingDir();
      fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
      const file = path.join(dir, randomBytes(16).toString("hex"));
      files.add(file);
      const out = fs.createWriteStream(file, { flags: "wx", mode: 0o600 });
      const failed = once(out, "error").then(([error]) => {
        throw error;
      });
      failed.catch(() => undefined);
      let size = 0;
      let writing = true;
      try {
        for await (const chunk of data) {
          size += chunk.byteLength;
          total += chunk.byteLength;
          if (total > hardCap) throw new SpoolHardLimitError(hardCap);
          if (writing && size > keep) {
            writing = false;
            out.destroy();
            remove(file);
          }
          if (writing && !out.write(chunk)) await Promise.race([once(out, "drain"), failed]);
        }
        if (!writing) return { file: null, size };
        out.end();
        await Promise.race([once(out, "finish"), failed]);
        return { file, size };
      } catch (error) {
        out.destroy();
        remove(file);
        throw error;
      }
    },
    cleanup() {
      for (const file of files) fs.rmSync(file, { force: true });
      files.clear();
    },
  };
}
