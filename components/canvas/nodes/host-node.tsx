import type { NodeProps } from '@xyflow/react';
import type { TopologyFlowNode } from '../flow-types';
import { ServerIcon } from './icons';
import { ContainerBox } from './node-chrome';

const accent = {
  box: 'border-slate-300 dark:border-slate-600 bg-slate-50/70 dark:bg-slate-800/50',
  header: 'rounded-t-xl',
  tag: 'bg-slate-200 text-slate-700 dark:bg-slate-700 dark:text-slate-200',
};

export function HostNode({ data }: NodeProps<TopologyFlowNode>) {
  return (
    <ContainerBox
      node={data.node}
      flags={data.flags}
      marks={data.marks}
      accent={accent}
      tag="host"
      icon={<ServerIcon />}
    />
  );
}
