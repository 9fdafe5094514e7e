import v8 from 'node:v8';
import vm from 'node:vm';

/** Collects this process's garbage now and then during a long build; see `createHeapKeeper`. */
export type HeapKeeper = () => void;

/** The heap (JavaScript and buffers) past which the first collection runs. */
export const firstThresholdBytes = 192 * 1024 * 1024;

/**
 * The same for the print worker's thread, whose live heap is small (the browser's client and
 * the documents in flight): it holds its garbage beside the build thread's, so it collects sooner.
 */
export const printThresholdBytes = 96 * 1024 * 1024;

/** V8's full collection, which Node hides unless started with --expose-gc. */
function fullCollection(): () => void {
  v8.setFlagsFromString('--expose-gc');
  const gc = vm.runInNewContext('gc') as () => void;
  v8.setFlagsFromString('--no-expose-gc');
  return gc;
}

/**
 * Keep a long build's heap near what it holds. Every print sends its document (about 1.3 MB
 * with the fonts) through the DevTools protocol and gets its PDF back: some 5 MB of strings and
 * buffers that live a moment. V8 lets them pile up to several times the live heap before a full
 * collection (measured, 100 briefs: 385 MB before, 97 MB after). Called after each print, the
 * keeper collects once the heap has grown past twice what the last collection kept (at least
 * 192 MB), so a build of a few briefs never pays for one.
 */
export function createHeapKeeper(
  probe: {
    /** The heap in use, bytes (default: V8's heap and buffers). */
    readonly size?: () => number;
    /** A full collection (default: V8's). */
    readonly collect?: () => void;
  } = {},
  /** The first threshold (default `firstThresholdBytes`). */
  first = firstThresholdBytes,
): HeapKeeper {
  const size =
    probe.size ??
    (() => {
      const usage = process.memoryUsage();
      return usage.heapUsed + usage.external;
    });
  let collect = probe.collect;
  let threshold = first;
  return () => {
    if (size() < threshold) return;
    collect ??= fullCollection();
    collect();
    threshold = Math.max(first, 2 * size());
  };
}
