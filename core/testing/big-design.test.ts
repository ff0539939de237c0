import { describe, expect, it } from 'vitest';
import { toGraph } from '../graph/to-graph';
import { validate } from '../validate/validate';
import { bigDesign } from './big-design';

describe('bigDesign', () => {
  it('has 500 boxes and 600 cables and validates without errors', () => {
    const t = bigDesign();
    const graph = toGraph(t);
    expect(graph.nodes.filter((n) => n.kind !== 'host')).toHaveLength(500);
    expect(graph.edges).toHaveLength(600);
    expect(validate(t).filter((p) => p.severity === 'error')).toEqual([]);
  });
});
