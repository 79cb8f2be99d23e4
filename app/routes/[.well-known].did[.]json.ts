import { didDocument, getIssuer } from "~/badges/issuer.server";

/**
 * The issuer's DID document (did:web): where verifiers find the public key that signs the
 * Open Badges credentials and the status list (ADR 0028). Public, and the same for everyone.
 */
export async function loader() {
  const doc = didDocument(await getIssuer());
  return new Response(JSON.stringify(doc, null, 2), {
    headers: { "Content-Type": "application/did+json", "Cache-Control": "public, max-age=300", "Access-Control-Allow-Origin": "*" },
  });
}
