import type { NodeProps } from '@xyflow/react';
import type { TopologyFlowNode } from '../flow-types';
import { LanIcon } from './icons';
import { LeafBox } from './node-chrome';

const accent = {
  box: 'border-sky-300 bg-sky-50 dark:bg-sky-950/60',
  header: '',
  tag: 'bg-sky-100 text-sky-800 dark:bg-sky-900 dark:text-sky-100',
};

export function LanNode({ data }: NodeProps<TopologyFlowNode>) {
  return (
    <LeafBox node={data.node} flags={data.flags} marks={data.marks} accent={accent} tag="lan" icon={<LanIcon />} />
  );
}
