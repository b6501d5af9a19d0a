import { readFile } from 'node:fs/promises';

/** Clock ticks per second of /proc's utime and stime: USER_HZ, 100 on every Linux build. */
const USER_HZ = 100;

/**
 * CPU time (user + system) a process has used so far, in microseconds, from /proc/<pid>/stat;
 * null where there is no /proc (not Linux) or the process is gone. Fields 14 and 15 (utime,
 * stime) are counted after the command name, which may itself contain spaces and ')'.
 */
export async function processCpuMicros(pid: number): Promise<number | null> {
  let stat: string;
  try {
    stat = await readFile(`/proc/${pid}/stat`, 'utf8');
  } catch {
    return null;
  }
  return cpuMicrosOfStat(stat);
}

export function cpuMicrosOfStat(stat: string): number | null {
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  // After "pid (comm) ", field 3 (state) is index 0, so utime (14) and stime (15) are 11 and 12.
  const utime = Number(fields[11]);
  const stime = Number(fields[12]);
  if (!Number.isFinite(utime) || !Number.isFinite(stime)) return null;
  return ((utime + stime) * 1_000_000) / USER_HZ;
}

/** Sum of processCpuMicros over `pids`; null when any of them cannot be read. */
export async function totalCpuMicros(pids: readonly number[]): Promise<number | null> {
  const readings = await Promise.all(pids.map(processCpuMicros));
  let total = 0;
  for (const reading of readings) {
    if (reading === null) return null;
    total += reading;
  }
  return total;
}
