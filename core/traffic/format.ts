import type { InterfaceRates } from '../wire/counters';

// Rates as people read them on a cable: bit/s or packets/s with SI prefixes, and a stroke that grows
// with the rate on a log scale (1 kbit/s to 10 Gbit/s), so a busy uplink and a quiet jail both show.

export type RateUnit = 'bits' | 'packets';

const PREFIXES = ['', 'k', 'M', 'G', 'T'];

/** 1234567 bytes/s → "9.88 Mb/s"; packets → "1.2 kp/s"; unknown (first sample) → "–". */
export function formatRate(value: number | null, unit: RateUnit): string {
  if (value === null || !Number.isFinite(value)) return '–';
  let scaled = unit === 'bits' ? value * 8 : value;
  let prefix = 0;
  while (Math.abs(scaled) >= 1000 && prefix < PREFIXES.length - 1) {
    scaled /= 1000;
    prefix++;
  }
  const digits = scaled >= 100 || prefix === 0 ? 0 : scaled >= 10 ? 1 : 2;
  return `${scaled.toFixed(digits)} ${PREFIXES[prefix]}${unit === 'bits' ? 'b/s' : 'p/s'}`;
}

/** Both directions of a cable as one short label: "↑ tx  ↓ rx". */
export function rateLabel(rate: InterfaceRates | undefined, unit: RateUnit): string {
  if (!rate) return 'no data';
  const [tx, rx] =
    unit === 'bits'
      ? [rate.txBytesPerSecond, rate.rxBytesPerSecond]
      : [rate.txPacketsPerSecond, rate.rxPacketsPerSecond];
  return `↑ ${formatRate(tx, unit)} ↓ ${formatRate(rx, unit)}`;
}

/** 0..1 on a log scale of the busier direction's bit rate, from 1 kbit/s (0) to 10 Gbit/s (1). */
export function rateLevel(rate: InterfaceRates | undefined): number {
  const bytes = Math.max(rate?.txBytesPerSecond ?? 0, rate?.rxBytesPerSecond ?? 0);
  const bits = bytes * 8;
  if (!(bits > 1000)) return 0;
  return Math.min(1, Math.log10(bits / 1000) / 7);
}

const COLOURS = ['#94a3b8', '#22c55e', '#84cc16', '#eab308', '#f97316', '#ef4444'];

/**
 * Stroke width (2..10 px, in whole pixels) and colour (grey when idle, green → red as it gets
 * busier). Whole steps: a cable is redrawn when its traffic moves a step, not on every sample.
 */
export function rateStroke(rate: InterfaceRates | undefined): { width: number; colour: string; exactWidth: number } {
  const level = rateLevel(rate);
  if (level === 0) return { width: 2, colour: COLOURS[0]!, exactWidth: 2 };
  return {
    width: 2 + Math.round(level * 8),
    colour: COLOURS[Math.min(COLOURS.length - 1, 1 + Math.floor(level * (COLOURS.length - 1)))]!,
    exactWidth: 2 + level * 8,
  };
}

/** The colour that goes with a drawn width, so width and colour step together (and never flicker apart). */
export function strokeColour(width: number): string {
  if (width <= 2) return COLOURS[0]!;
  return COLOURS[Math.min(COLOURS.length - 1, 1 + Math.floor(((width - 2) / 8) * (COLOURS.length - 1)))]!;
}

/**
 * Whether a cable drawn `shown` px wide should be redrawn for a rate whose exact width is `exact`:
 * only when it has moved a whole pixel, so a rate wobbling around a step does not redraw every tick.
 */
export function strokeMoved(shown: number, exact: number): boolean {
  return Math.abs(exact - shown) >= 1;
}
