/**
 * The project's Jupyter kernel spec: the Deno kernel under the name `deno-autoencoders`, kept
 * in `<repo>/.jupyter/kernels/` and found by Jupyter through `JUPYTER_PATH`.
 *
 * `deno jupyter --install` would register a user-wide kernel instead, but a spec inside the
 * repository keeps notebooks runnable without touching the user's Jupyter setup.
 */

import { join } from "node:path";

/** Kernel spec name that notebooks name in `metadata.kernelspec.name`. */
export const KERNEL_NAME = "deno-autoencoders";

/** Name shown by Jupyter front ends for the kernel. */
export const KERNEL_DISPLAY_NAME = "Deno (autoencoders)";

/** Content of a Jupyter `kernel.json` file. */
export interface KernelSpec {
  /** Command line that starts the kernel, where Jupyter replaces `{connection_file}`. */
  argv: string[];
  /** Environment variables added to the kernel's environment. */
  env: Record<string, string>;
  display_name: string;
  language: string;
}

/**
 * Builds the kernel spec that starts `deno jupyter --kernel` with the given deno binary.
 *
 * @param denoPath absolute path of the deno executable, by default the running one.
 * @returns the spec with `NO_COLOR=1`, so errors reach the notebook without ANSI colours.
 */
export function kernelSpec(denoPath: string = Deno.execPath()): KernelSpec {
  return {
    argv: [denoPath, "jupyter", "--kernel", "--conn", "{connection_file}"],
    env: { NO_COLOR: "1" },
    display_name: KERNEL_DISPLAY_NAME,
    language: "typescript",
  };
}

/**
 * Writes `spec` to `<jupyterDir>/kernels/deno-autoencoders/kernel.json` through a temporary file.
 *
 * @param jupyterDir the folder to put on `JUPYTER_PATH`, usually `<repo>/.jupyter`.
 * @returns the path of the written kernel.json.
 */
export async function writeKernelSpec(jupyterDir: string, spec: KernelSpec = kernelSpec()): Promise<string> {
  const folder = join(jupyterDir, "kernels", KERNEL_NAME);
  await Deno.mkdir(folder, { recursive: true });

  const path = join(folder, "kernel.json");
  const temporary = `${path}.${Deno.pid}.tmp`;
  await Deno.writeTextFile(temporary, JSON.stringify(spec, null, 2) + "\n");
  await Deno.rename(temporary, path);
  return path;
}
