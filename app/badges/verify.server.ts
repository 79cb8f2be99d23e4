import { DataIntegrityProof } from "@digitalbazaar/data-integrity";
import { cryptosuite as eddsaRdfc2022 } from "@digitalbazaar/eddsa-rdfc-2022-cryptosuite";
import * as vc from "@digitalbazaar/vc";
import { clockNow } from "~/utils/clock.server";
import { issuerDocumentLoader, proofHolds, statusListUrl, VC_STATUS_LIST_TYPE, type Credential } from "./credential.server";
import { getIssuer, type Issuer } from "./issuer.server";
import { schemaProblems } from "./schema.server";
import { statusBit, statusListCredential } from "./status-list.server";

// Checking a credential someone hands us: is it an Open Badges 3.0 credential, is it ours, does
// its signature hold, is it revoked, has it expired. Offline: only our own key and status list
// are consulted, so a credential of another issuer is named as such, never "verified".

export type BadgeSummary = {
  issuerName: string;
  holderName: string | null;
  achievement: string;
  /** OB 3.0 achievementType: "Course" for a module, "LearningProgram" for a learning path. */
  achievementType: string | null;
  description: string;
  criteria: string;
  hours: number | null;
  validFrom: string;
  validUntil: string | null;
  language: string | null;
};

export type BadgeCheck =
  | { ok: false; error: "not-credential"; detail: string }
  | { ok: false; error: "other-issuer"; issuer: string }
  | {
      ok: true;
      verdict: "valid" | "revoked" | "expired" | "not-yet-valid" | "forged" | "status-unknown";
      signature: boolean;
      /** null when the status could not be read (no entry, or not our list). */
      revoked: boolean | null;
      expired: boolean;
      /** What the whole W3C verification (proof, dates, status) says, as @digitalbazaar/vc runs it. */
      verified: boolean;
      summary: BadgeSummary;
    };

type Obj = Record<string, unknown>;
const asObj = (v: unknown): Obj => (v && typeof v === "object" && !Array.isArray(v) ? (v as Obj) : {});
const str = (v: unknown): string | null => (typeof v === "string" ? v : null);

function summarise(c: Obj): BadgeSummary {
  const issuer = asObj(c.issuer);
  const subject = asObj(c.credentialSubject);
  const achievement = asObj(subject.achievement);
  const ids = Array.isArray(subject.identifier) ? subject.identifier.map(asObj) : [];
  const name = ids.find((i) => i.identityType === "name" && i.hashed === false);
  return {
    issuerName: str(issuer.name) ?? str(issuer.id) ?? str(c.issuer) ?? "",
    holderName: str(name?.identityHash),
    achievement: str(achievement.name) ?? "",
    achievementType: str(achievement.achievementType),
    description: str(achievement.description) ?? "",
    criteria: str(asObj(achievement.criteria).narrative) ?? "",
    hours: typeof subject.creditsEarned === "number" ? subject.creditsEarned : null,
    validFrom: str(c.validFrom) ?? "",
    validUntil: str(c.validUntil),
    language: str(achievement.inLanguage),
  };
}

/** Whether the credential's revocation bit is set in our list; null when it names no list of ours. */
async function revokedInOurList(issuer: Issuer, credential: Obj): Promise<boolean | null> {
  const entry = asObj(credential.credentialStatus);
  if (entry.type !== "BitstringStatusListEntry" || entry.statusPurpose !== "revocation") return null;
  if (entry.statusListCredential !== statusListUrl()) return null;
  const index = Number(entry.statusListIndex);
  if (!Number.isInteger(index) || index < 0) return null;
  const list = await statusListCredential(issuer);
  // The list is a credential too: read a bit only from one whose own proof holds.
  if (!(await proofHolds(issuer, list)).ok || asObj(list).type === undefined) return null;
  const subject = asObj(list.credentialSubject);
  if (!(Array.isArray(list.type) && list.type.includes(VC_STATUS_LIST_TYPE))) return null;
  const encoded = str(subject.encodedList);
  if (!encoded) return null;
  try {
    return statusBit(encoded, index);
  } catch {
    return null;
  }
}

/** Checks a parsed JSON value as an Open Badges 3.0 credential of ours at `now`. */
export async function checkBadge(input: unknown, now: Date = clockNow()): Promise<BadgeCheck> {
  const problems = schemaProblems(input);
  if (problems.length) return { ok: false, error: "not-credential", detail: problems.slice(0, 3).join("; ") };
  const credential = input as Credential;
  const issuer = await getIssuer();
  const issuerId = str(asObj(credential.issuer).id) ?? str(credential.issuer) ?? "";
  if (issuerId !== issuer.did) return { ok: false, error: "other-issuer", issuer: issuerId };

  const signature = (await proofHolds(issuer, credential)).ok;
  const revoked = signature ? await revokedInOurList(issuer, credential) : null;
  const validFrom = new Date(String(credential.validFrom));
  const validUntil = typeof credential.validUntil === "string" ? new Date(credential.validUntil) : null;
  const expired = validUntil !== null && validUntil.getTime() <= now.getTime();
  const notYet = validFrom.getTime() > now.getTime();

  let verified = false;
  try {
    const result = await vc.verifyCredential({
      credential,
      suite: new DataIntegrityProof({ cryptosuite: eddsaRdfc2022 }),
      documentLoader: issuerDocumentLoader(issuer),
      now,
      maxClockSkew: 0,
      checkStatus: async ({ credential: c }) => {
        const bit = await revokedInOurList(issuer, c);
        return { verified: bit === false };
      },
    });
    verified = result.verified;
  } catch {
    verified = false;
  }

  const verdict = !signature
    ? "forged"
    : revoked
      ? "revoked"
      : expired
        ? "expired"
        : notYet
          ? "not-yet-valid"
          : revoked === null
            ? "status-unknown"
            : "valid";
  return { ok: true, verdict, signature, revoked, expired, verified, summary: summarise(credential) };
}
