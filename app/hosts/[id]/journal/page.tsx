import { JournalView } from '../../../../components/hosts/journal-view';

export const dynamic = 'force-dynamic';

export default async function JournalPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  return <JournalView hostId={id} />;
}
