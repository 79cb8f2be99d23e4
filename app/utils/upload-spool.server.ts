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

/** Older than this, a file in the spool folder belongs to no request still running. */
const STALE_MS = 60 * 60_000;
let sweptDir: string | null = null;

/**
 * Once per process, before the first spool: removes files a crashed process left behind
 * (cleanup() runs in a finally, which a kill -9 skips). Only old ones: another process on the
 * same folder may be spooling now.
 */
function sweepOnce(dir: string) {
  if (sweptDir === dir) return;
  sweptDir = dir;
  // Ages are measured on the file system's clock (a file written now), not this process's: a
  // shared volume's server, or a process whose clock is set apart, must not make fresh files
  // look old to another app server.
  const probe = path.join(dir, `.sweep-${process.pid}`);
  fs.writeFileSync(probe, "");
  const cutoff = fs.statSync(probe).mtimeMs - STALE_MS;
  fs.rmSync(probe, { force: true });
  for (const name of fs.readdirSync(dir)) {
    const file = path.join(dir, name);
    try {
      if (fs.statSync(file).mtimeMs < cutoff) fs.rmSync(file, { force: true });
    } catch {
      // gone already
    }
  }
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
      sweepOnce(dir);
      const file = path.join(dir, randomBytes(16).toString("hex"));
      files.add(file);
      const out = fs.createWriteStream(file, { flags: "wx", mode: 0o600 });
      const failed = once(out, "error").then(([error]) => {
        throw error;
      });
      failed.catch(() => undefined);
      // The file is opened asynchronously: wait for the stream to close before removing it, or
      // an open still under way would create it again after the removal.
      const discard = async () => {
        out.destroy();
        if (!out.closed) await once(out, "close").catch(() => undefined);
        remove(file);
      };
      let size = 0;
      let writing = true;
      try {
        for await (const chunk of data) {
          size += chunk.byteLength;
          total += chunk.byteLength;
          if (total > hardCap) throw new SpoolHardLimitError(hardCap);
          if (writing && size > keep) {
            writing = false;
            await discard();
          }
          if (writing && !out.write(chunk)) await Promise.race([once(out, "drain"), failed]);
        }
        if (!writing) return { file: null, size };
        out.end();
        await Promise.race([once(out, "finish"), failed]);
        return { file, size };
      } catch (error) {
        await discard();
        throw error;
      }
    },
    cleanup() {
      for (const file of files) fs.rmSync(file, { force: true });
      files.clear();
    },
  };
}
