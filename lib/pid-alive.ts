import { readFileSync } from 'node:fs';

/**
 * Whether a process with this pid runs (EPERM: it runs under another user). A zombie — killed,
 * not yet reaped by its parent, which under a lazy init can take a second — answers signal 0
 * like a live process but will never write again: on Linux its state in /proc says so.
 */
export function pidAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const state = stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3);
    return state !== 'Z' && state !== 'X';
  } catch {
    // No /proc (not Linux) or the process just went away: signal 0 is all there is to go on.
    return true;
  }
}
