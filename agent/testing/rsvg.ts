import { spawnSync } from 'node:child_process';

// Debian's rsvg-convert (librsvg2-bin, installed by scripts/ensure-oracles.sh): an SVG renderer we did
// not write, so an exported picture is judged by what a real tool draws from it.

/** The PNG rsvg-convert draws from `svg` at `zoom`; throws with rsvg's own message when it refuses. */
export function rsvgToPng(svg: string, zoom = 1): Buffer {
  const run = spawnSync('rsvg-convert', ['--format', 'png', '--zoom', String(zoom)], {
    input: svg,
    maxBuffer: 256 * 1024 * 1024,
  });
  if (run.error) throw run.error;
  if (run.status !== 0) throw new Error(`rsvg-convert refused the SVG: ${run.stderr.toString().trim()}`);
  return run.stdout;
}
