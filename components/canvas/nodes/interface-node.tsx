import type { NodeProps } from '@xyflow/react';
import type { TopologyFlowNode } from '../flow-types';
import { PlugIcon } from './icons';
import { LeafBox } from './node-chrome';

const accent = {
  box: 'border-slate-300 dark:border-slate-600 bg-white dark:bg-slate-900',
  header: 'bg-slate-50 dark:bg-slate-950',
  tag: 'bg-slate-100 dark:bg-slate-800 text-slate-700 dark:text-slate-300',
};

/** An epair end that sits directly in a host or container jail, on no bridge; or a loopback clone such as lo1. */
export function InterfaceNode({ data }: NodeProps<TopologyFlowNode>) {
  return (
    <LeafBox
      node={data.node}
      flags={data.flags}
      marks={data.marks}
      accent={accent}
      tag={data.node.loopback ? 'loopback' : 'epair'}
      icon={<PlugIcon />}
    />
  );
}
