import assert from "node:assert/strict";
import { initialWeights } from "./network.ts";
import { weightsFromJson, weightsToJson } from "./weights_file.ts";

Deno.test("weights round-trip through JSON", () => {
  for (const kind of ["ca", "va"] as const) {
    const weights = initialWeights(kind, 16, 3);
    const read = weightsFromJson(weightsToJson(weights));
    assert.equal(read.kind, kind);
    read.layers.forEach((layer, i) => {
      assert.deepEqual(layer.kernel, weights.layers[i].kernel);
      assert.deepEqual(layer.bias, weights.layers[i].bias);
    });
  }
});

Deno.test("a truncated weights file is rejected", () => {
  const json = JSON.parse(weightsToJson(initialWeights("ca", 4, 1)));
  json.layers[0].kernel.pop();
  assert.throws(
    () => weightsFromJson(JSON.stringify(json)),
    /layer 0 is encoder with 7 kernel values, expected encoder with 8/,
  );
  json.layers.pop();
  assert.throws(() => weightsFromJson(JSON.stringify(json)), /has 3 layers, expected 4/);
});

Deno.test("non-numeric weights are rejected", () => {
  for (const bad of [null, "abc"]) {
    const json = JSON.parse(weightsToJson(initialWeights("ca", 4, 1)));
    json.layers[1].kernel[0] = bad;
    assert.throws(
      () => weightsFromJson(JSON.stringify(json)),
      /layer bottleneck contains .*expected finite numbers/,
    );
  }
});
