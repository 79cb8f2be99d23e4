// The test's hand-built verifier uses these two libraries directly; they ship no types.
declare module "jsonld" {
  const jsonld: { toRDF(input: object, options: Record<string, unknown>): Promise<unknown> };
  export default jsonld;
}
declare module "rdf-canonize" {
  export function canonize(dataset: unknown, options: { algorithm: "RDFC-1.0" }): Promise<string>;
}
