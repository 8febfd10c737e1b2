#!/usr/bin/python3
"""Execute Jupyter notebooks with the project's Deno kernel and write the outputs in place.

Usage: /usr/bin/python3 tools/run_notebooks.py [NOTEBOOK.ipynb ...]

Without arguments it runs every notebooks/*.ipynb of the repository in sorted order.
The kernel spec "deno-autoencoders" is looked up through JUPYTER_PATH, which the caller
sets to <repo>/.jupyter (tools/figures.ts does). Each notebook gets a fresh kernel whose
working directory is the notebook's folder, so `../lib/x.ts` imports resolve.

The run stops at the first failing cell and exits with status 1; a notebook is written
only when all its cells succeeded. Written notebooks carry no timestamps, and execution
counts are renumbered 1, 2, 3, ... so that a rerun leaves the file byte-identical.

Expected outputs. The Deno kernel can send `status: idle` before a cell's last output,
so the client keeps reading IOPub for a grace period after idle. On top of that, a code
cell is expected to produce output, and the run fails if it produced none, when
  1. the cell carries the tag `expect-output`, or
  2. its last line of code is a bare name or property path at column 0 such as `table`
     or `result.summary;`, whose value the kernel displays, or
  3. the notebook file held outputs for the cell before this run,
unless the cell carries the tag `no-output`. A notebook with a missing output is run
once more with a fresh kernel before the run fails.

Exit status: 0 on success, 1 when a cell fails or an expected output is missing,
2 for invalid arguments or a missing kernel spec.
"""

import argparse
import atexit
import json
import os
import queue
import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import nbformat
from jupyter_client.kernelspec import KernelSpecManager, NoSuchKernel
from nbclient import NotebookClient
from nbclient.exceptions import (
    CellExecutionComplete,
    CellExecutionError,
    CellTimeoutError,
    DeadKernelError,
)
from nbclient.util import ensure_async

KERNEL_NAME = "deno-autoencoders"
REPO_ROOT = Path(__file__).resolve().parent.parent
ANSI_ESCAPE = re.compile(r"\x1b\[[0-9;?]*[ -/]*[@-~]")
# Top-level frames of the running cell look like `at <anonymous>:4:7` or `at async <anonymous>:4:7`.
CELL_FRAME = re.compile(r"at (?:async )?<anonymous>:(\d+):(\d+)")
BARE_NAME = re.compile(r"^[A-Za-z_$][\w$]*(\.[A-Za-z_$][\w$]*)*;?$")
NAMES_WITHOUT_OUTPUT = {"undefined", "null", "break", "continue", "debugger", "return"}


class RunFailure(Exception):
    """A failed notebook run, with a message ready to print."""


class MissingOutputError(RunFailure):
    """A code cell that was expected to produce output produced none."""


def strip_ansi(text):
    return ANSI_ESCAPE.sub("", text)


def log(text, end="\n"):
    print(text, end=end, file=sys.stderr, flush=True)


def last_code_line(source):
    """Return the last line of `source` that is neither blank nor a `//` comment, or ""."""
    for line in reversed(source.splitlines()):
        stripped = line.strip()
        if stripped and not stripped.startswith("//"):
            return line.rstrip()
    return ""


def ends_with_displayed_value(source):
    """Tell whether the cell's last line is a bare name or property path the kernel displays."""
    line = last_code_line(source)
    if not BARE_NAME.match(line):
        return False
    return line.rstrip(";") not in NAMES_WITHOUT_OUTPUT


def expects_output(cell, had_outputs):
    """Apply the expected-output rule of the module docstring to one code cell."""
    tags = cell.metadata.get("tags", [])
    if "no-output" in tags:
        return False
    return "expect-output" in tags or ends_with_displayed_value(cell.source) or had_outputs


class GraceNotebookClient(NotebookClient):
    """NotebookClient that keeps reading IOPub after `status: idle` and reports progress.

    The Deno 2.9.6 kernel can publish `status: idle` before the cell's execute_result or
    display_data; the stock client stops reading at idle and drops those outputs.
    """

    def __init__(self, nb, label, expected, idle_grace, **kwargs):
        super().__init__(nb, **kwargs)
        self.label = label
        self.expected = expected
        self.idle_grace = idle_grace
        self.code_cell_total = sum(1 for c in nb.cells if c.cell_type == "code" and c.source.strip())
        self.code_cell_number = 0
        self.failure = None

    async def _check_raise_for_error(self, cell, cell_index, exec_reply):
        if exec_reply is not None and exec_reply["content"]["status"] == "error":
            # Keep the reply: CellExecutionError carries the traceback only as formatted text.
            self.failure = (cell_index, exec_reply["content"])
        return await super()._check_raise_for_error(cell, cell_index, exec_reply)

    async def _async_poll_output_msg(self, parent_msg_id, cell, cell_index):
        while True:
            msg = await ensure_async(self.kc.iopub_channel.get_msg(timeout=None))
            if msg["parent_header"].get("msg_id") != parent_msg_id:
                continue
            try:
                self.process_message(msg, cell, cell_index)
            except CellExecutionComplete:
                break

        # Outputs that arrive within `idle_grace` seconds of the previous message still count.
        while True:
            try:
                msg = await ensure_async(self.kc.iopub_channel.get_msg(timeout=self.idle_grace))
            except queue.Empty:
                return
            if msg["parent_header"].get("msg_id") != parent_msg_id:
                continue
            try:
                self.process_message(msg, cell, cell_index)
            except CellExecutionComplete:
                pass

    async def async_execute_cell(self, cell, cell_index, execution_count=None, store_history=True):
        if cell.cell_type != "code" or not cell.source.strip():
            return await super().async_execute_cell(cell, cell_index, execution_count, store_history)

        self.code_cell_number += 1
        first_line = cell.source.strip().splitlines()[0][:60]
        log(f"  cell {cell_index + 1} ({self.code_cell_number}/{self.code_cell_total}): {first_line} ... ", end="")
        started = time.monotonic()
        try:
            result = await super().async_execute_cell(cell, cell_index, execution_count, store_history)
        except BaseException:
            log(f"failed after {time.monotonic() - started:.2f} s")
            raise
        log(f"{time.monotonic() - started:.2f} s")

        if cell_index in self.expected and not cell.outputs:
            raise MissingOutputError(
                f"{self.label}: cell {cell_index + 1} produced no output, but one was expected.\n"
                f"{format_source_excerpt(cell.source, None)}\n"
                "If the cell should stay silent, clear its outputs in the notebook or tag it `no-output`."
            )
        return result


def format_source_excerpt(source, line_number, max_lines=12):
    """Number the cell's lines, marking `line_number` (1-based) with `>` when it is given."""
    lines = source.splitlines()
    if line_number is not None:
        start = max(0, line_number - 3)
        lines_shown = range(start, min(len(lines), line_number + 2))
    else:
        lines_shown = range(min(len(lines), max_lines))
    excerpt = []
    for index in lines_shown:
        marker = ">" if line_number == index + 1 else " "
        excerpt.append(f"  {marker}{index + 1:4d} | {lines[index]}")
    if line_number is None and len(lines) > max_lines:
        excerpt.append(f"       | ... ({len(lines) - max_lines} more lines)")
    return "\n".join(excerpt)


def deno_executable():
    """Return the deno binary named in the kernel spec, or None when the spec has none."""
    try:
        argv = KernelSpecManager().get_kernel_spec(KERNEL_NAME).argv
    except NoSuchKernel:
        return None
    return argv[0] if argv else None


def locate_syntax_error(source):
    """Find a syntax error with `deno fmt`, because the kernel reports only "Execution failed".

    Returns (message, line) or None when the source parses.
    """
    deno = deno_executable()
    if deno is None:
        return None
    completed = subprocess.run(
        [deno, "fmt", "--no-config", "--ext=ts", "-"],
        input=source,
        capture_output=True,
        text=True,
        env={**os.environ, "NO_COLOR": "1"},
        cwd=tempfile.gettempdir(),
    )
    if completed.returncode == 0:
        return None
    stderr = strip_ansi(completed.stderr)
    message = re.search(r"(SyntaxError: .*)", stderr)
    position = re.search(r"_stdin\.ts:(\d+):(\d+)", stderr)
    if message is None or position is None:
        return None
    return message.group(1), int(position.group(1))


def describe_cell_error(label, cell_index, cell, reply):
    """Build the failure report from an execute_reply: notebook, cell number, source line, error, traceback."""
    ename = reply.get("ename", "Error")
    evalue = strip_ansi(reply.get("evalue", ""))
    traceback = [strip_ansi(line) for line in reply.get("traceback") or [] if line.strip()]
    line_number = None
    note = ""

    frames = [CELL_FRAME.search(line) for line in traceback]
    cell_frames = [frame for frame in frames if frame]
    if cell_frames and not re.search(r"\bawait\b", cell.source):
        # The outermost `<anonymous>` frame is the running cell, because inner ones may be functions of earlier cells.
        line_number = int(cell_frames[-1].group(1))
    elif cell_frames:
        note = (
            "  (The cell uses top-level await, so the kernel runs a rewritten copy of it and the\n"
            "  line numbers in the traceback do not match the cell's lines.)\n"
        )
    elif evalue == "Execution failed" and not traceback:
        syntax_error = locate_syntax_error(cell.source)
        if syntax_error is not None:
            evalue = f"{evalue}: {syntax_error[0]}"
            line_number = syntax_error[1]

    if line_number is not None and not 1 <= line_number <= len(cell.source.splitlines()):
        line_number = None
    location = f"cell {cell_index + 1}" + (f", line {line_number}" if line_number else "")
    report = [f"{label}: {location}: {ename}: {evalue}", format_source_excerpt(cell.source, line_number)]
    if note:
        report.append(note.rstrip())
    if traceback:
        report.append("Traceback:\n" + "\n".join(f"  {line}" for line in traceback))
    return "\n".join(report)


def read_notebook(path):
    """Read a notebook, giving cells without an id a deterministic one (nbformat would pick a random one)."""
    data = json.loads(path.read_text(encoding="utf-8"))
    if (data.get("nbformat"), data.get("nbformat_minor", 0)) >= (4, 5):
        used = {cell["id"] for cell in data.get("cells", []) if "id" in cell}
        for index, cell in enumerate(data.get("cells", [])):
            if "id" not in cell:
                candidate = f"cell-{index + 1}"
                while candidate in used:
                    candidate += "-"
                cell["id"] = candidate
                used.add(candidate)
    return nbformat.reads(json.dumps(data), as_version=4)


def coalesce_streams(outputs):
    """Merge consecutive stream outputs of one name, so message chunking leaves no trace."""
    merged = []
    for output in outputs:
        previous = merged[-1] if merged else None
        if (
            output.output_type == "stream"
            and previous is not None
            and previous.output_type == "stream"
            and previous.name == output.name
        ):
            previous.text += output.text
        else:
            merged.append(output)
    for output in merged:
        if output.output_type == "stream" and "\r" in output.text:
            # Keep what a terminal shows: text after the last carriage return of each line.
            text = re.sub(r"\r+\n", "\n", output.text)
            output.text = "\n".join(line.rsplit("\r", 1)[-1] for line in text.split("\n"))
    return merged


def normalize(nb, kernelspec):
    """Remove run-dependent fields and number code cells 1, 2, 3, ... in order."""
    count = 0
    for cell in nb.cells:
        cell.metadata.pop("execution", None)
        if cell.cell_type != "code":
            continue
        if not cell.source.strip():
            cell.execution_count = None
            cell.outputs = []
            continue
        count += 1
        cell.execution_count = count
        cell.outputs = coalesce_streams(cell.outputs)
        for output in cell.outputs:
            if output.output_type == "execute_result":
                output.execution_count = count
    nb.metadata["kernelspec"] = kernelspec
    nb.metadata.pop("widgets", None)


def write_atomically(path, text):
    """Write through a temporary file in the same folder, so readers never see a partial notebook."""
    descriptor, temporary = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(descriptor, "w", encoding="utf-8", newline="\n") as file:
            file.write(text)
        if path.exists():
            os.chmod(temporary, path.stat().st_mode & 0o777)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def execute_once(path, label, options, kernelspec):
    """Execute one notebook with a fresh kernel and return the normalized notebook."""
    nb = read_notebook(path)
    expected = {
        index
        for index, cell in enumerate(nb.cells)
        if cell.cell_type == "code" and cell.source.strip() and expects_output(cell, bool(cell.get("outputs")))
    }
    client = GraceNotebookClient(
        nb,
        label,
        expected,
        options.idle_grace,
        kernel_name=KERNEL_NAME,
        timeout=options.timeout,
        startup_timeout=options.startup_timeout,
        record_timing=False,
        resources={"metadata": {"path": str(path.parent)}},
    )
    try:
        client.execute()
    except CellExecutionError as error:
        if client.failure is None:
            raise RunFailure(f"{label}: {strip_ansi(str(error))}") from error
        index, reply = client.failure
        raise RunFailure(describe_cell_error(label, index, nb.cells[index], reply)) from error
    except CellTimeoutError as error:
        raise RunFailure(f"{label}: a cell timed out after {options.timeout} s (--timeout sets the limit).\n"
                         f"{strip_ansi(str(error))}") from error
    except DeadKernelError as error:
        raise RunFailure(f"{label}: the kernel died while running the cell logged above ({error}).") from error
    except FileNotFoundError as error:
        raise RunFailure(f"{label}: cannot start the kernel because {error.filename} does not exist; "
                         "run `deno run -A tools/setup.ts` to rewrite the kernel spec.") from error
    except RuntimeError as error:
        # nbclient raises RuntimeError when the kernel does not reply within the startup timeout.
        raise RunFailure(f"{label}: the kernel failed: {error} (--startup-timeout sets the limit in seconds).") from error
    finally:
        # After a failed start nbclient has already shut the kernel down, and its exit hook would fail again.
        atexit.unregister(client._cleanup_kernel)
    normalize(nb, kernelspec)
    return nb


def run_notebook(path, options, kernelspec):
    """Execute `path`, retrying once on a missing output, and write it if it changed. Return "updated" or "unchanged"."""
    label = os.path.relpath(path)
    started = time.monotonic()
    log(f"{label}: starting kernel {KERNEL_NAME}")
    try:
        nb = execute_once(path, label, options, kernelspec)
    except MissingOutputError as error:
        log(f"{error}\n{label}: retrying once with a fresh kernel")
        nb = execute_once(path, label, options, kernelspec)

    text = nbformat.writes(nb)
    if not text.endswith("\n"):
        text += "\n"
    changed = path.read_text(encoding="utf-8") != text
    if changed:
        write_atomically(path, text)
    verdict = "updated" if changed else "unchanged"
    log(f"{label}: {verdict} in {time.monotonic() - started:.1f} s")
    return verdict


def parse_arguments(argv):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("notebooks", nargs="*", type=Path,
                        help="notebooks to run (default: every notebooks/*.ipynb of the repository)")
    parser.add_argument("--timeout", type=int, default=600, help="maximum seconds per cell (default 600)")
    parser.add_argument("--startup-timeout", type=int, default=120,
                        help="maximum seconds for the kernel to start (default 120)")
    parser.add_argument("--idle-grace", type=float, default=0.1,
                        help="seconds to keep reading outputs after the kernel reports idle (default 0.1)")
    return parser.parse_args(argv)


def main(argv):
    options = parse_arguments(argv)
    paths = options.notebooks or sorted((REPO_ROOT / "notebooks").glob("*.ipynb"))
    for path in paths:
        if path.suffix != ".ipynb" or not path.is_file():
            log(f"error: {path} is not a notebook file (expected an existing .ipynb file)")
            return 2
    try:
        spec = KernelSpecManager().get_kernel_spec(KERNEL_NAME)
    except NoSuchKernel:
        log(f"error: kernel spec {KERNEL_NAME} not found on JUPYTER_PATH={os.environ.get('JUPYTER_PATH', '')!r}; "
            "run `deno run -A tools/setup.ts` and set JUPYTER_PATH to the repository's .jupyter folder "
            "(`deno task figures` does both)")
        return 2
    kernelspec = {"name": KERNEL_NAME, "display_name": spec.display_name, "language": spec.language}

    started = time.monotonic()
    verdicts = []
    for path in paths:
        try:
            verdicts.append(run_notebook(path.resolve(), options, kernelspec))
        except RunFailure as error:
            log(f"error: {error}")
            log(f"stopped after {len(verdicts)} of {len(paths)} notebooks; {path} was not written")
            return 1
    updated = verdicts.count("updated")
    log(f"ran {len(paths)} notebooks ({updated} updated, {len(paths) - updated} unchanged) "
        f"in {time.monotonic() - started:.1f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
