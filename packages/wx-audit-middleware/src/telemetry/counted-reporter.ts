import type { Reporter } from '../dispatch/reporter.js';

/**
 * The reporter, every listener failure counted as it is reported (`handlerError`): a throw, a
 * rejection, an abandoned listener, in either mode.
 */
export function countedReporter(reporter: Reporter, count: (eventType: string) => void): Reporter {
  return {
    rejected: (rejected, place) => reporter.rejected(rejected, place),
    handlerError(failure, place) {
      count(failure.event.type);
      reporter.handlerError(failure, place);
    },
    overrun: (event, ackTimeoutMs, place) => reporter.overrun(event, ackTimeoutMs, place),
    handlerSlow: (slow, place) => reporter.handlerSlow(slow, place),
    storeError: (trouble, place) => reporter.storeError(trouble, place),
  };
}
