import { createContext, useContext } from "react";

/**
 * The request's Content-Security-Policy nonce (server.js makes one per request). Set around
 * <RemixServer> in entry.server.tsx; in the browser it is empty, as browsers hide nonces from
 * the DOM anyway.
 */
export const NonceContext = createContext("");

export function useNonce() {
  return useContext(NonceContext);
}
