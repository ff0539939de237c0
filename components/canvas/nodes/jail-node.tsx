import type { NodeProps } from '@xyflow/react';
import type { TopologyFlowNode } from '../flow-types';
import { JailIcon } from './icons';
import { ContainerBox, LeafBox } from './node-chrome';

const leaf = { box: 'border-violet-300 bg-white', header: 'bg-violet-50', tag: 'bg-violet-100 text-violet-700' };
const container = { box: 'border-violet-300 bg-violet-50/40', header: 'rounded-t-xl', tag: 'bg-violet-100 text-violet-700' };

export function JailNode({ data }: NodeProps<TopologyFlowNode>) {
  return data.node.container ? (
    <ContainerBox node={data.node} flags={data.flags} accent={container} tag="vnet jail" icon={<JailIcon />} />
  ) : (
    <LeafBox node={data.node} flags={data.flags} accent={leaf} tag="vnet jail" icon={<JailIcon />} />
  );
}
