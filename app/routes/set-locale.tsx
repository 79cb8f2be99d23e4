import { redirect, type ActionFunctionArgs } from "@remix-run/node";
import { eq } from "drizzle-orm";
import { getSessionUser, safeRedirectPath } from "~/auth/session.server";
import { getDb } from "~/db/client.server";
import { users } from "~/db/schema";
import { localeCookie } from "~/i18n/locale.server";
import { LocaleSchema } from "~/schemas/auth";
import { parseForm } from "~/schemas/form";
import { clockNow } from "~/utils/clock.server";

/** The language switcher: a plain form, so it works without JavaScript. */
export async function action({ request }: ActionFunctionArgs) {
  const parsed = parseForm(LocaleSchema, await request.formData());
  if (!parsed.success) throw new Response("Bad request", { status: 400 });
  const { locale, redirectTo } = parsed.data;
  const found = await getSessionUser(request);
  if (found) {
    getDb().update(users).set({ locale, updatedAt: clockNow() }).where(eq(users.id, found.user.id)).run();
  }
  return redirect(safeRedirectPath(redirectTo), {
    headers: { "Set-Cookie": await localeCookie.serialize(locale) },
  });
}

export async function loader() {
  return redirect("/");
}
