// A spec's steps build on each other (sign up, then create, then edit …):
// once one fails, the rest are skipped rather than failing for its reason.
import { test as nodeTest } from 'node:test';

/**
 * Returns a `test(name, fn)` whose steps stop at the first failure;
 * `onFailure` (e.g. a screenshot) runs once, when a step fails.
 */
export function sequentialSteps(onFailure) {
  let failed = false;
  return function test(name, fn) {
    nodeTest(name, async (t) => {
      if (failed) return t.skip('an earlier step failed');
      try {
        await fn(t);
      } catch (e) {
        failed = true;
        try {
          await onFailure?.();
        } catch {
          // The step's own error is the one to report.
        }
        throw e;
      }
    });
  };
}
