import type { NodeProps } from '@xyflow/react';
import type { TopologyFlowNode } from '../flow-types';
import { NicIcon } from './icons';
import { LeafBox } from './node-chrome';

const accent = { box: 'border-emerald-300 bg-white', header: 'bg-emerald-50', tag: 'bg-emerald-100 text-emerald-800' };

export function NicNode({ data }: NodeProps<TopologyFlowNode>) {
  return <LeafBox node={data.node} flags={data.flags} accent={accent} tag="nic" icon={<NicIcon />} />;
}
