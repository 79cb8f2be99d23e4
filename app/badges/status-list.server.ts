import { randomInt } from "node:crypto";
import { gunzipSync, gzipSync } from "node:zlib";
import { and, desc, eq, inArray, isNotNull } from "drizzle-orm";
import { getDb, type Tx } from "~/db/client.server";
import { certificates, openBadges, pathCertificates, pathOpenBadges } from "~/db/schema";
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

/**
 * A random bit no credential holds yet, module or path (the specification's advice: a position
 * says nothing about when or to whom it was given). Run inside the write transaction that keeps
 * the credential: writes are serialised, so the bit is still free when it is inserted.
 */
export async function drawFreeStatusIndex(tx: Pick<Tx, "select">): Promise<number> {
  for (let tries = 0; tries < 20; tries++) {
    const index = randomInt(STATUS_LIST_LENGTH);
    const [module] = await tx.select({ id: openBadges.certificateId }).from(openBadges).where(eq(openBadges.statusIndex, index));
    if (module) continue;
    const [path] = await tx.select({ id: pathOpenBadges.pathCertificateId }).from(pathOpenBadges).where(eq(pathOpenBadges.statusIndex, index));
    if (!path) return index;
  }
  throw new Error("drawFreeStatusIndex: no free status list bit found");
}

async function revokedIndexes(): Promise<{ indexes: number[]; latest: Date | null }> {
  const db = getDb();
  const rows = await db
    .select({ id: certificates.id, userId: certificates.userId, statusIndex: openBadges.statusIndex, revokedAt: certificates.revokedAt })
    .from(certificates)
    .leftJoin(openBadges, eq(certificates.id, openBadges.certificateId))
    .where(and(isNotNull(certificates.revokedAt)))
    .orderBy(desc(certificates.revokedAt));
  const bits: { index: number; at: Date }[] = [];
  const revokedAt = new Map<string, Date>();
  for (const r of rows) {
    revokedAt.set(r.id, r.revokedAt!);
    if (r.statusIndex !== null) bits.push({ index: r.statusIndex, at: r.revokedAt! });
  }
  // A path credential is revoked with the first module certificate it rests on (ADR 0031). Such a
  // certificate belongs to the same person, so only the path credentials of people with a revoked
  // certificate are read (revocations are rare; this is not the whole table).
  const holders = [...new Set(rows.map((r) => r.userId))];
  for (let i = 0; i < holders.length; i += 500) {
    const paths = await db
      .select({ statusIndex: pathOpenBadges.statusIndex, modules: pathCertificates.modules })
      .from(pathOpenBadges)
      .innerJoin(pathCertificates, eq(pathCertificates.id, pathOpenBadges.pathCertificateId))
      .where(inArray(pathCertificates.userId, holders.slice(i, i + 500)));
    for (const p of paths) {
      const dates = p.modules.flatMap((m) => {
        const at = revokedAt.get(m.certificateId);
        return at ? [at.getTime()] : [];
      });
      if (dates.length > 0) bits.push({ index: p.statusIndex, at: new Date(Math.min(...dates)) });
    }
  }
  const latest = bits.reduce<Date | null>((a, b) => (a && a >= b.at ? a : b.at), null);
  return { indexes: bits.map((b) => b.index).sort((a, b) => a - b), latest };
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
