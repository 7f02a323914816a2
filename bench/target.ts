/**
 * How the bench prints a figure against its target: the wall time a user waits and the CPU time of the
 * process (the steadier figure on a loaded, shared machine), each with its own mark, so that a reader sees at
 * once which targets hold and whether load alone explains a miss.
 */
export function againstTarget(limit: number, unit: string, wall: number, cpu?: number): string {
  const mark = (value: number) => (value <= limit ? 'met' : 'MISSED');
  const marks = cpu === undefined ? mark(wall) : `wall ${mark(wall)}, CPU ${mark(cpu)}`;
  return `(target ≤ ${limit.toLocaleString('en-US')} ${unit}: ${marks})`;
}

/** A figure in milliseconds with one decimal, and its CPU time when measured. */
export function wallAndCpu(wallMs: number, cpuMs?: number): string {
  return cpuMs === undefined ? `${wallMs.toFixed(1)} ms` : `${wallMs.toFixed(1)} ms (CPU ${cpuMs.toFixed(1)} ms)`;
}
