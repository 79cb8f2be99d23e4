// Issue 25, item 8: the session survives Cookie headers as browsers and proxies really send them
// (read with the `cookie` package); with a repeated name the first one counts.
import { describe, expect, it } from "vitest";
import { getSessionUser } from "~/auth/session.server";
import { readCookie } from "~/auth/cookies.server";
import { createTestUser, makeRequest, sessionCookie } from "../setup/factories";

const userOf = async (cookie: string) => (await getSessionUser(makeRequest("/learn", { cookie })))?.user.id ?? null;

describe("reading the session cookie", () => {
  it("keeps the session with a trailing '; ', spaces, other cookies and a quoted value", async () => {
    const user = await createTestUser();
    const cookie = await sessionCookie(user.id);
    const id = cookie.split("=")[1]!;
    for (const header of [
      `${cookie}; `,
      `${cookie};`,
      `${cookie} ;  `,
      `theme=dark; ${cookie}; `,
      `theme=dark;academy_session = ${id} ;lang=id`,
      `academy_session="${id}"`,
      `broken; ${cookie}`,
    ]) {
      expect(await userOf(header), header).toBe(user.id);
    }
  });

  it("uses the first of repeated names (the browser's most specific), so a stale one first is not rescued", async () => {
    const user = await createTestUser();
    const cookie = await sessionCookie(user.id);
    expect(await userOf(`${cookie}; academy_session=stale0000000000`)).toBe(user.id);
    expect(await userOf(`academy_session=stale0000000000; ${cookie}`)).toBeNull();
  });

  it("does not look up values that cannot be session ids", async () => {
    expect(await userOf("academy_session=%27%20or%201%3D1")).toBeNull();
    expect(await userOf("academy_session=")).toBeNull();
    expect(readCookie(makeRequest("/", { cookie: "a=1; b=%E0%A4%A" }), "b")).toBe("%E0%A4%A");
  });
});
