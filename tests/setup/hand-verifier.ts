// An independent verifier for our Open Badges credentials (ADR 0028): the eddsa-rdfc-2022
// algorithm written out by hand with jsonld + rdf-canonize and node:crypto's Ed25519, checked
// against the public key in the served DID document, so a bug in @digitalbazaar/vc cannot
// vouch for itself. Shared by the module and path credential tests.
import { createHash, createPublicKey, verify as edVerify } from "node:crypto";
import jsonld from "jsonld";
import * as rdfCanonize from "rdf-canonize";
import { expect } from "vitest";
import type { Credential } from "~/badges/credential.server";
import { offlineDocumentLoader } from "~/badges/document-loader.server";

const B58 = "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz";
export function base58btc(text: string): Buffer {
  let n = 0n;
  for (const ch of text) {
    const v = B58.indexOf(ch);
    if (v < 0) throw new Error("not base58");
    n = n * 58n + BigInt(v);
  }
  const bytes: number[] = [];
  while (n > 0n) {
    bytes.unshift(Number(n & 0xffn));
    n >>= 8n;
  }
  for (const ch of text) {
    if (ch !== "1") break;
    bytes.unshift(0);
  }
  return Buffer.from(bytes);
}

export async function canonicalHash(doc: object): Promise<Buffer> {
  const loader = offlineDocumentLoader();
  const dataset = await jsonld.toRDF(doc, { documentLoader: loader, safe: true } as never);
  const nquads = await rdfCanonize.canonize(dataset as never, { algorithm: "RDFC-1.0" });
  return createHash("sha256").update(nquads).digest();
}

/** Verifies a DataIntegrityProof (eddsa-rdfc-2022) against the public key in our DID document. */
export async function handVerify(credential: Credential, publicKeyMultibase: string): Promise<boolean> {
  const proofs = Array.isArray(credential.proof) ? credential.proof : [credential.proof!];
  if (proofs.length !== 1) return false;
  const { proofValue, ...proofOptions } = proofs[0]! as Record<string, string>;
  if (proofOptions.cryptosuite !== "eddsa-rdfc-2022" || !proofValue?.startsWith("z")) return false;
  const { proof: _proof, ...unsecured } = credential;
  const proofConfig = { "@context": credential["@context"], ...proofOptions };
  const hashData = Buffer.concat([await canonicalHash(proofConfig), await canonicalHash(unsecured)]);
  const multikey = base58btc(publicKeyMultibase.slice(1));
  expect([...multikey.subarray(0, 2)]).toEqual([0xed, 0x01]);
  const spki = Buffer.concat([Buffer.from("302a300506032b6570032100", "hex"), multikey.subarray(2)]);
  return edVerify(null, hashData, createPublicKey({ key: spki, format: "der", type: "spki" }), base58btc(proofValue.slice(1)));
}
