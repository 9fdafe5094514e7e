import { describe, expect, it } from 'vitest';
import { runPerHost, type HostTask } from '../../../src/fetch/schedule.js';

/** Tasks that record when each starts and ends, and end only when the test lets them. */
function recordingTasks(hosts: readonly string[]) {
  const events: string[] = [];
  const running = new Map<string, number>();
  let most = 0;
  const gates: Array<() => void> = [];
  const tasks: HostTask<string>[] = hosts.map((host, index) => ({
    host,
    run: () =>
      new Promise<string>((resolve) => {
        const busy = (running.get(host) ?? 0) + 1;
        running.set(host, busy);
        events.push(`start ${index} ${host} (${busy} on host)`);
        most = Math.max(most, [...running.values()].reduce((sum, n) => sum + n, 0));
        gates[index] = () => {
          running.set(host, running.get(host)! - 1);
          events.push(`end ${index}`);
          resolve(`${index}`);
        };
      }),
  }));
  const open = async (index: number) => {
    // Let the scheduler start whatever it may before the gate opens.
    for (let turn = 0; turn < 5 && !gates[index]; turn++) await new Promise((resolve) => setImmediate(resolve));
    gates[index]!();
  };
  return { tasks, events, open, most: () => most };
}

describe('runPerHost', () => {
  it('should never run two tasks of one host at once, and keep their order', async () => {
    const { tasks, events, open } = recordingTasks(['a', 'a', 'a']);
    const done = runPerHost(tasks, 4);
    await open(0);
    await open(1);
    await open(2);
    expect(await done).toEqual(['0', '1', '2']);
    expect(events).toEqual(['start 0 a (1 on host)', 'end 0', 'start 1 a (1 on host)', 'end 1', 'start 2 a (1 on host)', 'end 2']);
  });

  it('should run different hosts side by side, at most `hosts` at once', async () => {
    const { tasks, events, open, most } = recordingTasks(['a', 'b', 'c', 'a']);
    const done = runPerHost(tasks, 2);
    await new Promise((resolve) => setImmediate(resolve));
    // Hosts a and b start together; c waits for one of them; a's second task waits for its first.
    expect(events).toEqual(['start 0 a (1 on host)', 'start 1 b (1 on host)']);
    await open(1);
    await open(2);
    await open(0);
    await open(3);
    expect(await done).toEqual(['0', '1', '2', '3']);
    expect(most()).toBe(2);
    expect(events.indexOf('start 3 a (1 on host)')).toBeGreaterThan(events.indexOf('end 0'));
  });

  it('should call onDone as each task ends', async () => {
    const seen: string[] = [];
    const results = await runPerHost([{ host: 'a', run: async () => 'x' }, { host: 'b', run: async () => 'y' }], 2, (result) => seen.push(result));
    expect(results).toEqual(['x', 'y']);
    expect([...seen].sort()).toEqual(['x', 'y']);
  });
});
