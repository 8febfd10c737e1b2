/**
 * Progress displays for long work: one output updated in place in a Jupyter
 * kernel, progress lines on stderr elsewhere.
 */

/** A progress display; see `progressBar`. */
export interface ProgressBar {
  /** Shows `fraction` (0..1) done and a short `message`; updates are throttled. */
  update(fraction: number, message?: string): Promise<void>;
  /** Replaces the display with its final text, which should not contain timings so reruns match. */
  done(message?: string): Promise<void>;
}

/** Minimum time between two displayed updates, in milliseconds. */
const PROGRESS_INTERVAL_MS = 250;
/** Minimum time between two progress lines on a non-terminal stderr, in milliseconds. */
const PROGRESS_LOG_INTERVAL_MS = 5000;

let progressCount = 0;

/**
 * Starts a progress display labelled `label`. In a Jupyter kernel it is one
 * output that updates in place (`display_id`); elsewhere it writes progress
 * lines to stderr (in place on a terminal). Intermediate updates show the
 * elapsed seconds. In the kernel the final text from `done` shows only
 * `label` and its message, so a rerun leaves the same notebook output.
 *
 * @example
 * const progress = progressBar("training");
 * for (let epoch = 1; epoch <= 200; epoch++) await progress.update(epoch / 200, `epoch ${epoch}/200`);
 * await progress.done("200 epochs, loss 0.0123");
 */
export function progressBar(label: string): ProgressBar {
  const started = performance.now();
  const elapsed = () => `${((performance.now() - started) / 1000).toFixed(1)} s`;
  const line = (fraction: number, message?: string) => {
    const bar = "█".repeat(Math.round(20 * fraction)).padEnd(20, "·");
    const percent = `${Math.floor(100 * fraction)}%`.padStart(4);
    return `${label} ${bar} ${percent}${message ? ` ${message}` : ""} (${elapsed()})`;
  };

  const jupyter = jupyterApi();
  const terminal = !jupyter && Deno.stderr.isTerminal();
  const interval = jupyter || terminal ? PROGRESS_INTERVAL_MS : PROGRESS_LOG_INTERVAL_MS;
  let show: (text: string, final: boolean) => Promise<void>;
  if (jupyter) {
    const displayId = `progress-${++progressCount}`;
    // Displays go out in call order: each waits for the one before it.
    let queue = jupyter.display({ "text/plain": `${label} …` }, { raw: true, display_id: displayId });
    show = (text) => {
      queue = queue.then(() =>
        jupyter.display({ "text/plain": text }, { raw: true, update: true, display_id: displayId })
      );
      return queue;
    };
  } else {
    const encoder = new TextEncoder();
    show = (text, final) => {
      const output = terminal ? `\r\x1b[K${text}${final ? "\n" : ""}` : `${text}\n`;
      Deno.stderr.writeSync(encoder.encode(output));
      return Promise.resolve();
    };
  }

  let lastShown = -Infinity;
  let finished = false;
  return {
    update(fraction, message) {
      if (!(fraction >= 0 && fraction <= 1)) {
        throw new RangeError(`progress fraction must be in [0, 1], got ${fraction}`);
      }
      const now = performance.now();
      if (finished || now - lastShown < interval) return Promise.resolve();
      lastShown = now;
      return show(line(fraction, message), false);
    },
    done(message) {
      finished = true;
      const text = `${label}: ${message ?? "done"}`;
      return show(jupyter ? text : `${text} (${elapsed()})`, true);
    },
  };
}

/** Returns `Deno.jupyter` inside a Jupyter kernel, else undefined (Deno 2.9.6 throws on access outside). */
function jupyterApi(): typeof Deno.jupyter | undefined {
  try {
    return Deno.jupyter;
  } catch {
    return undefined;
  }
}
