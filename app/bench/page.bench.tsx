import { BenchCanvas } from '../../components/bench/bench-canvas';

// Used by `npm run bench` only: /bench?mode=editor or /bench?mode=bare.
export const dynamic = 'force-dynamic';

export default async function BenchPage({ searchParams }: { searchParams: Promise<{ mode?: string }> }) {
  const { mode } = await searchParams;
  return <BenchCanvas mode={mode === 'bare' ? 'bare' : 'editor'} />;
}
