import type { EdgeTypes } from '@xyflow/react';
import { LinkEdge } from './link-edge';

export const edgeTypes = { link: LinkEdge } satisfies EdgeTypes;
