export * from './topology/schema';
export * from './topology/document';
export * from './validate/problem';
export { validate, checkTopologyText } from './validate/validate';
export { blogNetwork } from './demo/blog-network';
