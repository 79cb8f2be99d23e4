import { redirect, type ActionFunctionArgs } from "@remix-run/node";
import { getSessionUser, safeRedirectPath } from "~/auth/session.server";
import { localeCookie } from "~/i18n/locale.server";
import { LocaleSchema } from "~/schemas/auth";
import { parseForm } from "~/schemas/form";
import { saveLocalePreference } from "~/people/locale.server";

/** The language switcher: a plain form, so it works without JavaScript. */
export async function action({ request }: ActionFunctionArgs) {
  const parsed = parseForm(LocaleSchema, await request.formData());
  if (!parsed.success) throw new Response("Bad request", { status: 400 });
  const { locale, redirectTo } = parsed.data;
  const found = await getSessionUser(request);
  if (found) await saveLocalePreference(found.user.id, locale);
  return redirect(safeRedirectPath(redirectTo), {
    headers: { "Set-Cookie": await localeCookie.serialize(locale) },
  });
}

export async function loader() {
  return redirect("/");
}
