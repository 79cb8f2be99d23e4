// Writes a new Open Badges signing key (Ed25519 Multikey JSON) for BADGE_KEY_FILE, readable by
// its owner only. Usage: npm run badges:key -- path/to/badge-key.json
// Refuses to overwrite: replacing the key makes every credential issued with it fail (ADR 0028).
import fs from "node:fs";
import { newIssuerKey } from "~/badges/issuer.server";

const file = process.argv[2];
if (!file) {
  console.error("Usage: npm run badges:key -- <file>");
  process.exit(2);
}
if (fs.existsSync(file)) {
  console.error(`${file} exists: not replaced (a new key invalidates every credential signed with the old one)`);
  process.exit(1);
}
const key = await newIssuerKey();
fs.writeFileSync(file, `${JSON.stringify(key, null, 2)}\n`, { mode: 0o600, flag: "wx" });
console.log(`Wrote ${file}; public key ${key.publicKeyMultibase}. Set BADGE_KEY_FILE=${file}.`);
