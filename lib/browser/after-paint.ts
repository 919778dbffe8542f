/**
 * Resolves once the browser has had the chance to show what is on screen now:
 * after the next animation frame, or after `fallbackMs` where frames do not come
 * (a hidden page never gets one).
 */
export function afterNextPaint(fallbackMs = 100): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(resolve, fallbackMs);
    requestAnimationFrame(() =>
      setTimeout(() => {
        clearTimeout(timer);
        resolve();
      }, 0),
    );
  });
}
