/**
 * Builds lib/ensemble/kernel.wasm from tools/ensemble_kernel.c with clang
 * and lld for wasm32 (Debian 12: `apt-get install -y clang-14 lld-14`).
 * The output is committed, so only a change to the C source needs this.
 *
 * Usage: deno run --allow-run --allow-read --allow-write tools/build_ensemble_kernel.ts [OUTPUT]
 */

/** The C source of the kernel. */
export const KERNEL_SOURCE = new URL("./ensemble_kernel.c", import.meta.url);

/** The committed build output. */
export const KERNEL_OUTPUT = new URL("../lib/ensemble/kernel.wasm", import.meta.url);

/** Compiler flags; -fno-lax-vector-conversions makes every vector cast explicit. */
export const CLANG_FLAGS = [
  "--target=wasm32",
  "-O3",
  "-msimd128",
  "-mbulk-memory",
  "-nostdlib",
  "-Wall",
  "-Wextra",
  "-Werror",
  "-fno-lax-vector-conversions",
  "-Wl,--no-entry",
  "-Wl,--strip-all",
];

/** Returns the first clang on PATH that can link wasm32 (clang-14, then clang), or null. */
export async function findClang(): Promise<string | null> {
  for (const name of ["clang-14", "clang"]) {
    try {
      const probe = await new Deno.Command(name, { args: ["--version"], stdout: "null", stderr: "null" })
        .output();
      if (probe.success) return name;
    } catch (error) {
      if (!(error instanceof Deno.errors.NotFound)) throw error;
    }
  }
  return null;
}

/** Compiles the kernel to `output` (a path), writing a temporary file first and renaming it. */
export async function buildKernel(output: string | URL = KERNEL_OUTPUT): Promise<void> {
  const clang = await findClang();
  if (!clang) {
    throw new Error("clang not found; install it with `apt-get install -y clang-14 lld-14`");
  }
  const target = output instanceof URL ? output.pathname : output;
  const temporary = `${target}.tmp-${Deno.pid}`;
  const result = await new Deno.Command(clang, {
    args: [...CLANG_FLAGS, "-o", temporary, KERNEL_SOURCE.pathname],
    stdout: "inherit",
    stderr: "piped",
  }).output();
  if (!result.success) {
    await Deno.remove(temporary).catch(() => {});
    throw new Error(`${clang} failed:\n${new TextDecoder().decode(result.stderr)}`);
  }
  await Deno.rename(temporary, target);
}

if (import.meta.main) {
  const output = Deno.args[0] ?? KERNEL_OUTPUT.pathname;
  await buildKernel(output);
  console.log(`wrote ${output} (${(await Deno.stat(output)).size} bytes)`);
}
