import assert from "node:assert/strict";
import { listFiles, withTempRoot } from "./testing.ts";
import pl from "nodejs-polars";
import { JUPYTER_DISPLAY } from "./bundle.ts";
import { showTable } from "./table.ts";

Deno.test("showTable formats floats with digits", async () => {
  const df = pl.DataFrame({ seed: [1, 2, 3], loss: [0.5, 1 / 3, -0.00001], label: ["a", "<b>", null] });
  const bundle = (await showTable(df, undefined, { digits: 3 }))[JUPYTER_DISPLAY]();
  const html = bundle["text/html"] as string;
  assert.match(html, /<th style="text-align: right">seed<\/th>/);
  assert.match(html, /<td style="text-align: right">1<\/td>/);
  assert.match(html, />0.333</);
  assert.match(html, />0.000</);
  assert.doesNotMatch(html, /-0.000/);
  assert.match(html, />&lt;b&gt;</);
  assert.match(html, />null</);
  assert.match(html, /3 rows × 3 columns/);
  const text = bundle["text/plain"] as string;
  assert.equal(text.split("\n")[0], "seed   loss  label");
  assert.equal(text.split("\n")[3], "   2  0.333  <b>");
});

Deno.test("showTable elides middle rows", async () => {
  const df = pl.DataFrame({ i: [...Array(100).keys()] });
  const bundle = (await showTable(df, undefined, { maxRows: 6 }))[JUPYTER_DISPLAY]();
  const cells = [...(bundle["text/html"] as string).matchAll(/<td[^>]*>([^<]*)<\/td>/g)].map((m) => m[1]);
  assert.deepEqual(cells, ["0", "1", "2", "…", "97", "98", "99"]);
});

Deno.test("showTable writes CSV and validates options", async () => {
  await withTempRoot(async (root) => {
    const df = pl.DataFrame({ a: [1.5, 2.25], b: ["x", "y"] });
    await showTable(df, "x01-probe", { root });
    assert.equal(await Deno.readTextFile(`${root}/data/x01-probe.csv`), "a,b\n1.5,x\n2.25,y\n");
    await assert.rejects(() => showTable(df, "bad name", { root }), /invalid table name/);
    await assert.rejects(
      () => showTable(df, "ok", { root, digits: -1 }),
      /digits must be an integer in 0..15, got -1/,
    );
    assert.deepEqual(await listFiles(`${root}/data`), ["x01-probe.csv"]);
  });
});
