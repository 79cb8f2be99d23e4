import { gunzipSync, gzipSync } from "node:zlib";
import { and, desc, eq, isNotNull } from "drizzle-orm";
import { getDb } from "~/db/client.server";
import { certificates, openBadges } from "~/db/schema";
import { getIssuer, type Issuer } from "./issuer.server";
import { signCredential, statusListUrl, vcDate, VC_STATUS_LIST_TYPE, type Credential } from "./credential.server";
import { VC_V2_CONTEXT } from "./document-loader.server";

// The revocation list (W3C Bitstring Status List v1.0): one bit per credential, set when its
// certificate is revoked. It is built from the database on request and signed with the
// issuer's key, dated at the latest revocation, so the same state always gives the same bytes
// and every revocation gives a newly signed list.

/** 131,072 bits (16 KB): the specification's minimum, so a bit does not single anyone out. */
export const STATUS_LIST_LENGTH = 131_072;

/** Multibase base64url (no padding) of the GZIP-compressed bitstring; bit 0 is the leftmost. */
export function encodeStatusList(setBits: Iterable<number>, length = STATUS_LIST_LENGTH): string {
  const bytes = new Uint8Array(length / 8);
  for (const i of setBits) bytes[i >> 3]! |= 0x80 >> (i & 7);
  // mtime 0 in the gzip header: the encoding depends on the bits alone.
  return `u${Buffer.from(gzipSync(bytes)).toString("base64url")}`;
}

export function statusBit(encodedList: string, index: number): boolean {
  if (!encodedList.startsWith("u")) throw new Error("encodedList is not multibase base64url");
  const bytes = gunzipSync(Buffer.from(encodedList.slice(1), "base64url"));
  if (index < 0 || index >= bytes.length * 8) throw new Error(`statusListIndex ${index} is outside the list`);
  return (bytes[index >> 3]! & (0x80 >> (index & 7))) !== 0;
}

async function revokedIndexes(): Promise<{ indexes: number[]; latest: Date | null }> {
  const rows = await getDb()
    .select({ statusIndex: openBadges.statusIndex, revokedAt: certificates.revokedAt })
    .from(openBadges)
    .innerJoin(certificates, eq(certificates.id, openBadges.certificateId))
    .where(and(isNotNull(certificates.revokedAt)))
    .orderBy(desc(certificates.revokedAt));
  return { indexes: rows.map((r) => r.statusIndex).sort((a, b) => a - b), latest: rows[0]?.revokedAt ?? null };
}

const signedLists = new Map<string, Promise<Credential>>();

/** The signed status list credential as it stands now. */
export async function statusListCredential(issuer?: Issuer): Promise<Credential> {
  const by = issuer ?? (await getIssuer());
  const { indexes, latest } = await revokedIndexes();
  // Dated at the latest revocation (before any, at the key's making): one state, one set of bytes.
  const date = latest ?? by.since;
  const id = statusListUrl();
  const cacheKey = `${by.verificationMethod} ${by.keyPair.publicKeyMultibase} ${id} ${date.getTime()} ${indexes.join(",")}`;
  let signed = signedLists.get(cacheKey);
  if (!signed) {
    signed = signCredential(
      by,
      {
        "@context": [VC_V2_CONTEXT],
        id,
        type: ["VerifiableCredential", VC_STATUS_LIST_TYPE],
        issuer: by.did,
        validFrom: vcDate(date),
        credentialSubject: { id: `${id}#list`, type: "BitstringStatusList", statusPurpose: "revocation", encodedList: encodeStatusList(indexes) },
      },
      date,
    );
    // One list per state is enough; an old one is never served again.
    signedLists.clear();
    signedLists.set(cacheKey, signed);
    signed.catch(() => signedLists.delete(cacheKey));
  }
  return signed;
}
