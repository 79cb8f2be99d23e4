// Uploaded parts spool to temporary files with the limits enforced while writing; nothing is
// left behind, whatever happens (issue 25, item 3).
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { createSpool, incomingDir, SpoolHardLimitError } from "~/utils/upload-spool.server";

const root = fs.mkdtempSync(path.join(os.tmpdir(), "academy-spool-"));
process.env.UPLOADS_DIR = root;
afterAll(() => fs.rmSync(root, { recursive: true, force: true }));

async function* chunks(sizes: number[]) {
  for (const size of sizes) yield new Uint8Array(size).fill(0x61);
}
const left = () => fs.readdirSync(incomingDir());

describe("spooling uploaded parts", () => {
  it("sweeps files a crashed process left (older than an hour) on first use, keeps recent ones", async () => {
    fs.mkdirSync(incomingDir(), { recursive: true });
    const stale = path.join(incomingDir(), "left-by-a-crash");
    const recent = path.join(incomingDir(), "another-process-now");
    fs.writeFileSync(stale, "x");
    fs.writeFileSync(recent, "x");
    // Two hours before "now" as the file system tells it (the sweep measures ages on that clock).
    const twoHoursAgo = new Date(fs.statSync(recent).mtimeMs - 2 * 3_600_000);
    fs.utimesSync(stale, twoHoursAgo, twoHoursAgo);
    const spool = createSpool(1_000_000);
    await spool.part(chunks([10]), 100);
    spool.cleanup();
    expect(left()).toEqual(["another-process-now"]);
    fs.rmSync(recent);
  });

  it("keeps a part within its limit, drops one over it at once, and removes everything on cleanup", async () => {
    const spool = createSpool(1_000_000);
    const kept = await spool.part(chunks([300, 300]), 1_000);
    expect(kept.size).toBe(600);
    expect(fs.readFileSync(kept.file!).length).toBe(600);
    const over = await spool.part(chunks([600, 600]), 1_000);
    expect(over).toEqual({ file: null, size: 1_200 });
    expect(left()).toEqual([path.basename(kept.file!)]);
    spool.cleanup();
    expect(left()).toEqual([]);
  });

  it("throws past the hard cap for the whole request, leaving no file", async () => {
    const spool = createSpool(1_000);
    await spool.part(chunks([400]), 10_000);
    await expect(spool.part(chunks([400, 400]), 10_000)).rejects.toBeInstanceOf(SpoolHardLimitError);
    spool.cleanup();
    expect(left()).toEqual([]);
  });
});
