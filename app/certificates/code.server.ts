import { randomInt } from "node:crypto";

// No 0/O, 1/I/L, U or 5/S look-alikes: codes are read aloud over the phone and typed by hand.
export const CODE_ALPHABET = "2346789ABCDEFGHJKMNPQRTVWXYZ";
export const CODE_LENGTH = 16;

/** 16 characters from a 28-letter alphabet: 76.9 bits of randomness, as XXXX-XXXX-XXXX-XXXX. */
export function generateCertificateCode(): string {
  let raw = "";
  for (let i = 0; i < CODE_LENGTH; i++) raw += CODE_ALPHABET[randomInt(CODE_ALPHABET.length)];
  return raw.match(/.{4}/g)!.join("-");
}

/** What a person typed (any case, spaces, missing dashes, O for 0…) into the stored form, or null. */
export function normalizeCertificateCode(input: string): string | null {
  const raw = input.toUpperCase().replace(/[\s-]/g, "").replace(/O/g, "0").replace(/[IL]/g, "1");
  if (raw.length !== CODE_LENGTH) return null;
  for (const ch of raw) if (!CODE_ALPHABET.includes(ch)) return null;
  return raw.match(/.{4}/g)!.join("-");
}
