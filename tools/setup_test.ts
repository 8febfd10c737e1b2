import assert from "node:assert/strict";
import {
  APT_PACKAGES,
  ensurePrerequisites,
  installCommand,
  missingPrerequisites,
  SetupError,
} from "./setup.ts";

/** Runs `body` with NOTEBOOK_PYTHON set to `python`, then restores the previous value. */
async function withNotebookPython(python: string, body: () => Promise<void>): Promise<void> {
  const previous = Deno.env.get("NOTEBOOK_PYTHON");
  Deno.env.set("NOTEBOOK_PYTHON", python);
  try {
    await body();
  } finally {
    if (previous === undefined) Deno.env.delete("NOTEBOOK_PYTHON");
    else Deno.env.set("NOTEBOOK_PYTHON", previous);
  }
}

Deno.test("missingPrerequisites is empty after setup", async () => {
  // `deno task test` runs tools/setup.ts first, which installs or rejects what is missing.
  assert.deepEqual(await missingPrerequisites(), []);
});

Deno.test("missingPrerequisites names a missing Python", async () => {
  await withNotebookPython("/nonexistent/python3", async () => {
    const missing = await missingPrerequisites();
    assert.equal(missing.length, 1, missing.join("\n"));
    assert.match(missing[0], /\/nonexistent\/python3 not found/);
  });
});

Deno.test("missingPrerequisites names a Python without nbclient", async () => {
  await withNotebookPython("/bin/false", async () => {
    const missing = await missingPrerequisites();
    assert.match(missing.join("\n"), /\/bin\/false cannot import nbclient/);
  });
});

Deno.test("ensurePrerequisites rejects custom Python without nbclient", async () => {
  await withNotebookPython("/bin/false", async () => {
    await assert.rejects(ensurePrerequisites(), (error: Error) => {
      assert.ok(error instanceof SetupError);
      assert.match(error.message, /\/bin\/false -m pip install nbclient/);
      return true;
    });
  });
});

Deno.test("installCommand installs every Debian package", () => {
  const command = installCommand();

  assert.match(command, /apt-get update && (sudo )?apt-get install -y --no-install-recommends/);
  for (const name of APT_PACKAGES) assert.ok(command.includes(name), `${name} missing from: ${command}`);
});
