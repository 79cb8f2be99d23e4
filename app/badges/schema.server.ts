import Ajv2019 from "ajv/dist/2019.js";
import addFormats from "ajv-formats";
import achievementCredentialSchema from "./schema/ob_v3p0_achievementcredential_schema.json";

// The official 1EdTech JSON Schema for an AchievementCredential (draft 2019-09), bundled. A
// credential that fails it is never handed out (ADR 0028).

type Validate = ((data: unknown) => boolean) & { errors?: { instancePath: string; message?: string }[] | null };

// The CommonJS packages arrive as the class itself or as { default } depending on the bundler.
const interop = <T>(m: T): T => ((m as { default?: T }).default ?? m) as T;

let validate: Validate | undefined;

function validator(): Validate {
  if (!validate) {
    const ajv = new (interop(Ajv2019))({ allErrors: true, strict: false });
    interop(addFormats)(ajv);
    validate = ajv.compile(achievementCredentialSchema) as Validate;
  }
  return validate;
}

/** The schema's complaints about a credential, empty when it is valid. */
export function schemaProblems(credential: unknown): string[] {
  const check = validator();
  if (check(credential)) return [];
  return (check.errors ?? []).map((e) => `${e.instancePath || "/"} ${e.message ?? "is invalid"}`);
}
