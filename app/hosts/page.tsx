import { HostList } from '../../components/hosts/host-list';

export const dynamic = 'force-dynamic';

export default function HostsPage() {
  return <HostList />;
}
