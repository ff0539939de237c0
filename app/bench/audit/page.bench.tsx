import { AuditBench } from '../../../components/bench/audit-bench';

// Used by `npm run bench` only (bench/editor-audit.mjs).
export const dynamic = 'force-dynamic';

export default function AuditBenchPage() {
  return <AuditBench />;
}
