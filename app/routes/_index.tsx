import { redirect, type LoaderFunctionArgs } from "@remix-run/node";
import { getSessionUser } from "~/auth/session.server";
import { homePathFor } from "~/auth/home.server";

export async function loader({ request }: LoaderFunctionArgs) {
  const found = await getSessionUser(request);
  throw redirect(found ? await homePathFor(found.user) : "/login");
}
