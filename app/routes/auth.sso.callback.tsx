// Where the OpenID provider sends the person back. Success starts a session; every failure goes
// back to the login page with a code it explains in the person's language.
import { redirect, type LoaderFunctionArgs } from "@remix-run/node";
import { homePathFor } from "~/auth/home.server";
import { startSession } from "~/auth/session.server";
import { clearSsoCookie, finishSsoLogin, SsoError, ssoSettings } from "~/auth/sso.server";
import { settleLocaleAtSignIn } from "~/people/locale.server";

export async function loader({ request }: LoaderFunctionArgs) {
  if (!ssoSettings()) throw new Response("Not Found", { status: 404 });
  try {
    const { userId, redirectTo } = await finishSsoLogin(request);
    await settleLocaleAtSignIn(request, userId);
    const response = await startSession(userId, redirectTo || (await homePathFor(userId)));
    response.headers.append("Set-Cookie", clearSsoCookie());
    return response;
  } catch (error) {
    if (!(error instanceof SsoError)) throw error;
    if (error.code === "unavailable" || error.code === "invalid") console.warn(`single sign-on failed: ${error.message}`);
    return redirect(`/login?sso_error=${error.code}`, { headers: { "Set-Cookie": clearSsoCookie() } });
  }
}
