import type { MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { readPage } from "../db.server";

export const meta: MetaFunction = () => [{ title: "Bare Remix page" }];

export function loader() {
  return { page: readPage(1) };
}

export default function Index() {
  const { page } = useLoaderData<typeof loader>();
  return (
    <main>
      <h1>{page.title}</h1>
      <p>Row {page.id}, read from SQLite on every request.</p>
    </main>
  );
}
