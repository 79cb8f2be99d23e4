// Feedback on a live session, once it has ended, from someone who attended it.
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { FeedbackPage } from "~/components/feedback-form";
import { pageMeta } from "~/components/meta";
import { sessionFeedbackAction, sessionFeedbackData } from "~/feedback/feedback-page.server";
import { routeParam } from "~/schemas/route-params";

export const meta: MetaFunction = ({ matches }) => pageMeta(matches, "attendance.feedback.pageTitle");

export async function loader({ request, params }: LoaderFunctionArgs) {
  return sessionFeedbackData(request, routeParam(params, "id"));
}

export async function action({ request, params }: ActionFunctionArgs) {
  return sessionFeedbackAction(request, routeParam(params, "id"));
}

export default function SessionFeedbackPage() {
  return <FeedbackPage page={useLoaderData<typeof loader>()} result={useActionData<typeof action>()} />;
}
