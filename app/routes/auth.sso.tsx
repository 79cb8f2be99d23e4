// Starts single sign-on: a plain link (no form), so it also works where a strict CSP limits
// where forms may post. The attempt travels in a sealed cookie; nothing is stored here.
import { redirect, type LoaderFunctionArgs } from "@remix-run/node";
import { homePathFor } from "~/auth/home.server";
import { getSessionUser, safeRedirectPath } from "~/auth/session.server";
import { SsoError, ssoSettings, startSsoLogin } from "~/auth/sso.server";

export async function loader({ request }: LoaderFunctionArgs) {
  if (!ssoSettings()) throw new Response("Not Found", { status: 404 });
  // "" keeps "no destination" until the person is known: the callback then sends them to their role's home.
  const redirectTo = safeRedirectPath(new URL(request.url).searchParams.get("redirectTo"), "");
  const found = await getSessionUser(request);
  if (found) throw redirect(redirectTo || (await homePathFor(found.user)));
  try {
    const { location, setCookie } = await startSsoLogin(redirectTo);
    return redirect(location, { headers: { "Set-Cookie": setCookie, "Cache-Control": "no-store" } });
  } catch (error) {
    if (error instanceof SsoError) return redirect(`/login?sso_error=${error.code}`);
    throw error;
  }
}
