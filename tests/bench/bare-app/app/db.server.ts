// One SQLite file (DATABASE_PATH, made by tests/bench/run.ts with one row), one statement
// prepared once: the least a page that reads from a database can do.
import Database from "better-sqlite3";

const path = process.env.DATABASE_PATH;
if (!path) throw new Error("DATABASE_PATH is not set: the bare app reads its one row from that SQLite file");
const db = new Database(path, { readonly: true, fileMustExist: true });
const byId = db.prepare<[number], { id: number; title: string }>("select id, title from pages where id = ?");

export function readPage(id: number): { id: number; title: string } {
  const row = byId.get(id);
  if (!row) throw new Error(`no row ${id} in the pages table of ${path}`);
  return row;
}
