import { notFound } from 'next/navigation';
import { DesignEditor } from '../../../components/editor/design-editor';
import { createCaller } from '../../../server/routers/app';
import { createContext } from '../../../server/trpc';

export const dynamic = 'force-dynamic';

export default async function DesignPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const opened = await createCaller(createContext()).designs.open({ id }).catch(() => null);
  if (!opened) notFound();
  return <DesignEditor designId={id} name={opened.design.name} version={opened.version} topology={opened.topology} />;
}
