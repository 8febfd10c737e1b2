import assert from "node:assert/strict";
import { escapeHtml, JUPYTER_DISPLAY, showHtml, showMarkdown } from "./bundle.ts";

Deno.test("showMarkdown and showHtml bundles", () => {
  assert.deepEqual(showMarkdown("# Title")[JUPYTER_DISPLAY](), {
    "text/markdown": "# Title",
    "text/plain": "# Title",
  });
  assert.deepEqual(showHtml("<b>x</b>")[JUPYTER_DISPLAY](), { "text/html": "<b>x</b>" });
  assert.deepEqual(showHtml("<b>x</b>", "x")[JUPYTER_DISPLAY](), {
    "text/html": "<b>x</b>",
    "text/plain": "x",
  });
});

Deno.test("escapeHtml escapes markup and quotes", () => {
  assert.equal(
    escapeHtml(`<a href="x">Tom & 'Jerry'</a>`),
    "&lt;a href=&quot;x&quot;&gt;Tom &amp; &#39;Jerry&#39;&lt;/a&gt;",
  );
});
