// An interface's history as a chart draws it. The history holds only the samples in which the
// interface existed (a jail stopped and started again, or the stream was down for a while, leaves a
// hole in time); a chart given those samples as they are would draw a straight line across the hole,
// showing traffic that never was. Each hole gets one point with no value, which breaks the line there.

/** Times (seconds) and, per series, one value or null per time: the columns uPlot draws. */
export interface GappedColumns {
  times: number[];
  values: (number | null)[][];
}

/** How far apart two samples may be and still be neighbours: beyond, the interface was missing. */
const GAP_FACTOR = 1.5;

/** The usual step between samples: the median of the steps, which holes do not move. */
export function typicalStep(times: readonly number[]): number | null {
  const steps = times
    .slice(1)
    .map((t, i) => t - times[i]!)
    .filter((step) => step > 0)
    .sort((a, b) => a - b);
  return steps.length ? steps[Math.floor(steps.length / 2)]! : null;
}

/**
 * The columns with a null point one step after the last sample before each hole. `step` is the
 * sampling interval in seconds when known (the stream's); otherwise it is read from the times.
 */
export function withGaps(
  times: readonly number[],
  columns: readonly (readonly number[])[],
  step: number | null = null,
): GappedColumns {
  const interval = step !== null && step > 0 ? step : typicalStep(times);
  const out: GappedColumns = { times: [], values: columns.map(() => []) };
  times.forEach((time, i) => {
    const previous = times[i - 1];
    if (interval !== null && previous !== undefined && time - previous > interval * GAP_FACTOR) {
      out.times.push(previous + interval);
      for (const values of out.values) values.push(null);
    }
    out.times.push(time);
    columns.forEach((column, c) => out.values[c]!.push(column[i]!));
  });
  return out;
}
