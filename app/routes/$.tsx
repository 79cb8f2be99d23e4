// Any URL no other route matches: a real 404 rendered by the root error boundary.
export async function loader() {
  throw new Response("Not found", { status: 404, statusText: "Not Found" });
}

export async function action() {
  throw new Response("Not found", { status: 404, statusText: "Not Found" });
}

export default function NotFound() {
  return null;
}
