import { describe, expect, it } from "vitest";
import { getDb } from "~/db/client.server";
import * as route from "~/routes/health";
import { unwrap } from "../setup/factories";

describe("the liveness probe", () => {
  it("answers 200 while the database answers, and 503 once it does not", async () => {
    const up = unwrap(await route.loader());
    expect(up).toMatchObject({ status: 200, data: { ok: true } });
    // Last in this file: the file's database is closed for good.
    getDb().$client.close();
    const down = unwrap(await route.loader());
    expect(down).toMatchObject({ status: 503, data: { ok: false } });
  });
});
