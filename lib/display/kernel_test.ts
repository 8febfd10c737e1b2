/**
 * Runs cells in a real Deno Jupyter kernel and checks what the kernel sends:
 * a chart's MIME bundle and a progress display updated in place. Skipped
 * when Debian's python3-jupyter-client is not installed.
 */
import assert from "node:assert/strict";
import { projectRoot } from "./files.ts";

const PYTHON = "/usr/bin/python3";

// Starts the kernel from a kernel spec in a temporary JUPYTER_PATH, executes
// each cell, and prints every IOPub message of the run as one JSON line. The
// Deno 2.9.6 kernel can report idle before its last output arrives, so the
// client keeps reading for a second after each idle.
const CLIENT = `
import json, os, sys, time
from jupyter_client.manager import start_new_kernel
cells = json.loads(sys.argv[1])
manager, client = start_new_kernel(kernel_name="deno-test", cwd=sys.argv[2])
try:
    for code in cells:
        msg_id = client.execute(code)
        idle_at = None
        while idle_at is None or time.time() - idle_at < 1.0:
            try:
                msg = client.get_iopub_msg(timeout=0.2)
            except Exception:
                continue
            if msg["parent_header"].get("msg_id") != msg_id:
                continue
            kind = msg["msg_type"]
            if kind == "status" and msg["content"]["execution_state"] == "idle":
                idle_at = time.time()
            print(json.dumps({"type": kind, "content": msg["content"]}), flush=True)
finally:
    client.stop_channels()
    manager.shutdown_kernel(now=True)
`;

function hasJupyterClient(): boolean {
  try {
    const check = new Deno.Command(PYTHON, {
      args: ["-c", "import jupyter_client"],
      stdout: "null",
      stderr: "null",
    });
    return check.outputSync().success;
  } catch {
    return false;
  }
}

interface IopubMessage {
  type: string;
  content: {
    data?: Record<string, unknown>;
    transient?: { display_id?: string };
    name?: string;
    text?: string;
    ename?: string;
    evalue?: string;
  };
}

async function runCells(cells: string[]): Promise<IopubMessage[]> {
  const kernels = await Deno.makeTempDir({ prefix: "kernel_test_" });
  try {
    await Deno.mkdir(`${kernels}/kernels/deno-test`, { recursive: true });
    await Deno.writeTextFile(
      `${kernels}/kernels/deno-test/kernel.json`,
      JSON.stringify({
        argv: [Deno.execPath(), "jupyter", "--kernel", "--conn", "{connection_file}"],
        display_name: "Deno (test)",
        language: "typescript",
        env: { NO_COLOR: "1" },
      }),
    );
    const output = await new Deno.Command(PYTHON, {
      args: ["-c", CLIENT, JSON.stringify(cells), projectRoot()],
      env: { JUPYTER_PATH: kernels },
      stdin: "null",
      stdout: "piped",
      stderr: "piped",
    }).output();
    assert.ok(output.success, new TextDecoder().decode(output.stderr));
    const lines = new TextDecoder().decode(output.stdout).trim().split("\n");
    return lines.map((line) => JSON.parse(line) as IopubMessage);
  } finally {
    await Deno.remove(kernels, { recursive: true });
  }
}

Deno.test({
  name: "kernel shows charts and progress",
  ignore: !hasJupyterClient(),
  async fn() {
    const display = new URL("../display.ts", import.meta.url).href;
    const messages = await runCells([
      `import { progressBar, showChart } from ${JSON.stringify(display)};`,
      `const progress = progressBar("training");
       await progress.update(0.5, "epoch 1/2");
       await progress.done("2 epochs, loss 0.0123");`,
      `await showChart({
         $schema: "https://vega.github.io/schema/vega-lite/v5.json",
         data: { values: [{ x: 1, y: 2 }] },
         mark: "point",
         encoding: { x: { field: "x", type: "quantitative" }, y: { field: "y", type: "quantitative" } },
       })`,
    ]);
    const errors = messages.filter((message) => message.type === "error");
    assert.deepEqual(errors, []);

    const started = messages.find((message) => message.type === "display_data");
    assert.ok(started, "progressBar sends a display_data message");
    const displayId = started.content.transient?.display_id;
    assert.ok(displayId, "the progress display has a display_id");
    const updates = messages.filter((message) => message.type === "update_display_data");
    assert.ok(updates.every((update) => update.content.transient?.display_id === displayId));
    assert.equal(updates.at(-1)?.content.data?.["text/plain"], "training: 2 epochs, loss 0.0123");

    const result = messages.find((message) => message.type === "execute_result");
    assert.ok(result, "the chart cell returns an execute_result");
    const bundle = result.content.data!;
    assert.deepEqual(Object.keys(bundle).sort(), ["application/vnd.vegalite.v5+json", "image/svg+xml"]);
    assert.match(bundle["image/svg+xml"] as string, /^<svg/);

    const stderr = messages.filter((message) =>
      message.type === "stream" && message.content.name === "stderr"
    );
    assert.deepEqual(stderr.map((message) => message.content.text), [], "no warnings reach the notebook");
  },
});
