import pLimit from 'p-limit';

/** A piece of work against one host. */
export interface HostTask<T> {
  /** The host it talks to (`en.wikipedia.org`): tasks of one host run one after another. */
  readonly host: string;
  readonly run: () => Promise<T>;
}

/**
 * Run tasks politely: at most `hosts` hosts at once (p-limit), and one request at a time per
 * host, in the order given. Resolves to the results in the order of `tasks`; `onDone` is
 * called as each task ends, for progress lines.
 */
export async function runPerHost<T>(tasks: readonly HostTask<T>[], hosts: number, onDone: (result: T) => void = () => undefined): Promise<T[]> {
  const limit = pLimit(Math.max(1, hosts));
  const results: T[] = new Array<T>(tasks.length);
  const byHost = new Map<string, number[]>();
  tasks.forEach((task, index) => byHost.set(task.host, [...(byHost.get(task.host) ?? []), index]));
  await Promise.all(
    [...byHost.values()].map((indexes) =>
      limit(async () => {
        for (const index of indexes) {
          const result = await tasks[index]!.run();
          results[index] = result;
          onDone(result);
        }
      }),
    ),
  );
  return results;
}
