/**
 * Timers, injectable, so timeout logic is tested on a manual scheduler instead of the wall
 * clock (a shared 2-core machine makes real-time assertions flaky).
 */
export interface Timers {
  setTimeout(callback: () => void, delayMs: number): TimerHandle;
  clearTimeout(handle: TimerHandle): void;
}

/** Opaque: whatever the implementation returns. */
export type TimerHandle = unknown;

export const systemTimers: Timers = {
  setTimeout: (callback, delayMs) => setTimeout(callback, delayMs),
  clearTimeout: (handle) => clearTimeout(handle as NodeJS.Timeout),
};
