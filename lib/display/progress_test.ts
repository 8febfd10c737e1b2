import assert from "node:assert/strict";

Deno.test("progressBar writes lines to stderr outside Jupyter", async () => {
  const script = `
    import { progressBar } from ${JSON.stringify(new URL("./progress.ts", import.meta.url).href)};
    const progress = progressBar("training");
    await progress.update(0.5, "epoch 1/2");
    await progress.update(1, "epoch 2/2");
    await progress.done("2 epochs, loss 0.0123");
    let threw = false;
    try { await progress.update(1.5); } catch (error) { threw = error instanceof RangeError; }
    console.log(threw ? "rejected 1.5" : "accepted 1.5");
  `;
  const output = await new Deno.Command(Deno.execPath(), {
    args: ["eval", script],
    stdin: "null",
    stdout: "piped",
    stderr: "piped",
  }).output();
  assert.equal(output.code, 0, new TextDecoder().decode(output.stderr));
  const lines = new TextDecoder().decode(output.stderr).trimEnd().split("\n");
  // The second update comes within the 5 s interval for non-terminal output, so it is skipped.
  assert.equal(lines.length, 2);
  assert.match(lines[0], /^training █{10}·{10} {2}50% epoch 1\/2 \(\d+\.\d s\)$/);
  assert.match(lines[1], /^training: 2 epochs, loss 0.0123 \(\d+\.\d s\)$/);
  assert.equal(new TextDecoder().decode(output.stdout).trim(), "rejected 1.5");
});
