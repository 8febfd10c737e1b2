/** Jupyter MIME bundles: the protocol Deno's kernel uses to display a cell's value, and small wrappers. */

/** A Jupyter MIME bundle: MIME type to content. */
export type MimeBundle = Record<string, unknown>;

/** The symbol Deno's Jupyter kernel (2.9.6) looks up to display an object that a cell returns. */
export const JUPYTER_DISPLAY: unique symbol = Symbol.for("Jupyter.display");

/** An object that Deno's Jupyter kernel displays as the MIME bundle its method returns. */
export interface Displayable {
  [JUPYTER_DISPLAY](): MimeBundle;
}

/** Escapes `&`, `<`, `>` and quotes for HTML text and attribute values. */
export function escapeHtml(text: string): string {
  return text.replaceAll("&", "&amp;").replaceAll("<", "&lt;").replaceAll(">", "&gt;")
    .replaceAll('"', "&quot;").replaceAll("'", "&#39;");
}

/** Returns an object that the kernel displays as Markdown, with `text` as the plain-text fallback. */
export function showMarkdown(text: string): Displayable {
  return { [JUPYTER_DISPLAY]: () => ({ "text/markdown": text, "text/plain": text }) };
}

/** Returns an object that the kernel displays as `html`, with `text` (default: none) as the plain-text fallback. */
export function showHtml(html: string, text?: string): Displayable {
  return {
    [JUPYTER_DISPLAY]:
      () => (text === undefined ? { "text/html": html } : { "text/html": html, "text/plain": text }),
  };
}
