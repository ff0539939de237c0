import type { NodeTypes } from '@xyflow/react';
import type { GraphNodeKind } from '../../../core/graph/to-graph';
import { BridgeNode } from './bridge-node';
import { HostNode } from './host-node';
import { InterfaceNode } from './interface-node';
import { InternetNode } from './internet-node';
import { JailNode } from './jail-node';
import { LanNode } from './lan-node';
import { NicNode } from './nic-node';

/** One component per kind of box; defined once at module level so React Flow never remounts them. */
export const nodeTypes = {
  host: HostNode,
  jail: JailNode,
  bridge: BridgeNode,
  nic: NicNode,
  interface: InterfaceNode,
  lan: LanNode,
  internet: InternetNode,
} satisfies Record<GraphNodeKind, NodeTypes[string]>;
