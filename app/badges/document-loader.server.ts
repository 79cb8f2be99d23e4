import credentialsV2 from "./contexts/credentials-v2.json";
import obV3p0 from "./contexts/ob-v3p0-context-3.0.3.json";

// Signing and verifying never touch the network (ADR 0028): the JSON-LD contexts are bundled,
// and the only other documents a proof needs (our issuer's DID document and key) come from
// the caller. Anything else - a context we do not ship, another issuer's key - throws.

export const VC_V2_CONTEXT = "https://www.w3.org/ns/credentials/v2";
export const OB_V3_CONTEXT = "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json";

const CONTEXTS: ReadonlyMap<string, unknown> = new Map<string, unknown>([
  [VC_V2_CONTEXT, credentialsV2],
  [OB_V3_CONTEXT, obV3p0],
]);

export type DocumentLoader = (url: string) => Promise<{ contextUrl: null; documentUrl: string; document: unknown }>;

export class OfflineDocumentError extends Error {
  constructor(readonly url: string) {
    super(`Not available offline: ${url}`);
    this.name = "OfflineDocumentError";
  }
}

/** A document loader over the bundled contexts and `documents` (by URL); any other URL throws. */
export function offlineDocumentLoader(documents: ReadonlyMap<string, unknown> = new Map()): DocumentLoader {
  return async (url: string) => {
    const document = CONTEXTS.get(url) ?? documents.get(url);
    if (document === undefined) throw new OfflineDocumentError(url);
    // A copy: the libraries must not be able to change the bundled originals.
    return { contextUrl: null, documentUrl: url, document: structuredClone(document) };
  };
}
