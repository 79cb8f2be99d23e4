import { createContext } from "react";

/** The request's CSP nonce from server.js, set around <RemixServer> in entry.server.tsx. */
export const NonceContext = createContext("");
