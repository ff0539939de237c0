// Small stroke icons drawn inline, so the page needs no icon font or network fetch.
const common = {
  width: 16,
  height: 16,
  viewBox: '0 0 24 24',
  fill: 'none',
  stroke: 'currentColor',
  strokeWidth: 1.8,
  strokeLinecap: 'round',
  strokeLinejoin: 'round',
} as const;

export const ServerIcon = () => (
  <svg {...common} aria-hidden>
    <rect x="3" y="4" width="18" height="7" rx="1.5" />
    <rect x="3" y="13" width="18" height="7" rx="1.5" />
    <path d="M7 7.5h.01M7 16.5h.01" />
  </svg>
);
export const JailIcon = () => (
  <svg {...common} aria-hidden>
    <rect x="4" y="4" width="16" height="16" rx="2" />
    <path d="M9 4v16M15 4v16" />
  </svg>
);
export const BridgeIcon = () => (
  <svg {...common} aria-hidden>
    <path d="M3 17h18M6 17V9M18 17V9M3 9h18M10 9v8M14 9v8" />
  </svg>
);
export const NicIcon = () => (
  <svg {...common} aria-hidden>
    <rect x="3" y="6" width="18" height="12" rx="1.5" />
    <path d="M7 18v2M11 18v2M15 18v2M7 10h4v4H7z" />
  </svg>
);
export const PlugIcon = () => (
  <svg {...common} aria-hidden>
    <path d="M9 3v5M15 3v5M6 8h12v3a6 6 0 0 1-12 0V8zM12 17v4" />
  </svg>
);
export const LanIcon = () => (
  <svg {...common} aria-hidden>
    <rect x="9" y="3" width="6" height="5" rx="1" />
    <rect x="3" y="16" width="6" height="5" rx="1" />
    <rect x="15" y="16" width="6" height="5" rx="1" />
    <path d="M12 8v4M6 16v-4h12v4" />
  </svg>
);
export const GlobeIcon = () => (
  <svg {...common} aria-hidden>
    <circle cx="12" cy="12" r="9" />
    <path d="M3 12h18M12 3c2.5 2.7 3.8 5.7 3.8 9s-1.3 6.3-3.8 9c-2.5-2.7-3.8-5.7-3.8-9S9.5 5.7 12 3z" />
  </svg>
);
