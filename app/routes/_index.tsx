import { redirect, type LoaderFunctionArgs } from "@remix-run/node";
import { getSessionUser } from "~/auth/session.server";
import { homePathFor } from "~/auth/home.server";

export async function loader({ request }: LoaderFunctionArgs) {
  const found = await getSessionUser(request);
  throw redirect(found ? homePathFor(found.user) : "/login");
}
