/**
 * Paces a TimelineTransport in real time (one frame per 20 ms of the wall clock) for benches,
 * and reports how late each frame was delivered: a late frame is dead air or a gap on a phone.
 */
export function realtimeTick(options: {
  frameMs?: number;
  onFrame?: (lateMs: number) => void;
}): () => Promise<void> {
  const frameMs = options.frameMs ?? 20;
  let startMs: number | undefined;
  let frame = 0;
  return async () => {
    const now = performance.now();
    startMs ??= now;
    // A frame exists once its 20 ms have passed, as on a phone line.
    const dueMs = startMs + ++frame * frameMs;
    if (dueMs - now > 1) await new Promise((resolve) => setTimeout(resolve, dueMs - now));
    options.onFrame?.(Math.max(0, performance.now() - dueMs));
  };
}
