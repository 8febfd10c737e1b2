import assert from "node:assert/strict";
import { join } from "node:path";
import { KERNEL_NAME, kernelSpec, writeKernelSpec } from "./kernel.ts";
import { pythonPath } from "./setup.ts";

/** Prints the kernel spec that jupyter_client finds under the name deno-autoencoders. */
const FIND_SPEC = `
import json
from jupyter_client.kernelspec import KernelSpecManager
spec = KernelSpecManager().get_kernel_spec("${KERNEL_NAME}")
print(json.dumps({"argv": spec.argv, "env": spec.env, "language": spec.language, "display_name": spec.display_name}))
`;

Deno.test("kernelSpec starts the given deno binary", () => {
  const spec = kernelSpec("/opt/deno/bin/deno");

  assert.deepEqual(spec.argv, ["/opt/deno/bin/deno", "jupyter", "--kernel", "--conn", "{connection_file}"]);
  assert.deepEqual(spec.env, { NO_COLOR: "1" });
  assert.equal(spec.language, "typescript");
});

Deno.test("kernelSpec defaults to the running deno", () => {
  assert.equal(kernelSpec().argv[0], Deno.execPath());
});

Deno.test("writeKernelSpec output is found by jupyter_client", async () => {
  const jupyterPath = await Deno.makeTempDir({ prefix: "kernel_test_" });

  const written = await writeKernelSpec(jupyterPath);
  const output = await new Deno.Command(pythonPath(), {
    args: ["-c", FIND_SPEC],
    env: { JUPYTER_PATH: jupyterPath },
    stdin: "null",
  }).output();

  assert.equal(written, join(jupyterPath, "kernels", KERNEL_NAME, "kernel.json"));
  assert.equal(output.code, 0, new TextDecoder().decode(output.stderr));
  const found = JSON.parse(new TextDecoder().decode(output.stdout));
  assert.deepEqual(found.argv, kernelSpec().argv);
  assert.deepEqual(found.env, { NO_COLOR: "1" });
  assert.equal(found.language, "typescript");
  const files = [...Deno.readDirSync(join(jupyterPath, "kernels", KERNEL_NAME))].map((entry) => entry.name);
  assert.deepEqual(files, ["kernel.json"], "no temporary file should remain");
  await Deno.remove(jupyterPath, { recursive: true });
});
