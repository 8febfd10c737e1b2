/**
 * Checks what the notebook runner needs, installs missing Debian packages when it can, and
 * writes the project's kernel spec to `<repo>/.jupyter`.
 *
 * Run as `deno run -A tools/setup.ts`. `deno task test` and `deno task figures` run it first.
 * The runner needs a Python with nbclient (Debian's `/usr/bin/python3` with the packages
 * jupyter-nbconvert and jupyter-client) and the DejaVu fonts (fonts-dejavu-core), which
 * resvg uses for the text of PNG figures. Set `NOTEBOOK_PYTHON` to use another Python.
 */

import { existsSync } from "node:fs";
import { join } from "node:path";
import { writeKernelSpec } from "./kernel.ts";

/** Root folder of the repository this file belongs to. */
export const REPO_ROOT: string = join(import.meta.dirname!, "..");

/** Debian packages that provide nbclient for `/usr/bin/python3` and the DejaVu fonts. */
export const APT_PACKAGES: readonly string[] = ["jupyter-nbconvert", "jupyter-client", "fonts-dejavu-core"];

const DEJAVU_SANS = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf";

/** Error raised when a prerequisite is missing and cannot be installed. Its message names the command to run. */
export class SetupError extends Error {
  override name = "SetupError";
}

/** Returns the Python that runs tools/run_notebooks.py: `NOTEBOOK_PYTHON` or `/usr/bin/python3`. */
export function pythonPath(): string {
  return Deno.env.get("NOTEBOOK_PYTHON") ?? "/usr/bin/python3";
}

/** Returns the folder to put on `JUPYTER_PATH` for the repository at `repoRoot`. */
export function jupyterDir(repoRoot: string = REPO_ROOT): string {
  return join(repoRoot, ".jupyter");
}

/** Returns the shell command that installs the Debian packages, with `sudo` unless running as root. */
export function installCommand(): string {
  const sudo = Deno.uid() === 0 ? "" : "sudo ";
  return `${sudo}apt-get update && ${sudo}apt-get install -y --no-install-recommends ${
    APT_PACKAGES.join(" ")
  }`;
}

/**
 * Lists the missing prerequisites, one readable line each. An empty list means all are present.
 */
export async function missingPrerequisites(): Promise<string[]> {
  const missing: string[] = [];

  const python = pythonPath();
  const importCheck = await runQuietly(python, ["-c", "import nbclient, nbformat, jupyter_client"]);
  if (importCheck === null) {
    missing.push(`${python} not found (Debian packages jupyter-nbconvert jupyter-client)`);
  } else if (!importCheck.success) {
    missing.push(`${python} cannot import nbclient (Debian packages jupyter-nbconvert jupyter-client)`);
  }

  if (!existsSync(DEJAVU_SANS)) {
    const fonts = await runQuietly("fc-list", [":", "family"]);
    if (fonts === null || !new TextDecoder().decode(fonts.stdout).includes("DejaVu Sans")) {
      missing.push("font DejaVu Sans not found (Debian package fonts-dejavu-core)");
    }
  }
  return missing;
}

/**
 * Makes sure the prerequisites are present. When some are missing and the process runs as root
 * on a system with apt-get, it installs the Debian packages and prints each command it runs.
 *
 * @throws {SetupError} when something is missing and cannot be installed, naming the command to run.
 */
export async function ensurePrerequisites(): Promise<void> {
  const missing = await missingPrerequisites();
  if (missing.length === 0) return;

  const listing = missing.map((line) => `  - ${line}`).join("\n");
  if (Deno.env.has("NOTEBOOK_PYTHON")) {
    throw new SetupError(
      `missing prerequisites:\n${listing}\nNOTEBOOK_PYTHON is set: install nbclient for that Python ` +
        `(\`${pythonPath()} -m pip install nbclient\`) or unset NOTEBOOK_PYTHON. ` +
        `On Debian, the fonts come with:\n  ${installCommand()}`,
    );
  }
  if (Deno.uid() !== 0 || !existsSync("/usr/bin/apt-get")) {
    throw new SetupError(
      `missing prerequisites:\n${listing}\nInstall them with:\n  ${installCommand()}\n` +
        "Without apt-get, install nbclient for some Python, set NOTEBOOK_PYTHON to that Python, " +
        "and install the DejaVu fonts.",
    );
  }

  console.error(`setup: missing prerequisites:\n${listing}`);
  await runApt(["update"]);
  await runApt(["install", "-y", "--no-install-recommends", ...APT_PACKAGES]);

  const stillMissing = await missingPrerequisites();
  if (stillMissing.length > 0) {
    throw new SetupError(
      `still missing after apt-get install:\n${stillMissing.map((line) => `  - ${line}`).join("\n")}`,
    );
  }
}

/**
 * Checks the prerequisites, then writes the kernel spec for the deno binary that runs this code.
 *
 * @param repoRoot repository whose `.jupyter` folder receives the spec.
 * @returns the folder to put on `JUPYTER_PATH`.
 * @throws {SetupError} when a prerequisite is missing and cannot be installed.
 */
export async function setup(repoRoot: string = REPO_ROOT): Promise<string> {
  await ensurePrerequisites();
  const folder = jupyterDir(repoRoot);
  await writeKernelSpec(folder);
  return folder;
}

async function runApt(args: string[]): Promise<void> {
  console.error(`setup: running apt-get ${args.join(" ")}`);
  const status = await new Deno.Command("apt-get", {
    args,
    env: { DEBIAN_FRONTEND: "noninteractive" },
    stdin: "null",
    stdout: "inherit",
    stderr: "inherit",
  }).spawn().status;
  if (!status.success) {
    throw new SetupError(
      `apt-get ${
        args.join(" ")
      } failed with exit code ${status.code}; run it by hand:\n  ${installCommand()}`,
    );
  }
}

/** Runs a command with captured output. Returns null when the executable does not exist. */
async function runQuietly(command: string, args: string[]): Promise<Deno.CommandOutput | null> {
  try {
    return await new Deno.Command(command, { args, stdin: "null", stdout: "piped", stderr: "piped" })
      .output();
  } catch (error) {
    if (error instanceof Deno.errors.NotFound) return null;
    throw error;
  }
}

if (import.meta.main) {
  try {
    const folder = await setup();
    console.error(`setup: kernel spec written to ${join(folder, "kernels")}; prerequisites present`);
  } catch (error) {
    if (!(error instanceof SetupError)) throw error;
    console.error(`setup: ${error.message}`);
    Deno.exit(1);
  }
}
