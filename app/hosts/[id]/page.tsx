import { HostView } from '../../../components/hosts/host-view';

export const dynamic = 'force-dynamic';

export default async function HostPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  return <HostView hostId={id} />;
}
