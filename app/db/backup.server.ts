import fs from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";

/** `academy-2026-11-28T17-30-00Z.db`: sortable, and safe in every file system. */
export function backupFileName(now: Date) {
  return `academy-${now
    .toISOString()
    .replace(/\.\d{3}Z$/, "Z")
    .replace(/:/g, "-")}.db`;
}

/**
 * A consistent copy of a live database with SQLite's online backup API: the server keeps
 * answering and writing meanwhile (WAL), and the copy is one point in time, never a file copied
 * half-way through a write. Written to a temporary name and renamed, so a backup that exists is
 * complete. Returns the copy's path and size.
 */
export async function backupDatabase(source: string, destination: string) {
  if (!fs.existsSync(source)) throw new Error(`No database at ${source}`);
  if (fs.existsSync(destination)) throw new Error(`${destination} already exists: choose another name`);
  fs.mkdirSync(path.dirname(destination), { recursive: true });
  const partial = `${destination}.partial`;
  fs.rmSync(partial, { force: true });
  // Read-write open: a read-only connection to a WAL database needs its -shm file to exist.
  const db = new Database(source, { fileMustExist: true });
  try {
    await db.backup(partial);
  } finally {
    db.close();
  }
  // The copy is a single file: no -wal or -shm to carry along.
  const copy = new Database(partial);
  try {
    copy.pragma("journal_mode = DELETE");
    const check = copy.pragma("integrity_check", { simple: true });
    if (check !== "ok") throw new Error(`The copy failed its integrity check: ${String(check)}`);
  } finally {
    copy.close();
  }
  fs.renameSync(partial, destination);
  return { file: destination, bytes: fs.statSync(destination).size };
}
