import { TrafficBench } from '../../../components/bench/traffic-bench';

// Used by `npm run bench` only.
export const dynamic = 'force-dynamic';

export default function TrafficBenchPage() {
  return <TrafficBench />;
}
