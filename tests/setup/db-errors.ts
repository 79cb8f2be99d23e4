// What a refused statement said, on either database: Drizzle wraps the driver's error
// (DrizzleQueryError with the driver's error as `cause`), and SQLite and PostgreSQL word a
// unique violation differently, so tests check the meaning and the columns, not one message.
import { expect } from "vitest";
import { isUniqueViolation } from "~/db/errors.server";

/** Every message, detail and constraint name along the error's cause chain, joined. */
export function errorText(error: unknown): string {
  const parts: string[] = [];
  for (let e: unknown = error, depth = 0; e && depth < 5; e = (e as { cause?: unknown }).cause, depth++) {
    const { message, detail, constraint } = e as { message?: unknown; detail?: unknown; constraint?: unknown };
    for (const part of [message, detail, constraint]) if (typeof part === "string") parts.push(part);
  }
  return parts.join("\n");
}

/**
 * Awaits a write the database must refuse as a duplicate (unique index or primary key) and
 * returns what it said, for a check on the columns involved (SQLite: "UNIQUE constraint failed:
 * table.column", PostgreSQL: "Key (column)=(...) already exists").
 */
export async function refusedAsDuplicate(write: PromiseLike<unknown>): Promise<string> {
  let refused: unknown;
  try {
    await write;
  } catch (error) {
    refused = error;
  }
  expect(refused, "the database accepted a duplicate row").toBeDefined();
  expect(isUniqueViolation(refused), errorText(refused)).toBe(true);
  return errorText(refused);
}
