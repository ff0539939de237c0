import { DesignList } from '../../components/designs/design-list';

export const dynamic = 'force-dynamic';

export default function DesignsPage() {
  return <DesignList />;
}
