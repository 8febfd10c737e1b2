import assert from "node:assert/strict";
import { listFiles, withTempRoot } from "./testing.ts";
import {
  assertFigureName,
  OUTPUT_ROOT_VARIABLE,
  outputRoot,
  projectRoot,
  writeDataFile,
  writeFileAtomic,
} from "./files.ts";

Deno.test("projectRoot walks up to deno.json", async () => {
  await withTempRoot(async (root) => {
    await Deno.writeTextFile(`${root}/deno.json`, "{}");
    await Deno.mkdir(`${root}/notebooks/deep`, { recursive: true });
    assert.equal(projectRoot(`${root}/notebooks/deep`), root);
    assert.equal(projectRoot(`${root}/notebooks/`), root);
    assert.equal(projectRoot(root), root);
  });
});

Deno.test("projectRoot throws without deno.json", async () => {
  await withTempRoot((root) => {
    assert.throws(() => projectRoot(root), /project root not found: no deno.json in/);
    return Promise.resolve();
  });
});

Deno.test("outputRoot follows the environment variable", () => {
  const previous = Deno.env.get(OUTPUT_ROOT_VARIABLE);
  try {
    Deno.env.set(OUTPUT_ROOT_VARIABLE, "/tmp/somewhere");
    assert.equal(outputRoot(), "/tmp/somewhere");
    Deno.env.delete(OUTPUT_ROOT_VARIABLE);
    assert.equal(outputRoot(), projectRoot());
  } finally {
    if (previous === undefined) Deno.env.delete(OUTPUT_ROOT_VARIABLE);
    else Deno.env.set(OUTPUT_ROOT_VARIABLE, previous);
  }
});

Deno.test("figure names follow the convention", () => {
  for (const name of ["fig01-training-images", "fig11a-bottleneck-means", "x03-roc-32x32"]) {
    assert.doesNotThrow(() => assertFigureName(name), name);
  }
  for (
    const name of ["fig1-images", "Fig01-images", "fig01", "fig01_images", "x1-a", "../fig01-a", "fig01-a/b"]
  ) {
    assert.throws(() => assertFigureName(name), /invalid figure name .*use "figNN-slug"/, name);
  }
});

Deno.test("writeFileAtomic leaves no temporary file on error", async () => {
  await withTempRoot(async (root) => {
    await Deno.mkdir(`${root}/target`);
    // Renaming a file over a non-empty folder fails after the temporary file was written.
    await Deno.writeTextFile(`${root}/target/keep`, "x");
    await assert.rejects(() => writeFileAtomic(`${root}/target`, "new content"));
    assert.deepEqual(await listFiles(root), ["target"]);

    await writeFileAtomic(`${root}/sub/file.txt`, "hello");
    assert.equal(await Deno.readTextFile(`${root}/sub/file.txt`), "hello");
    assert.deepEqual(await listFiles(`${root}/sub`), ["file.txt"]);
  });
});

Deno.test("writeDataFile validates the name", async () => {
  await withTempRoot(async (root) => {
    const path = await writeDataFile("runs.parquet", Uint8Array.from([1, 2, 3]), { root });
    assert.equal(path, `${root}/data/runs.parquet`);
    assert.deepEqual(await Deno.readFile(path), Uint8Array.from([1, 2, 3]));
    for (const name of ["runs", "../runs.csv", "Runs.csv", "a/b.csv", ".hidden.csv"]) {
      await assert.rejects(() => writeDataFile(name, "x", { root }), /invalid data file name/, name);
    }
    assert.deepEqual(await listFiles(`${root}/data`), ["runs.parquet"]);
  });
});
