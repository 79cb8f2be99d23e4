// Opening a notice: a plain link (works without JavaScript) that marks it read, then goes to
// the page it is about.
import { redirect, type LoaderFunctionArgs } from "@remix-run/node";
import { requireCan } from "~/auth/policy.server";
import { safeRedirectPath } from "~/auth/session.server";
import { openNotification } from "~/notifications/in-app.server";
import { NotificationIdSchema } from "~/schemas/notifications";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireCan(request, "notifications.own");
  const id = NotificationIdSchema.safeParse(params.id);
  const opened = id.success ? await openNotification(user, id.data) : null;
  if (!opened) throw new Response("Not found", { status: 404, statusText: "Not Found" });
  return redirect(safeRedirectPath(opened.link, "/notifications"));
}
