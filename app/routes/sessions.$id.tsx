import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { requireCan } from "~/auth/policy.server";
import { FormAlert } from "~/components/form";
import { pageMeta } from "~/components/meta";
import { SessionFacts } from "~/components/session-parts";
import { useT } from "~/components/use-t";
import { getContent } from "~/content/registry.server";
import { getTranslator, resolveLocale } from "~/i18n/locale.server";
import { routeParam } from "~/schemas/route-params";
import { RegistrationIntentSchema } from "~/schemas/sessions";
import { sessionForStaff } from "~/sessions/queries.server";
import { cancelRegistration, registerForSession } from "~/sessions/registration.server";
import { clockNow } from "~/utils/clock.server";

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => pageMeta(matches, { text: data?.session.title ?? "" });

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireCan(request, "sessions.join");
  const locale = await resolveLocale(request, user);
  const session = await sessionForStaff(user, routeParam(params, "id"), await getContent(), locale, clockNow());
  if (!session) throw new Response("Not found", { status: 404 });
  return { session };
}

type ActionData = { notice: string; tone: "success" | "error" };

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireCan(request, "sessions.join");
  const id = routeParam(params, "id");
  const intent = RegistrationIntentSchema.safeParse({ intent: (await request.formData()).get("intent") });
  if (!intent.success) throw new Response("Bad request", { status: 400 });
  const { t } = await getTranslator(request, user);
  if (intent.data.intent === "register") {
    const r = await registerForSession(user, id);
    if (!r.ok && r.reason === "not-found") throw new Response("Not found", { status: 404 });
    if (!r.ok) return data<ActionData>({ notice: t("sessions.closed"), tone: "error" }, { status: 409 });
    return data<ActionData>({
      notice: r.status === "registered" ? t("sessions.registered") : t("sessions.waitlisted", { position: r.position }),
      tone: "success",
    });
  }
  const r = await cancelRegistration(user, id);
  if (!r.ok && r.reason === "not-found") throw new Response("Not found", { status: 404 });
  if (!r.ok)
    return data<ActionData>({ notice: t(r.reason === "closed" ? "sessions.closed" : "sessions.statusNone"), tone: "error" }, { status: 409 });
  return data<ActionData>({ notice: t("sessions.cancelled"), tone: "success" });
}

export default function SessionPage() {
  const { session } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const t = useT();
  const status =
    session.state === "cancelled"
      ? t("sessions.statusCancelledSession")
      : session.state === "ended"
        ? t("sessions.statusEnded")
        : session.mine === "registered"
          ? t("sessions.statusRegistered")
          : session.mine === "waitlisted"
            ? t("sessions.statusWaitlisted", { position: session.position ?? 0 })
            : t("sessions.statusNone");
  const full = session.registered >= session.capacity;
  return (
    <div>
      <p>
        <Link to="/sessions">← {t("sessions.back")}</Link>
      </p>
      <h1>{session.title}</h1>
      <FormAlert message={actionData?.notice} tone={actionData?.tone} />
      <p className="lead">
        <strong>{status}</strong>
      </p>
      {session.state === "open" ? (
        <Form method="post">
          {session.mine ? (
            <button type="submit" name="intent" value="cancel" className="button" data-main-action>
              {session.mine === "registered" ? t("sessions.cancelRegistration") : t("sessions.leaveWaitlist")}
            </button>
          ) : (
            <button type="submit" name="intent" value="register" className="button button--primary" data-main-action>
              {full ? t("sessions.joinWaitlist") : t("sessions.register")}
            </button>
          )}
        </Form>
      ) : null}
      <SessionFacts session={session} />
      <p className="muted">
        {full ? t("sessions.full") : t("sessions.placesLeft", { left: session.capacity - session.registered, capacity: session.capacity })}
      </p>
      {session.description ? <p className="comment-text">{session.description}</p> : null}
      <SessionFollowUp session={session} />
    </div>
  );
}

/** What a registered person does next: check in with the host's code while the window is open, give feedback once it has ended. */
function SessionFollowUp({ session }: { session: ReturnType<typeof useLoaderData<typeof loader>>["session"] }) {
  const t = useT();
  if (session.state === "cancelled" || session.mine !== "registered") return null;
  if (session.window === "open" && !session.attended)
    return (
      <p>
        <Link to={`/sessions/${session.id}/check-in`} className="button button--primary">
          {t("sessions.checkInLink")}
        </Link>
      </p>
    );
  if (!session.attended) return session.window === "ended" ? <p className="muted">{t("sessions.notAttended")}</p> : null;
  return (
    <section aria-labelledby="session-attended">
      <h2 id="session-attended">{t("sessions.attendedTitle")}</h2>
      <p>{t("sessions.attended", { hours: session.hours })}</p>
      {session.window === "ended" ? (
        <p>
          <Link to={`/sessions/${session.id}/feedback`}>{t("sessions.feedbackLink")}</Link>
        </p>
      ) : null}
    </section>
  );
}
