import type { NodeProps } from '@xyflow/react';
import type { TopologyFlowNode } from '../flow-types';
import { GlobeIcon } from './icons';
import { LeafBox } from './node-chrome';

const accent = {
  box: 'border-sky-400 bg-gradient-to-br from-sky-100 to-indigo-100 dark:from-sky-950 dark:to-indigo-950',
  header: '',
  tag: 'bg-white/70 text-sky-800 dark:bg-sky-900 dark:text-sky-100',
};

export function InternetNode({ data }: NodeProps<TopologyFlowNode>) {
  return (
    <LeafBox node={data.node} flags={data.flags} marks={data.marks} accent={accent} tag="wan" icon={<GlobeIcon />} />
  );
}
