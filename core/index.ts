export * from './topology/schema';
export * from './topology/document';
export * from './validate/problem';
export { validate, checkTopologyText } from './validate/validate';
export { blogNetwork } from './demo/blog-network';
export { RULE_CATALOG, type RuleId } from './validate/rule-catalog';
export { toGraph, type TopologyGraph } from './graph/to-graph';
