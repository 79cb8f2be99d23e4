// Every role that receives notices can read them (mentors included), and opening one through its
// link marks it read before going to its page; someone else's notice is a 404 and stays unread.
import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { ROLES } from "~/db/roles";
import { getDb } from "~/db/client.server";
import { writeTransaction } from "~/db/transaction.server";
import { notifications } from "~/db/schema";
import { enqueueNotification } from "~/notifications/enqueue.server";
import * as listRoute from "~/routes/notifications";
import * as openRoute from "~/routes/notifications_.$id";
import { createTestUser, makeRequest, routeArgs, run, sessionCookie, unwrap } from "../setup/factories";

const T0 = new Date("2030-05-06T09:00:00Z");

function notify(userId: string) {
  return writeTransaction(
    async (tx) =>
      (
        await enqueueNotification(
          tx,
          {
            kind: "review_done",
            userId,
            data: { module: { en: "Quick module", id: "Modul singkat" }, outcome: "approved", path: "/learn/quick-module/tasks/t" },
          },
          T0,
        )
      ).notificationId!,
  );
}

const readAt = async (id: string) =>
  (await getDb().select({ readAt: notifications.readAt }).from(notifications).where(eq(notifications.id, id)))[0]?.readAt ?? null;

describe("notices for every role", () => {
  for (const role of ROLES) {
    it(`${role}: lists its notices, and opening one marks it read and goes to its page`, async () => {
      const person = await createTestUser({ role, locale: "en" });
      const cookie = await sessionCookie(person.id);
      const id = await notify(person.id);

      const list = unwrap(await listRoute.loader(routeArgs(makeRequest("/notifications", { cookie })) as never));
      expect(list.status).toBe(200);
      const data = list.data as { unread: number; rows: { id: string; read: boolean }[] };
      expect(data.unread).toBe(1);
      expect(data.rows.map((r) => [r.id, r.read])).toEqual([[id, false]]);

      const { value } = await run(() => openRoute.loader(routeArgs(makeRequest(`/notifications/${id}`, { cookie }), { id }) as never));
      const response = value as Response;
      expect(response.status).toBe(302);
      expect(response.headers.get("Location")).toBe("/learn/quick-module/tasks/t");
      expect(await readAt(id)).not.toBeNull();
      const after = unwrap(await listRoute.loader(routeArgs(makeRequest("/notifications", { cookie })) as never)).data as { unread: number };
      expect(after.unread).toBe(0);
    });
  }

  it("someone else's notice (or an unknown id) is a 404 and stays unread; a notice without a page leads back to the list", async () => {
    const owner = await createTestUser({ locale: "en" });
    const other = await createTestUser({ role: "mentor" });
    const id = await notify(owner.id);
    const cookie = await sessionCookie(other.id);
    for (const probe of [id, "no-such-id"]) {
      const { value } = await run(() => openRoute.loader(routeArgs(makeRequest(`/notifications/${probe}`, { cookie }), { id: probe }) as never));
      expect((value as Response).status).toBe(404);
    }
    expect(await readAt(id)).toBeNull();

    const bare = await writeTransaction(
      async (tx) =>
        (await enqueueNotification(tx, { kind: "password_changed", userId: owner.id, data: { at: T0.toISOString() } }, T0)).notificationId!,
    );
    await getDb().update(notifications).set({ link: null }).where(eq(notifications.id, bare));
    const ownCookie = await sessionCookie(owner.id);
    const { value } = await run(() =>
      openRoute.loader(routeArgs(makeRequest(`/notifications/${bare}`, { cookie: ownCookie }), { id: bare }) as never),
    );
    expect((value as Response).headers.get("Location")).toBe("/notifications");
    expect(await readAt(bare)).not.toBeNull();
  });
});
