// A problem is what both the document reader (core/topology/document.ts) and validate() report, so
// its home is core/topology, the lower of the two; validation's many importers keep this path.
export * from '../topology/problem';
