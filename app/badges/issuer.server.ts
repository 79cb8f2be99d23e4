import fs from "node:fs/promises";
import * as Ed25519Multikey from "@digitalbazaar/ed25519-multikey";
import type { Ed25519KeyPair } from "@digitalbazaar/ed25519-multikey";
import { eq } from "drizzle-orm";
import { z } from "~/utils/zod";
import { getConfig } from "~/config.server";
import { getDb } from "~/db/client.server";
import { appSecrets } from "~/db/schema";
import { writeTransaction } from "~/db/transaction.server";
import { clockNow } from "~/utils/clock.server";

// The issuer of every credential: the organisation (ORG_NAME) as a did:web under PUBLIC_URL,
// signing with one Ed25519 key. The key comes from BADGE_KEY_FILE when set, otherwise it is
// made at first use and kept in app_secrets (both dialects), so every process agrees and a
// database backup carries it.

const KEY_NAME = "open-badges-ed25519";
export const KEY_FRAGMENT = "key-1";

/** The stored form of the key (also the BADGE_KEY_FILE format). */
export const IssuerKeySchema = z.object({
  publicKeyMultibase: z.string().regex(/^z6Mk[1-9A-HJ-NP-Za-km-z]+$/, "an Ed25519 Multikey public key (z6Mk…)"),
  secretKeyMultibase: z.string().regex(/^z[1-9A-HJ-NP-Za-km-z]{80,}$/, "an Ed25519 Multikey secret key (z…, base58btc)"),
});
export type IssuerKeyJson = z.infer<typeof IssuerKeySchema>;

/**
 * did:web for PUBLIC_URL: the host (a port's colon percent-encoded) and any path segments. A
 * verifier resolves it at PUBLIC_URL/.well-known/did.json (no path) or PUBLIC_URL/did.json.
 */
export function issuerDid(publicUrl: string = getConfig().publicUrl): string {
  const url = new URL(publicUrl);
  const segments = url.pathname.split("/").filter(Boolean).map(encodeURIComponent);
  return ["did:web", encodeURIComponent(url.host), ...segments].join(":");
}

export type Issuer = {
  did: string;
  verificationMethod: string;
  keyPair: Ed25519KeyPair;
  /** When the key was made (or the file read): the status list's date before any revocation. */
  since: Date;
};

const issuers = new Map<string, Promise<Issuer>>();

/** The issuer of this deployment, its key loaded or made once per process and database. */
export function getIssuer(): Promise<Issuer> {
  const config = getConfig();
  const source = config.badgeKeyFile ? `file:${config.badgeKeyFile}` : `db:${config.databaseUrl || config.databasePath}`;
  const cacheKey = `${source} ${config.publicUrl}`;
  let issuer = issuers.get(cacheKey);
  if (!issuer) {
    issuer = loadIssuer(config.badgeKeyFile, config.publicUrl);
    issuers.set(cacheKey, issuer);
    issuer.catch(() => issuers.delete(cacheKey));
  }
  return issuer;
}

async function loadIssuer(keyFile: string | undefined, publicUrl: string): Promise<Issuer> {
  const { key, since } = keyFile ? await keyFromFile(keyFile) : await keyFromDatabase();
  const did = issuerDid(publicUrl);
  const verificationMethod = `${did}#${KEY_FRAGMENT}`;
  const keyPair = await Ed25519Multikey.from({ type: "Multikey", id: verificationMethod, controller: did, ...key });
  return { did, verificationMethod, keyPair, since };
}

async function keyFromFile(file: string): Promise<{ key: IssuerKeyJson; since: Date }> {
  const [text, stat] = await Promise.all([fs.readFile(file, "utf8"), fs.stat(file)]);
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new Error(`BADGE_KEY_FILE ${file}: not JSON`);
  }
  const parsed = IssuerKeySchema.safeParse(json);
  if (!parsed.success) throw new Error(`BADGE_KEY_FILE ${file}: ${parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ")}`);
  return { key: parsed.data, since: stat.mtime };
}

/** A new key in the stored form (also what `npm run badges:key` writes for BADGE_KEY_FILE). */
export async function newIssuerKey(): Promise<IssuerKeyJson> {
  const pair = await Ed25519Multikey.generate();
  const exported = await pair.export({ publicKey: true, secretKey: true });
  return IssuerKeySchema.parse({ publicKeyMultibase: exported.publicKeyMultibase, secretKeyMultibase: exported.secretKeyMultibase });
}

async function keyFromDatabase(): Promise<{ key: IssuerKeyJson; since: Date }> {
  const read = async () => (await getDb().select().from(appSecrets).where(eq(appSecrets.name, KEY_NAME)))[0];
  let row = await read();
  if (!row) {
    const candidate = JSON.stringify(await newIssuerKey());
    // Two processes starting together: the first insert wins and both read it back.
    row = await writeTransaction(async (tx) => {
      await tx.insert(appSecrets).values({ name: KEY_NAME, value: candidate, createdAt: clockNow() }).onConflictDoNothing();
      return (await tx.select().from(appSecrets).where(eq(appSecrets.name, KEY_NAME)))[0]!;
    });
  }
  return { key: IssuerKeySchema.parse(JSON.parse(row.value)), since: row.createdAt };
}

/** The verification method as a document (what a did:web resolver finds under its id). */
export function verificationMethodDocument(issuer: Pick<Issuer, "did" | "verificationMethod" | "keyPair">) {
  return {
    "@context": "https://w3id.org/security/multikey/v1",
    id: issuer.verificationMethod,
    type: "Multikey",
    controller: issuer.did,
    publicKeyMultibase: issuer.keyPair.publicKeyMultibase,
  };
}

/** The DID document served at /.well-known/did.json. */
export function didDocument(issuer: Pick<Issuer, "did" | "verificationMethod" | "keyPair">) {
  const { "@context": _context, ...method } = verificationMethodDocument(issuer);
  return {
    "@context": ["https://www.w3.org/ns/did/v1", "https://w3id.org/security/multikey/v1"],
    id: issuer.did,
    verificationMethod: [method],
    assertionMethod: [issuer.verificationMethod],
  };
}

/** What a verifier may load besides the contexts: our DID document and our key. */
export function issuerDocuments(issuer: Issuer): Map<string, unknown> {
  return new Map<string, unknown>([
    [issuer.did, didDocument(issuer)],
    [issuer.verificationMethod, verificationMethodDocument(issuer)],
  ]);
}
