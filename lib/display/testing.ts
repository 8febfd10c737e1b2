/** Helpers shared by the display tests: a temporary output root and a folder listing. */

/** Runs `body` with a new temporary folder and removes the folder afterwards. */
export async function withTempRoot(body: (root: string) => Promise<void>): Promise<void> {
  const root = await Deno.makeTempDir({ prefix: "display_test_" });
  try {
    await body(root);
  } finally {
    await Deno.remove(root, { recursive: true });
  }
}

/** Returns the sorted names of the entries of `folder`. */
export async function listFiles(folder: string): Promise<string[]> {
  const names = [];
  for await (const entry of Deno.readDir(folder)) names.push(entry.name);
  return names.sort();
}
