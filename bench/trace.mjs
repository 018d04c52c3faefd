// Reading a Chromium trace of the page (taken by the harness's `traced`): its main thread's
// tasks, style, layout and paint, and the page's own `performance.mark`s, which say where the
// measured part begins.
export { traced } from '../tests/e2e/harness.mjs';

/** The timed events of the thread that made the mark `name`, from the mark on. */
export function sinceMark(events, name) {
  const mark = events.find((e) => e.name === name);
  return events.filter((e) => e.pid === mark.pid && e.tid === mark.tid && e.ts >= mark.ts && e.dur !== undefined);
}

/** The timed events inside `task` (a `RunTask` of the trace), other tasks left out, that last
 * longer than `minUs` microseconds. */
export function inside(events, task, minUs = 0) {
  return events.filter(
    (e) =>
      e.tid === task.tid && e.pid === task.pid && e.ts >= task.ts && e.ts + (e.dur || 0) <= task.ts + task.dur &&
      e.dur > minUs && e.name !== 'RunTask',
  );
}

/** The median of a benchmark's figures, one per run or per jump (the upper one of an even count). */
export const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
