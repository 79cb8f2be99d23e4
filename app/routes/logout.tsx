import { redirect, type ActionFunctionArgs } from "@remix-run/node";
import { endSession } from "~/auth/session.server";

export async function action({ request }: ActionFunctionArgs) {
  return endSession(request, "/login");
}

export async function loader() {
  return redirect("/");
}
