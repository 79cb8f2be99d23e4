import type { MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { sql } from "drizzle-orm";
import { getDb } from "~/db/client.server";
import { useT } from "~/components/use-t";
import { pageMeta } from "~/components/meta";

export const meta: MetaFunction = ({ matches }) => pageMeta(matches, "meta.health");

/** A bare page that reads one row: the framework's own floor in the benchmark, and a liveness probe. */
export async function loader() {
  const row = getDb().get<{ ok: number }>(sql`select 1 as ok`);
  return { ok: row?.ok === 1 };
}

export default function Health() {
  const { ok } = useLoaderData<typeof loader>();
  const t = useT();
  return <h1>{ok ? t("health.ok") : t("health.down")}</h1>;
}
