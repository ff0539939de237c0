import { cookies } from 'next/headers';
import { redirect } from 'next/navigation';
import { LoginForm } from '../../components/auth/login-form';
import { adminAuth } from '../../server/auth/admin';
import { loginRequired } from '../../server/auth/gate';
import { safeNextPath } from '../../server/auth/next-path';
import { SESSION_COOKIE } from '../../server/auth/session';

export const dynamic = 'force-dynamic';
export const metadata = { title: 'Log in · Patchbay' };

/** The admin's login; before any password exists, the form that sets it (writing the setup code). */
export default async function LoginPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const next = safeNextPath((await searchParams).next);
  const auth = adminAuth();
  if (auth.isLoggedIn((await cookies()).get(SESSION_COOKIE)?.value)) redirect(next);
  return (
    <main className="flex flex-1 items-center justify-center bg-slate-50 dark:bg-slate-950 p-6">
      <LoginForm
        mode={auth.pendingSetupCode() === null ? 'login' : 'setup'}
        next={next}
        loginRequired={loginRequired(process.env)}
      />
    </main>
  );
}
