/**
 * What a script has started, stopped in reverse order on its way out, once, however it ends (normal
 * exit, error or signal): a failing step is reported and the others still run.
 */

/**
 * @param {string} label  the script's log prefix, e.g. "demo"
 * @returns {{ push(step: () => Promise<unknown>): void, run(): Promise<void> }}
 */
export function cleanupStack(label) {
  const steps = [];
  let running;
  return {
    push: (step) => steps.push(step),
    run() {
      running ??= (async () => {
        for (const step of steps.reverse()) await step().catch((error) => console.error(`[${label}] cleanup: ${error?.message ?? error}`));
      })();
      return running;
    },
  };
}
