/**
 * A memo for what several rules ask about the policy being linted. Not WeakMaps keyed by the policy: in V8
 * (Node 20) a WeakMap entry survives young-generation collections after its key is unreachable, so every
 * policy such a memo saw (its statements and ranges) was copied and promoted, then collected by a full
 * collection — over 10,000 files, a large part of `check`'s garbage-collection time. This keeps only the
 * latest answer, which becomes garbage soon after.
 */

/** `compute` remembered for the last key only: rules ask about one policy at a time. */
export function lastKeyMemo<K extends object, V>(compute: (key: K) => V): (key: K) => V {
  let lastKey: K | undefined;
  let lastValue: V;
  return (key) => {
    if (key !== lastKey) {
      lastValue = compute(key);
      lastKey = key;
    }
    return lastValue;
  };
}
