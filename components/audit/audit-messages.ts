import type { Destination, Source } from '../../core/audit/audit';
import type { PatchbayAnchors } from '../../core/audit/effective-pf';
import type { AuditReport, Explanation } from '../../core/audit/report';
import type { Topology } from '../../core/topology/schema';

// What the page and the audit worker say to each other. Every request carries an id; the page
// keeps only the answer to its latest question.

export type AuditRequest =
  | { id: number; kind: 'report'; topology: Topology; patchbay: PatchbayAnchors; baseline?: Topology }
  | {
      id: number;
      kind: 'explain';
      topology: Topology;
      patchbay: PatchbayAnchors;
      source: Source;
      destination: Destination;
    };

export type AuditResponse =
  | { id: number; kind: 'report'; report: AuditReport }
  | { id: number; kind: 'explain'; explanation: Explanation }
  | { id: number; kind: 'error'; message: string };
