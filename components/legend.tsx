const ITEMS = [
  { label: 'epair (virtual cable)', color: '#7c3aed' },
  { label: 'bridge member', color: '#d97706' },
  { label: 'uplink to a LAN', color: '#059669' },
  { label: 'route to the internet', color: '#0284c7', dashed: true },
];

export function Legend() {
  return (
    <ul className="space-y-1.5 text-sm text-slate-700 dark:text-slate-300">
      {ITEMS.map((item) => (
        <li key={item.label} className="flex items-center gap-2">
          <svg width="28" height="6" aria-hidden>
            <line
              x1="0"
              y1="3"
              x2="28"
              y2="3"
              stroke={item.color}
              strokeWidth="2"
              strokeDasharray={item.dashed ? '6 5' : undefined}
            />
          </svg>
          {item.label}
        </li>
      ))}
    </ul>
  );
}
