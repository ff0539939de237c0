import type { NodeProps } from '@xyflow/react';
import type { TopologyFlowNode } from '../flow-types';
import { NicIcon } from './icons';
import { LeafBox } from './node-chrome';

const accent = {
  box: 'border-emerald-300 bg-white dark:bg-slate-900',
  header: 'bg-emerald-50 dark:bg-emerald-950/60',
  tag: 'bg-emerald-100 text-emerald-800 dark:bg-emerald-900 dark:text-emerald-100',
};

export function NicNode({ data }: NodeProps<TopologyFlowNode>) {
  return (
    <LeafBox node={data.node} flags={data.flags} marks={data.marks} accent={accent} tag="nic" icon={<NicIcon />} />
  );
}
