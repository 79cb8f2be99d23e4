// The SQLite statement cache drizzle prepares through: kept statements come back reset to
// better-sqlite3's defaults, a statement being iterated is never handed out twice, and the
// least recently used statement is the one dropped.
import Database from "better-sqlite3";
import { afterEach, describe, expect, it } from "vitest";
import { withStatementCache } from "~/db/statement-cache.server";

let raw: Database.Database;
afterEach(() => raw?.close());

function open(size?: number) {
  raw = new Database(":memory:");
  raw.exec("create table t (id integer primary key, name text); insert into t (name) values ('a'), ('b'), ('c')");
  return withStatementCache(raw, size);
}

describe("the statement cache", () => {
  it("hands out the same statement for the same SQL, set back to objects after drizzle asked for arrays", () => {
    const db = open();
    const first = db.prepare("select id, name from t where id = ?");
    expect(first.raw().get(1)).toEqual([1, "a"]);
    const again = db.prepare("select id, name from t where id = ?");
    expect(again).toBe(first);
    expect(again.get(2)).toEqual({ id: 2, name: "b" });
    const plucked = db.prepare("select name from t order by id");
    plucked.pluck();
    expect(plucked.all()).toEqual(["a", "b", "c"]);
    expect(db.prepare("select name from t order by id").all()).toEqual([{ name: "a" }, { name: "b" }, { name: "c" }]);
  });

  it("reuses writing statements, and the rest of the connection is the real one", () => {
    const db = open();
    const insert = db.prepare("insert into t (name) values (?)");
    insert.run("d");
    expect(db.prepare("insert into t (name) values (?)")).toBe(insert);
    db.prepare("insert into t (name) values (?)").run("e");
    db.exec("insert into t (name) values ('f')");
    expect(db.prepare("select count(*) as n from t").get()).toEqual({ n: 6 });
    expect(db.inTransaction).toBe(false);
    expect(db.open).toBe(true);
  });

  it("gives a fresh statement for SQL whose kept statement is still being iterated", () => {
    const db = open();
    const source = "select id from t order by id";
    const iterating = db.prepare(source);
    const rows = iterating.iterate();
    expect(rows.next().value).toEqual({ id: 1 });
    const other = db.prepare(source);
    expect(other).not.toBe(iterating);
    expect(other.all()).toHaveLength(3);
    expect([...rows]).toEqual([{ id: 2 }, { id: 3 }]);
    // Iteration over, the kept one comes back.
    expect(db.prepare(source)).toBe(iterating);
  });

  it("drops the least recently used statement when full", () => {
    const db = open(2);
    const a = db.prepare("select 1 as a");
    const b = db.prepare("select 2 as b");
    expect(db.prepare("select 1 as a")).toBe(a); // a is now the most recent
    db.prepare("select 3 as c"); // drops b
    expect(db.prepare("select 1 as a")).toBe(a);
    expect(db.prepare("select 2 as b")).not.toBe(b);
  });
});
