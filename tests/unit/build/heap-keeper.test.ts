import { describe, expect, it } from 'vitest';
import { createHeapKeeper, firstThresholdBytes } from '../../../src/build/heap-keeper.js';

const MB = 1024 * 1024;

/** A keeper over a simulated heap: `grow` allocates, a collection frees all but `live`. */
function simulated(live: number) {
  let heap = live;
  let collections = 0;
  const keep = createHeapKeeper({
    size: () => heap,
    collect: () => {
      collections += 1;
      heap = live;
    },
  });
  return {
    grow: (bytes: number) => {
      heap += bytes;
      keep();
    },
    collections: () => collections,
    heap: () => heap,
  };
}

describe('createHeapKeeper', () => {
  it('should never collect in a build whose heap stays small', () => {
    const build = simulated(40 * MB);
    for (let print = 0; print < 20; print++) build.grow(5 * MB);
    expect(build.heap()).toBeLessThan(firstThresholdBytes);
    expect(build.collections()).toBe(0);
  });

  it('should collect once the heap passes the threshold, then only when it has doubled again', () => {
    const build = simulated(100 * MB);
    for (let print = 0; print < 100; print++) build.grow(5 * MB);
    // 100 MB live: the first collection at 192 MB, then each time the heap passes 200 MB.
    expect(build.collections()).toBe(5);
    expect(build.heap()).toBeLessThan(200 * MB);
  });

  it('should not collect after every print when the live heap itself is large', () => {
    const build = simulated(300 * MB);
    for (let print = 0; print < 100; print++) build.grow(5 * MB);
    // 300 MB live: one collection at once (past 192 MB), the next when the heap reaches 600 MB.
    expect(build.collections()).toBe(2);
  });
});
