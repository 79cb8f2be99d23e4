import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { routeParam } from "~/schemas/route-params";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { FormAlert } from "~/components/form";
import { pageMeta } from "~/components/meta";
import { useT } from "~/components/use-t";
import { findByUnsubscribeToken, unsubscribe } from "~/notifications/preferences.server";
import { UnsubscribeQuerySchema } from "~/schemas/notifications";

export const meta: MetaFunction = ({ matches }) => pageMeta(matches, "unsubscribe.title");

// The token is the credential: it comes only in this person's emails. GET shows a button (link
// scanners follow GETs); a POST, from the button or a mail client's one-click (RFC 8058, no
// cookie, no Origin), turns the kind off.
export async function loader({ request, params }: LoaderFunctionArgs) {
  const { c } = UnsubscribeQuerySchema.parse(Object.fromEntries(new URL(request.url).searchParams));
  const found = await findByUnsubscribeToken(routeParam(params, "token"));
  if (!found) throw new Response("Not found", { status: 404 });
  return { email: found.email, category: c };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { c } = UnsubscribeQuerySchema.parse(Object.fromEntries(new URL(request.url).searchParams));
  const done = await unsubscribe(routeParam(params, "token"), c);
  if (!done) return data({ done: false, email: "" }, { status: 404 });
  return { done: true, email: done.email };
}

export default function UnsubscribePage() {
  const { email, category } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const t = useT();
  const kind = category === "digests" ? t("email.categoryDigests") : t("email.categoryReminders");
  return (
    <div className="narrow">
      <h1>{t("unsubscribe.title")}</h1>
      {actionData?.done ? (
        <FormAlert message={t("unsubscribe.done", { email, kind })} tone="success" />
      ) : (
        <Form method="post">
          <p>{t("unsubscribe.confirm", { email, kind })}</p>
          <button type="submit" className="button button--primary">
            {t("unsubscribe.submit")}
          </button>
        </Form>
      )}
    </div>
  );
}

export function ErrorBoundary() {
  const t = useT();
  return (
    <div className="narrow">
      <h1>{t("unsubscribe.title")}</h1>
      <p>{t("unsubscribe.invalid")}</p>
    </div>
  );
}
