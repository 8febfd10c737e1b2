/**
 * `deno task figures [NOTEBOOK.ipynb ...]`: runs setup, then executes the notebooks (all of
 * notebooks/*.ipynb by default) with tools/run_notebooks.py, which writes their outputs in place.
 * The notebooks write figures/ and data/. Exits with the runner's exit status.
 */

import { join, resolve } from "node:path";
import { jupyterDir, pythonPath, REPO_ROOT, setup, SetupError } from "./setup.ts";

/** Options for {@link runnerCommand}. */
export interface RunnerOptions {
  /** Repository whose tools/run_notebooks.py and `.jupyter` kernel spec are used. */
  repoRoot?: string;
  /** Folder put on `JUPYTER_PATH`, by default the repository's `.jupyter`. */
  jupyterPath?: string;
  /** Extra runner options placed before the notebooks, such as `["--timeout", "60"]`. */
  args?: string[];
  /** Capture stdout and stderr instead of passing them through. */
  piped?: boolean;
  /** Kills the runner when aborted. */
  signal?: AbortSignal;
}

/**
 * Builds the command that runs tools/run_notebooks.py in the repository's root folder, with
 * `JUPYTER_PATH` set to the repository's `.jupyter` folder unless `options.jupyterPath` is given.
 *
 * @param notebooks notebook paths, relative to the current folder or absolute; none means all.
 */
export function runnerCommand(notebooks: string[], options: RunnerOptions = {}): Deno.Command {
  const repoRoot = options.repoRoot ?? REPO_ROOT;
  const output = options.piped ? "piped" : "inherit";
  return new Deno.Command(pythonPath(), {
    args: [
      join(repoRoot, "tools", "run_notebooks.py"),
      ...(options.args ?? []),
      ...notebooks.map((path) => resolve(path)),
    ],
    cwd: repoRoot,
    env: { JUPYTER_PATH: options.jupyterPath ?? jupyterDir(repoRoot), PYTHONUNBUFFERED: "1" },
    stdin: "null",
    stdout: output,
    stderr: output,
    signal: options.signal,
  });
}

if (import.meta.main) {
  try {
    await setup();
  } catch (error) {
    if (!(error instanceof SetupError)) throw error;
    console.error(`setup: ${error.message}`);
    Deno.exit(1);
  }
  const status = await runnerCommand(Deno.args).spawn().status;
  Deno.exit(status.code);
}
