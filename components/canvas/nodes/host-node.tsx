import type { NodeProps } from '@xyflow/react';
import type { TopologyFlowNode } from '../flow-types';
import { ServerIcon } from './icons';
import { ContainerBox } from './node-chrome';

const accent = { box: 'border-slate-300 bg-slate-50/70', header: 'rounded-t-xl', tag: 'bg-slate-200 text-slate-700' };

export function HostNode({ data }: NodeProps<TopologyFlowNode>) {
  return <ContainerBox node={data.node} flags={data.flags} accent={accent} tag="host" icon={<ServerIcon />} />;
}
