import type { LayoutState } from './use-auto-layout';

/** What a canvas shows instead of the drawing while ELK works, or when it could not. */
export function LayoutStatus({ layout, what }: { layout: LayoutState; what: string }) {
  if (layout.status === 'failed')
    return <p className="p-6 text-sm text-red-700">The layout could not be computed: {layout.message}</p>;
  return (
    <p className="p-6 text-sm text-slate-500" role="status">
      Laying out {what}…
    </p>
  );
}
