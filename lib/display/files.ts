/**
 * The project's output files: where figures/ and data/ are, which names they
 * accept, and atomic writes (a temporary file, then a rename) so a failed run
 * leaves no half-written file.
 */

/** Figure names: `figNN-slug` for the report's figure NN (an optional letter for a panel), `xNN-slug` for new ones. */
export const FIGURE_NAME: RegExp = /^(fig\d\d[a-z]?|x\d\d)-[a-z0-9-]+$/;

/** Table names written to `data/NAME.csv`: lowercase letters, digits, `-` and `_`. */
export const TABLE_NAME: RegExp = /^[a-z0-9][a-z0-9_-]*$/;

/** Data file names: a table name followed by one or more extensions, such as `runs.parquet`. */
export const DATA_FILE_NAME: RegExp = /^[a-z0-9][a-z0-9_-]*(\.[a-z0-9]+)+$/;

/** Environment variable that moves `figures/` and `data/` under another folder, for tests and trial runs. */
export const OUTPUT_ROOT_VARIABLE = "AUTOENCODER_OUTPUT_ROOT";

/** Output folder option shared by the functions that write files. */
export interface OutputOptions {
  /** Folder that receives `figures/` and `data/`; default `outputRoot()`. */
  root?: string;
}

// Paths and atomic files

/**
 * Returns the project root: the nearest folder at or above `start` that
 * contains deno.json. In the kernel, `Deno.cwd()` is the notebook's folder,
 * so notebooks/ resolves to its parent.
 *
 * @throws {Error} when no folder above `start` contains deno.json.
 */
export function projectRoot(start: string = Deno.cwd()): string {
  let folder = start.replace(/\/+$/, "") || "/";
  while (true) {
    if (isFile(`${folder}/deno.json`)) return folder;
    const parent = folder.slice(0, folder.lastIndexOf("/")) || "/";
    if (parent === folder) {
      throw new Error(`project root not found: no deno.json in ${start} or any folder above it`);
    }
    folder = parent;
  }
}

/** Returns the folder that receives `figures/` and `data/`: $AUTOENCODER_OUTPUT_ROOT if set, else `projectRoot()`. */
export function outputRoot(): string {
  return Deno.env.get(OUTPUT_ROOT_VARIABLE) || projectRoot();
}

/**
 * Writes `content` to `path` atomically: into a temporary file in the same
 * folder, then renamed over `path`. Creates the folder when it is missing.
 * On failure the temporary file is removed and `path` keeps its old content.
 */
export async function writeFileAtomic(path: string, content: Uint8Array | string): Promise<void> {
  const slash = path.lastIndexOf("/");
  const folder = slash > 0 ? path.slice(0, slash) : ".";
  await Deno.mkdir(folder, { recursive: true });
  const temporary = `${folder}/.${path.slice(slash + 1)}.${Deno.pid}-${++temporaryCount}.tmp`;
  try {
    if (typeof content === "string") await Deno.writeTextFile(temporary, content);
    else await Deno.writeFile(temporary, content);
    await Deno.rename(temporary, path);
  } catch (error) {
    await Deno.remove(temporary).catch(() => {});
    throw error;
  }
}

let temporaryCount = 0;

/**
 * Writes `data/NAME` under the output root atomically and returns its path.
 * `name` is a file name with extension, such as `outcomes.parquet`.
 *
 * @throws {RangeError} when `name` does not match `DATA_FILE_NAME`, before writing anything.
 */
export async function writeDataFile(
  name: string,
  content: Uint8Array | string,
  options: OutputOptions = {},
): Promise<string> {
  if (!DATA_FILE_NAME.test(name)) {
    throw new RangeError(
      `invalid data file name ${JSON.stringify(name)}: use lowercase letters, digits, "-" and "_" ` +
        `followed by an extension, such as "outcomes.csv"`,
    );
  }
  const path = `${options.root ?? outputRoot()}/data/${name}`;
  await writeFileAtomic(path, content);
  return path;
}

/** Throws a RangeError naming the fix when `name` is not a valid figure name. */
export function assertFigureName(name: string): void {
  if (!FIGURE_NAME.test(name)) {
    throw new RangeError(
      `invalid figure name ${JSON.stringify(name)}: use "figNN-slug" for the report's figure NN ` +
        `(e.g. "fig02-reconstructions", "fig11a-bottleneck-means") or "xNN-slug" for a new figure ` +
        `(e.g. "x01-blur"), with lowercase letters, digits and "-" in the slug`,
    );
  }
}

function isFile(path: string): boolean {
  try {
    return Deno.statSync(path).isFile;
  } catch (error) {
    if (error instanceof Deno.errors.NotFound) return false;
    throw error;
  }
}
