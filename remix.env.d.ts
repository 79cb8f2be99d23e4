/// <reference types="@remix-run/dev" />

import "@remix-run/node";
declare module "@remix-run/node" {
  // Single fetch's types: loader and action data are not JSON-serialised shapes.
  interface Future {
    v3_singleFetch: true;
  }
  interface AppLoadContext {
    /** The client's address, from server.js (X-Forwarded-For only with TRUST_PROXY=1). */
    clientIp?: string;
  }
}
