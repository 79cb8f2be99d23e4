// Feedback on a module, from someone who holds its certificate.
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { FeedbackPage } from "~/components/feedback-form";
import { pageMeta } from "~/components/meta";
import { moduleFeedbackAction, moduleFeedbackData } from "~/feedback/feedback-page.server";

export const meta: MetaFunction = ({ matches }) => pageMeta(matches, "attendance.feedback.pageTitle");

export async function loader({ request, params }: LoaderFunctionArgs) {
  return moduleFeedbackData(request, params.module);
}

export async function action({ request, params }: ActionFunctionArgs) {
  return moduleFeedbackAction(request, params.module);
}

export default function ModuleFeedbackPage() {
  return <FeedbackPage page={useLoaderData<typeof loader>()} result={useActionData<typeof action>()} />;
}
