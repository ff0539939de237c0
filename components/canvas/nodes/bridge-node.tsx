import type { NodeProps } from '@xyflow/react';
import type { TopologyFlowNode } from '../flow-types';
import { BridgeIcon } from './icons';
import { LeafBox } from './node-chrome';

const accent = {
  box: 'border-amber-300 bg-white dark:bg-slate-900',
  header: 'bg-amber-50 dark:bg-amber-950/60',
  tag: 'bg-amber-100 text-amber-800 dark:bg-amber-900 dark:text-amber-100',
};

export function BridgeNode({ data }: NodeProps<TopologyFlowNode>) {
  return (
    <LeafBox
      node={data.node}
      flags={data.flags}
      marks={data.marks}
      accent={accent}
      tag="bridge"
      icon={<BridgeIcon />}
    />
  );
}
