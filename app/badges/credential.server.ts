import { DataIntegrityProof } from "@digitalbazaar/data-integrity";
import { cryptosuite as eddsaRdfc2022 } from "@digitalbazaar/eddsa-rdfc-2022-cryptosuite";
import * as vc from "@digitalbazaar/vc";
import { getConfig } from "~/config.server";
import type { Locale } from "~/db/schema/users";
import { OB_V3_CONTEXT, offlineDocumentLoader, VC_V2_CONTEXT, type DocumentLoader } from "./document-loader.server";
import { getIssuer, issuerDocuments, type Issuer } from "./issuer.server";
import { schemaProblems } from "./schema.server";

// Open Badges 3.0 credentials (W3C VC 2.0, OpenBadgeCredential) signed with Data Integrity
// eddsa-rdfc-2022 by the organisation's key (ADR 0028). Nothing here knows about certificates:
// a module certificate, and later a learning path, each describe their achievement and call
// `signAchievementCredential`.

/** What is achieved, in the credential's language. */
export type AchievementDescription = {
  /** A URI for the achievement (the same for everyone who earns it). */
  id: string;
  name: string;
  description: string;
  /** How it is earned, in words. */
  criteria: string;
  locale: Locale;
  achievementType: "Course" | "LearningProgram" | "Certificate";
  /** Learning hours (JP) it counts for; null when none are declared. */
  hours: number | null;
  /** The name of the hours result, e.g. "Learning hours (JP)". */
  hoursName: string;
  version?: string;
};

export type AchievementCredentialInput = {
  /** The credential's own URI. */
  id: string;
  achievement: AchievementDescription;
  holderName: string;
  /** First learning activity (first lesson opened); null when unknown. */
  activityStart: Date | null;
  /** When it was earned: also validFrom and the proof's date, so signing is repeatable. */
  awardedAt: Date;
  validUntil: Date | null;
  /** The bit in the revocation status list. */
  statusIndex: number;
};

export type Credential = Record<string, unknown> & { proof?: Record<string, unknown> | Record<string, unknown>[] };

/** XSD dateTimeStamp, whole seconds (how the dates read in every wallet). */
export const vcDate = (d: Date) => new Date(Math.floor(d.getTime() / 1000) * 1000).toISOString().replace(/\.000Z$/, "Z");

export const VC_STATUS_LIST_TYPE = "BitstringStatusListCredential";

export function statusListUrl(publicUrl: string = getConfig().publicUrl) {
  return `${publicUrl}/credentials/status/1`;
}

/** The issuer Profile as every credential names it. */
export function issuerProfile(issuer: Pick<Issuer, "did">) {
  const config = getConfig();
  return { id: issuer.did, type: ["Profile"], name: config.orgName, url: config.publicUrl };
}

export function unsignedAchievementCredential(issuer: Pick<Issuer, "did">, input: AchievementCredentialInput): Credential {
  const a = input.achievement;
  const hoursId = `${a.id}#learning-hours`;
  const achievement: Record<string, unknown> = {
    id: a.id,
    type: ["Achievement"],
    achievementType: a.achievementType,
    name: a.name,
    description: a.description,
    criteria: { narrative: a.criteria },
    inLanguage: a.locale,
    ...(a.version ? { version: a.version } : {}),
    ...(a.hours !== null
      ? {
          creditsAvailable: a.hours,
          resultDescription: [{ id: hoursId, type: ["ResultDescription"], name: a.hoursName, resultType: "ext:LearningHours", valueMin: "0" }],
        }
      : {}),
  };
  const list = statusListUrl();
  return {
    "@context": [VC_V2_CONTEXT, OB_V3_CONTEXT],
    id: input.id,
    type: ["VerifiableCredential", "OpenBadgeCredential"],
    name: a.name,
    issuer: issuerProfile(issuer),
    validFrom: vcDate(input.awardedAt),
    ...(input.validUntil ? { validUntil: vcDate(input.validUntil) } : {}),
    credentialSubject: {
      type: ["AchievementSubject"],
      identifier: [{ type: "IdentityObject", identityHash: input.holderName, identityType: "name", hashed: false }],
      achievement,
      ...(input.activityStart ? { activityStartDate: vcDate(input.activityStart) } : {}),
      activityEndDate: vcDate(input.awardedAt),
      ...(a.hours !== null ? { creditsEarned: a.hours, result: [{ type: ["Result"], resultDescription: hoursId, value: String(a.hours) }] } : {}),
    },
    credentialStatus: {
      id: `${list}#${input.statusIndex}`,
      type: "BitstringStatusListEntry",
      statusPurpose: "revocation",
      statusListIndex: String(input.statusIndex),
      statusListCredential: list,
    },
  };
}

/** The loader a proof of ours is checked with: bundled contexts plus our DID document and key. */
export function issuerDocumentLoader(issuer: Issuer): DocumentLoader {
  return offlineDocumentLoader(issuerDocuments(issuer));
}

/** Signs any credential with the issuer's key, dated `date` (Ed25519 is deterministic). */
export async function signCredential(issuer: Issuer, credential: Credential, date: Date): Promise<Credential> {
  const suite = new DataIntegrityProof({ signer: issuer.keyPair.signer(), date: vcDate(date), cryptosuite: eddsaRdfc2022 });
  const signed = (await vc.issue({
    credential: structuredClone(credential),
    suite,
    documentLoader: issuerDocumentLoader(issuer),
    now: date,
  })) as Credential;
  // The OB 3.0 JSON Schema wants `proof` as an array; a proof set of one means the same in JSON-LD.
  if (signed.proof && !Array.isArray(signed.proof)) signed.proof = [signed.proof];
  return signed;
}

/** Whether a proof of ours holds, whatever the dates and status say. */
export async function proofHolds(issuer: Issuer, credential: Credential): Promise<{ ok: boolean; error?: string }> {
  try {
    const validFrom = typeof credential.validFrom === "string" ? new Date(credential.validFrom) : undefined;
    const result = await vc.verifyCredential({
      credential,
      suite: new DataIntegrityProof({ cryptosuite: eddsaRdfc2022 }),
      documentLoader: issuerDocumentLoader(issuer),
      // Dates and status are judged on their own (expired and revoked are not "forged").
      now: validFrom && !Number.isNaN(validFrom.getTime()) ? validFrom : undefined,
      checkStatus: async () => ({ verified: true }),
    });
    if (result.verified) return { ok: true };
    return { ok: false, error: firstError(result) };
  } catch (e) {
    return { ok: false, error: e instanceof Error ? e.message : String(e) };
  }
}

export function firstError(result: vc.VerifyResult): string {
  const fromResults = result.results?.find((r) => !r.verified)?.error;
  const errors = result.error?.errors;
  return (errors?.[0]?.message ?? fromResults?.message ?? result.error?.message ?? "verification failed").slice(0, 300);
}

export class CredentialRefusedError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "CredentialRefusedError";
  }
}

/**
 * Signs an Open Badges 3.0 credential for an achievement and proves it before anyone sees it:
 * it must pass the official JSON Schema and its proof must verify. Otherwise it throws.
 */
export async function signAchievementCredential(input: AchievementCredentialInput, issuer?: Issuer): Promise<Credential> {
  const by = issuer ?? (await getIssuer());
  const signed = await signCredential(by, unsignedAchievementCredential(by, input), input.awardedAt);
  const problems = schemaProblems(signed);
  if (problems.length) throw new CredentialRefusedError(`Open Badges 3.0 schema: ${problems.join("; ")}`);
  const proof = await proofHolds(by, signed);
  if (!proof.ok) throw new CredentialRefusedError(`proof does not verify: ${proof.error}`);
  return signed;
}
