import type { NodeProps } from '@xyflow/react';
import type { TopologyFlowNode } from '../flow-types';
import { JailIcon } from './icons';
import { ContainerBox, LeafBox } from './node-chrome';

const leaf = {
  box: 'border-violet-300 bg-white dark:bg-slate-900',
  header: 'bg-violet-50 dark:bg-violet-950/60',
  tag: 'bg-violet-100 text-violet-700 dark:bg-violet-900 dark:text-violet-200',
};
const container = {
  box: 'border-violet-300 bg-violet-50/40 dark:bg-violet-950/30',
  header: 'rounded-t-xl',
  tag: 'bg-violet-100 text-violet-700 dark:bg-violet-900 dark:text-violet-200',
};

export function JailNode({ data }: NodeProps<TopologyFlowNode>) {
  return data.node.container ? (
    <ContainerBox
      node={data.node}
      flags={data.flags}
      marks={data.marks}
      accent={container}
      tag="vnet jail"
      icon={<JailIcon />}
    />
  ) : (
    <LeafBox node={data.node} flags={data.flags} marks={data.marks} accent={leaf} tag="vnet jail" icon={<JailIcon />} />
  );
}
