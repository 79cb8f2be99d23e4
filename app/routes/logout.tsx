import { redirect, type ActionFunctionArgs } from "@remix-run/node";
import { endSession, getSessionUser } from "~/auth/session.server";
import { hasSsoIdentity } from "~/auth/sso-accounts.server";
import { ssoSettings } from "~/auth/sso.server";

export async function action({ request }: ActionFunctionArgs) {
  const found = await getSessionUser(request);
  // Someone who came in through single sign-on is offered the provider's logout as well.
  const viaSso = found && ssoSettings() && (await hasSsoIdentity(found.user.id));
  return endSession(request, viaSso ? "/login?signed_out=sso" : "/login");
}

export async function loader() {
  return redirect("/");
}
