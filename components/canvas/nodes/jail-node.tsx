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

/** A shared-IP jail has no stack of its own: a dashed box, tagged so (core/topology/shared-ip.ts). */
const shared = { ...leaf, box: 'border-2 border-dashed border-violet-400 bg-white dark:bg-slate-900' };
const sharedContainer = { ...container, box: `${container.box} border-dashed` };

export function JailNode({ data }: NodeProps<TopologyFlowNode>) {
  const tag = data.node.sharedIp ? 'shared-IP jail' : 'vnet jail';
  return data.node.container ? (
    <ContainerBox
      node={data.node}
      flags={data.flags}
      marks={data.marks}
      accent={data.node.sharedIp ? sharedContainer : container}
      tag={tag}
      icon={<JailIcon />}
    />
  ) : (
    <LeafBox
      node={data.node}
      flags={data.flags}
      marks={data.marks}
      accent={data.node.sharedIp ? shared : leaf}
      tag={tag}
      icon={<JailIcon />}
    />
  );
}
