import assert from "node:assert/strict";
import { angleProfileChart, detectionRateChart, rocChart, scoreStripsChart } from "./detection_charts.ts";
import { renderSvg } from "./display.ts";
import type { GroupBin } from "./score_summaries.ts";

type Panel = {
  title: string;
  layer: { data: { values: Record<string, unknown>[] }; mark: { type: string } }[];
};

function panelsOf(spec: Record<string, unknown>): Panel[] {
  return spec.concat as Panel[];
}

const bins: GroupBin[] = [
  { group: "normal", start: 0.001, end: 0.01, count: 3, share: 0.75 },
  { group: "normal", start: 0.01, end: 0.1, count: 1, share: 0.25 },
  { group: "spot", start: 0.001, end: 0.01, count: 0, share: 0 },
  { group: "spot", start: 0.01, end: 0.1, count: 2, share: 1 },
];

Deno.test("scoreStripsChart draws non-empty bins and the threshold", async () => {
  const spec = scoreStripsChart({
    panels: [{ title: "CA", bins, threshold: 0.05 }, { title: "VA", bins }],
    groups: ["normal", "spot"],
    xTitle: "mse",
  });
  const [ca, va] = panelsOf(spec);
  assert.equal(ca.title, "CA");
  assert.equal(ca.layer[0].data.values.length, 3);
  assert.deepEqual(ca.layer[1].data.values, [{ value: 0.05 }]);
  assert.equal(va.layer.length, 1);
  assert.match(await renderSvg(spec), /<svg/);
});

Deno.test("rocChart rounds points and keeps their order", async () => {
  const spec = rocChart({
    panels: [{
      title: "spot",
      curves: [{
        detector: "CA",
        points: [{ fpr: 0, tpr: 0 }, { fpr: 0, tpr: 0.123456789 }, { fpr: 1, tpr: 1 }],
      }],
    }],
    seriesOrder: ["CA", "VA"],
    dashed: ["VA"],
  });
  const [panel] = panelsOf(spec);
  const values = panel.layer[1].data.values;
  assert.deepEqual(values[1], { detector: "CA", fpr: 0, tpr: 0.1235, order: 1 });
  assert.equal(values.length, 3);
  assert.match(await renderSvg(spec), /<svg/);
});

Deno.test("detectionRateChart draws lines, bands and the rate line", async () => {
  const points = [
    { detector: "CA", severity: 1, rate: 0.1, low: 0.05, high: 0.2 },
    { detector: "CA", severity: 2, rate: 0.6, low: 0.5, high: 0.7 },
  ];
  const spec = detectionRateChart({
    panels: [{ title: "spot", xTitle: "side", points }, {
      title: "salt",
      xTitle: "share",
      points,
      logX: true,
    }],
    seriesOrder: ["CA"],
    minRate: 0.5,
  });
  const [first, second] = panelsOf(spec);
  assert.deepEqual(first.layer.map((layer) => layer.mark.type), ["line", "area", "rule"]);
  assert.deepEqual(first.layer[2].data.values, [{ value: 0.5 }]);
  const secondX = (second.layer[0] as unknown as { encoding: { x: { scale: { type: string } } } }).encoding.x;
  assert.equal(secondX.scale.type, "log");
  assert.match(await renderSvg(spec), /<svg/);
});

Deno.test("angleProfileChart skips empty bins", async () => {
  const spec = angleProfileChart({
    panels: [{
      title: "CA",
      bins: [
        { start: 0, end: 10, median: 0.01, max: 0.02 },
        { start: 10, end: 20, median: NaN, max: NaN },
      ],
      threshold: 0.1,
    }],
    yTitle: "mse",
  });
  const [panel] = panelsOf(spec);
  assert.deepEqual(panel.layer[0].data.values, [
    { angle: 5, score: 0.01, statistic: "median" },
    { angle: 5, score: 0.02, statistic: "maximum" },
  ]);
  assert.match(await renderSvg(spec), /<svg/);
});

Deno.test("panel charts reject bad input", () => {
  assert.throws(() => scoreStripsChart({ panels: [], groups: [], xTitle: "mse" }), /at least one panel/);
  assert.throws(
    () => angleProfileChart({ panels: [{ title: "CA", bins: [], threshold: NaN }], yTitle: "mse" }),
    /finite value, got NaN/,
  );
  assert.throws(
    () => rocChart({ panels: [{ title: "a", curves: [] }], seriesOrder: [], columns: 0 }),
    /columns must be a positive integer/,
  );
});
