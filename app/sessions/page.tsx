import { SessionsList } from '../../components/auth/sessions-list';

export const metadata = { title: 'Sessions · Patchbay' };

/** The admin's sessions: which browsers are logged in, and ending any of them. */
export default function SessionsPage() {
  return <SessionsList />;
}
