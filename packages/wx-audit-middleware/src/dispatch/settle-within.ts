/**
 * Waits for `promise` at most `ms`: true when it settled (either way) in time, false when time ran out.
 * Shutdown uses it to bound its wait for listeners: a listener that never settles cannot hold close().
 */
export function settleWithin(promise: Promise<unknown>, ms: number): Promise<boolean> {
  return new Promise<boolean>((resolve) => {
    const timer = setTimeout(() => resolve(false), ms);
    timer.unref();
    const done = () => {
      clearTimeout(timer);
      resolve(true);
    };
    promise.then(done, done);
  });
}
