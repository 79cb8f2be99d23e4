// Every person has a saved language from their first sign-in on (the switcher's choice, else the
// browser's, else DEFAULT_LOCALE), and mail, notices and certificates are made in it, whoever's
// request caused them. Read back from the database and from a real SMTP server.
import { eq } from "drizzle-orm";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { resetConfig } from "~/config.server";
import { getContent } from "~/content/registry.server";
import { getDb } from "~/db/client.server";
import { notifications, outboxMessages, users } from "~/db/schema";
import { localeCookie } from "~/i18n/locale.server";
import { createMailer, drainOutbox, type Mailer } from "~/outbox/worker.server";
import { createAssignment } from "~/people/assignments.server";
import { createUser } from "~/people/users.server";
import * as loginRoute from "~/routes/login";
import * as accountRoute from "~/routes/account";
import * as forgotRoute from "~/routes/forgot-password";
import * as setPasswordRoute from "~/routes/set-password.$token";
import { createTestUser, makeRequest, routeArgs, run, sessionCookie, TEST_PASSWORD } from "../setup/factories";
import { startMailbox, type TestMailbox } from "../setup/smtp";

let mailbox: TestMailbox;
let mailer: Mailer;
const T0 = new Date("2030-03-04T08:00:00Z");
const INDONESIAN_BROWSER = "id-ID,id;q=0.9,en-US;q=0.6,en;q=0.5";

beforeAll(async () => {
  mailbox = await startMailbox();
  mailer = createMailer(mailbox.url);
});
afterAll(async () => {
  mailer.transport.close();
  await mailbox.stop();
});
beforeEach(async () => {
  await drainOutbox(mailer, new Date(T0.getTime() + 365 * 86_400_000));
  await getDb().delete(outboxMessages);
  mailbox.clear();
});
afterEach(() => {
  delete process.env.DEFAULT_LOCALE;
  delete process.env.ORG_NAME;
  resetConfig();
});

const savedLocale = async (id: string) => (await getDb().select({ locale: users.locale }).from(users).where(eq(users.id, id)))[0]!.locale;

async function signIn(email: string, headers: Record<string, string>) {
  const request = makeRequest("/login", { form: { email, password: TEST_PASSWORD, redirectTo: "/learn" }, headers });
  const { value } = await run(() => loginRoute.action(routeArgs(request, {}, { clientIp: "10.27.0.1" }) as never));
  expect((value as Response).status).toBe(302);
}

async function assign(person: { email: string }) {
  const hr = await createTestUser({ role: "hr" });
  const r = await createAssignment(
    hr,
    { moduleSlug: "quick-module", targetType: "user", person: person.email, orgUnitId: "", role: "staff", dueDate: "2030-04-01" } as never,
    await getContent(),
    "2030-03-04",
    T0,
  );
  expect(r.ok).toBe(true);
}

describe("the saved language", () => {
  it("a person who never chose signs in with an Indonesian browser: saved as id, and their mail and notices are Indonesian", async () => {
    const person = await createTestUser({ locale: null });
    await signIn(person.email, { "Accept-Language": INDONESIAN_BROWSER });
    expect(await savedLocale(person.id)).toBe("id");

    await assign(person);
    const result = await drainOutbox(mailer, T0);
    expect(result.sent).toBe(1);
    const [mail] = mailbox.to(person.email);
    expect(mail!.subject).toBe("Pelatihan baru untuk Anda: Modul singkat");
    expect(mail!.headers.get("content-language")).toBe("id");
    expect(mail!.text).toContain(`Halo ${person.displayName},`);
    // Signed once: ORG_NAME is the product's name by default.
    expect(mail!.text).toContain("-- \nPustaka Academy");
    expect(mail!.text).not.toContain("Pustaka Academy, Pustaka Academy");
    expect(mail!.html).not.toContain("Pustaka Academy, Pustaka Academy");
    const notice = (await getDb().select().from(notifications).where(eq(notifications.userId, person.id)))[0]!;
    expect(notice.title).toBe("Pelatihan baru untuk Anda: Modul singkat");

    // A mail asked for from an English browser still goes in the saved language: a request's
    // language is for the page it answers.
    await run(() =>
      forgotRoute.action(
        routeArgs(
          makeRequest("/forgot-password", { form: { email: person.email }, headers: { "Accept-Language": "en" } }),
          {},
          {
            clientIp: "10.27.0.2",
          },
        ) as never,
      ),
    );
    await drainOutbox(mailer, T0);
    const reset = mailbox.to(person.email).at(-1)!;
    expect(reset.subject).not.toBe(mail!.subject);
    expect(reset.headers.get("content-language")).toBe("id");
    expect(reset.text).toContain("Halo");
  });

  it("the switcher's choice wins over the browser at the first sign-in; a saved language is never overwritten by a browser", async () => {
    const chose = await createTestUser({ locale: null });
    const cookie = (await localeCookie.serialize("en")).split(";")[0]!;
    await signIn(chose.email, { "Accept-Language": INDONESIAN_BROWSER, Cookie: cookie });
    expect(await savedLocale(chose.id)).toBe("en");

    const saved = await createTestUser({ locale: "en" });
    await signIn(saved.email, { "Accept-Language": INDONESIAN_BROWSER });
    expect(await savedLocale(saved.id)).toBe("en");

    // A browser that names no language we have: the organisation's.
    process.env.DEFAULT_LOCALE = "id";
    resetConfig();
    const other = await createTestUser({ locale: null });
    await signIn(other.email, { "Accept-Language": "fr-FR,fr;q=0.9" });
    expect(await savedLocale(other.id)).toBe("id");
  });

  it("setting a password from an invitation link saves the browser's language", async () => {
    const admin = await createTestUser({ role: "admin" });
    const created = await createUser(
      admin,
      { email: "lang.invite@test.library", displayName: "Siti Invite", role: "staff", locale: null, staffNumber: null, orgUnitId: null } as never,
      T0,
    );
    if (!created.ok) throw new Error("not created");
    const token = created.setPasswordUrl.split("/set-password/")[1]!;
    const request = makeRequest(`/set-password/${token}`, {
      form: { password: "a-long-password-27", confirmPassword: "a-long-password-27" },
      headers: { "Accept-Language": INDONESIAN_BROWSER },
    });
    const { value } = await run(() => setPasswordRoute.action(routeArgs(request, { token }) as never));
    expect((value as Response).status).toBe(302);
    expect(await savedLocale(created.userId)).toBe("id");
  });

  it("someone who has not signed in since gets the organisation's language (DEFAULT_LOCALE), not English by accident", async () => {
    process.env.DEFAULT_LOCALE = "id";
    resetConfig();
    const person = await createTestUser({ locale: null });
    await assign(person);
    await drainOutbox(mailer, T0);
    expect(mailbox.to(person.email)[0]!.subject).toBe("Pelatihan baru untuk Anda: Modul singkat");
    // Still nothing saved: the next sign-in decides from the browser.
    expect(await savedLocale(person.id)).toBeNull();

    delete process.env.DEFAULT_LOCALE;
    resetConfig();
    const english = await createTestUser({ locale: null });
    await assign(english);
    await drainOutbox(mailer, T0);
    expect(mailbox.to(english.email)[0]!.subject).toBe("New training for you: Quick module");
  });

  it("the account page changes the saved language; the next mail follows it", async () => {
    const person = await createTestUser({ locale: "en" });
    const cookie = await sessionCookie(person.id);
    const { value } = await run(() =>
      accountRoute.action(routeArgs(makeRequest("/account", { cookie, form: { intent: "language", locale: "id" } })) as never),
    );
    const response = value as Response;
    expect(response.status).toBe(302);
    expect(response.headers.get("Location")).toBe("/account?saved=language");
    expect(response.headers.get("Set-Cookie")).toMatch(/^academy_locale=/);
    expect(await savedLocale(person.id)).toBe("id");
    const bad = await run(() =>
      accountRoute.action(routeArgs(makeRequest("/account", { cookie, form: { intent: "language", locale: "fr" } })) as never),
    );
    expect(bad.value).toMatchObject({ init: { status: 400 } });
    expect(await savedLocale(person.id)).toBe("id");

    await assign(person);
    await drainOutbox(mailer, T0);
    expect(mailbox.to(person.email)[0]!.subject).toBe("Pelatihan baru untuk Anda: Modul singkat");
  });

  it("signs with the organisation after the product when they differ", async () => {
    process.env.ORG_NAME = "Perpustakaan Nasional";
    resetConfig();
    const person = await createTestUser({ locale: "en" });
    await assign(person);
    await drainOutbox(mailer, T0);
    expect(mailbox.to(person.email)[0]!.text).toContain("-- \nPustaka Academy, Perpustakaan Nasional");
  });
});
