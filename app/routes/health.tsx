import { data, type MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { databaseIsUp } from "~/health.server";
import { useT } from "~/components/use-t";
import { pageMeta } from "~/components/meta";

export const meta: MetaFunction = ({ matches }) => pageMeta(matches, "meta.health");

/** A bare page that reads one row: the framework's own floor in the benchmark, and a liveness probe. */
export async function loader() {
  // A probe reads the status: 503 when the database does not answer.
  const ok = await databaseIsUp();
  return data({ ok }, { status: ok ? 200 : 503 });
}

export default function Health() {
  const { ok } = useLoaderData<typeof loader>();
  const t = useT();
  return <h1>{ok ? t("health.ok") : t("health.down")}</h1>;
}
