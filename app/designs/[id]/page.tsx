import { TRPCError } from '@trpc/server';
import { notFound } from 'next/navigation';
import { DesignEditor } from '../../../components/editor/design-editor';
import { createCaller } from '../../../server/routers/app';
import { createContext } from '../../../server/trpc';

export const dynamic = 'force-dynamic';

export default async function DesignPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const opened = await createCaller(createContext())
    .designs.open({ id })
    .catch((error: unknown) =>
      error instanceof TRPCError && error.code === 'UNPROCESSABLE_CONTENT' ? error.message : null,
    );
  if (!opened) notFound();
  if (typeof opened === 'string') {
    return (
      <p className="m-6 text-sm text-red-700" role="alert" data-testid="design-unreadable">
        {opened} Restore an earlier version or delete it from the designs list.
      </p>
    );
  }
  return <DesignEditor designId={id} name={opened.design.name} version={opened.version} topology={opened.topology} />;
}
