/**
 * Weight diagrams of small dense networks: neurons as circles in columns,
 * one column per layer, and one line per weight, blue when positive and red
 * when negative, as wide as |weight| relative to the largest, labelled with
 * its rounded value.
 */
import {
  checkInteger,
  checkPositive,
  NEGATIVE_COLOUR,
  POSITIVE_COLOUR,
  px,
  textWidth,
  topLevel,
  type VegaLiteSpec,
} from "./style.ts";

/** One column of neurons. */
export interface NetworkLayer {
  /** Column heading, such as "bottleneck" or "L1". */
  name: string;
  /** One label per neuron, drawn inside its circle, such as "z" or "a". */
  units: string[];
}

/** One weight, from neuron `from[1]` of layer `from[0]` to neuron `to[1]` of layer `to[0]`. */
export interface NetworkEdge {
  from: [layer: number, unit: number];
  to: [layer: number, unit: number];
  weight: number;
  /** Dashed line for a connection that is not a trained weight, such as sampling z from a and b. */
  dashed?: boolean;
  /** Text drawn instead of the rounded weight, such as "× s" for a sampled link. */
  label?: string;
}

/** Options of `networkDiagram`. */
export interface NetworkDiagramOptions {
  layers: NetworkLayer[];
  edges: NetworkEdge[];
  /** Per layer, one bias per neuron (null or missing for layers without biases, such as the input). */
  biases?: (ArrayLike<number> | null | undefined)[];
  title?: string;
  subtitle?: string;
  /** Decimals of the weight and bias labels; default 2. */
  digits?: number;
  /** Horizontal distance between layer columns in pixels; default 170. */
  columnSpacing?: number;
  /** Vertical distance between neurons in pixels; default 90. */
  unitSpacing?: number;
  /**
   * Position of the weight label along its line, from 0 (source) to 1 (target). The default, "staggered",
   * moves it from 0.3 to 0.7 with the unit's index in the smaller of the two layers, so that labels of
   * crossing lines do not meet at the crossing.
   */
  labelPosition?: number | "staggered";
}

const RADIUS = 17;
const HEADER_HEIGHT = 24;
const WEIGHT_FONT_SIZE = 11;
const BIAS_FONT_SIZE = 10;

/**
 * Builds a weight diagram of a small network.
 *
 * @example
 * networkDiagram({
 *   layers: [{ name: "bottleneck", units: ["z"] }, { name: "hidden", units: ["h1", "h2"] }, { name: "output", units: ["y1"] }],
 *   edges: [{ from: [0, 0], to: [1, 0], weight: 1.5 }, { from: [0, 0], to: [1, 1], weight: -2 }, ...],
 *   biases: [null, [0.1, -0.3], [0.5]],
 * })
 * @throws {RangeError} when an edge names a missing layer or unit, a weight is not finite, or the biases do not
 * match the layers.
 */
export function networkDiagram(options: NetworkDiagramOptions): VegaLiteSpec {
  const { layers, edges } = options;
  if (layers.length === 0) throw new RangeError("layers must contain at least one layer, got none");
  layers.forEach((layer, l) => {
    if (layer.units.length === 0) {
      throw new RangeError(`layers[${l}] ("${layer.name}") must have at least one unit`);
    }
  });
  const digits = options.digits ?? 2;
  checkInteger("digits", digits, 0);
  const columnSpacing = options.columnSpacing ?? 170;
  const unitSpacing = options.unitSpacing ?? 90;
  checkPositive("columnSpacing", columnSpacing);
  checkPositive("unitSpacing", unitSpacing);
  const labelPosition = options.labelPosition ?? "staggered";
  if (labelPosition !== "staggered" && !(labelPosition >= 0 && labelPosition <= 1)) {
    throw new RangeError(`labelPosition must be "staggered" or a number in [0, 1], got ${labelPosition}`);
  }
  const labelAt = (edge: NetworkEdge) => {
    if (labelPosition !== "staggered") return labelPosition;
    const sourceUnits = layers[edge.from[0]].units.length;
    const targetUnits = layers[edge.to[0]].units.length;
    const [index, units] = targetUnits <= sourceUnits
      ? [edge.to[1], targetUnits]
      : [edge.from[1], sourceUnits];
    return units === 1 ? 0.5 : 0.3 + 0.4 * index / (units - 1);
  };
  edges.forEach((edge, e) => {
    checkUnit(layers, edge.from, `edges[${e}].from`);
    checkUnit(layers, edge.to, `edges[${e}].to`);
    if (!Number.isFinite(edge.weight)) {
      throw new RangeError(`edges[${e}].weight must be finite, got ${edge.weight}`);
    }
  });
  const biases = options.biases ?? [];
  if (biases.length > layers.length) {
    throw new RangeError(
      `biases must have at most one entry per layer (${layers.length}), got ${biases.length}`,
    );
  }
  biases.forEach((layerBiases, l) => {
    if (layerBiases && layerBiases.length !== layers[l].units.length) {
      throw new RangeError(
        `biases[${l}] must have ${layers[l].units.length} values, got ${layerBiases.length}`,
      );
    }
  });

  const maxUnits = Math.max(...layers.map((layer) => layer.units.length));
  const margin = Math.max(RADIUS + 4, ...layers.map((layer) => textWidth(layer.name, 12) / 2 + 2));
  const top = HEADER_HEIGHT + RADIUS + 4;
  const position = (layer: number, unit: number) => ({
    x: px(margin + layer * columnSpacing),
    y: px(top + (unit + (maxUnits - layers[layer].units.length) / 2) * unitSpacing),
  });

  const largest = Math.max(1e-12, ...edges.map((edge) => Math.abs(edge.weight)));
  const edgeValues = edges.map((edge) => {
    const from = position(...edge.from);
    const to = position(...edge.to);
    const t = labelAt(edge);
    const text = edge.label ?? edge.weight.toFixed(digits);
    return {
      x: from.x,
      y: from.y,
      x2: to.x,
      y2: to.y,
      colour: edge.weight >= 0 ? POSITIVE_COLOUR : NEGATIVE_COLOUR,
      width: px(0.75 + 4.25 * Math.abs(edge.weight) / largest),
      dash: edge.dashed ? [5, 4] : [1, 0],
      ...labelBox(from.x + t * (to.x - from.x), from.y + t * (to.y - from.y), text, WEIGHT_FONT_SIZE),
      text,
    };
  });
  const unitValues = layers.flatMap((layer, l) =>
    layer.units.map((unit, u) => {
      const bias = biases[l]?.[u];
      const centre = position(l, u);
      const text = bias === undefined ? "" : `b = ${bias.toFixed(digits)}`;
      const box = labelBox(centre.x, centre.y + RADIUS + 3 + BIAS_FONT_SIZE / 2, text, BIAS_FONT_SIZE);
      return { ...centre, text: unit, bias: text, ...box };
    })
  );
  const headerValues = layers.map((layer, l) => ({ x: position(l, 0).x, y: 0, text: layer.name }));

  const width = px(2 * margin + (layers.length - 1) * columnSpacing);
  const height = px(top + (maxUnits - 1) * unitSpacing + RADIUS + 20);
  const xy = (x: string, y: string) => ({
    x: { field: x, type: "quantitative", scale: null, axis: null },
    y: { field: y, type: "quantitative", scale: null, axis: null },
  });
  const edgeEncoding = { ...xy("x", "y"), x2: { field: "x2" }, y2: { field: "y2" } };
  const labelMark = {
    type: "text",
    fontSize: WEIGHT_FONT_SIZE,
    fontWeight: "bold",
    align: "center",
    baseline: "middle",
  };

  const box = { type: "rect", color: "white", opacity: 0.9 };
  const boxEncoding = { ...xy("boxX", "boxY"), x2: { field: "boxX2" }, y2: { field: "boxY2" } };
  return topLevel({
    width,
    height,
    // Drawn bottom to top: lines, neurons, bias labels, then weight labels, each on a white box so it
    // stays readable where lines pass through it.
    layer: [
      {
        data: { values: edgeValues },
        mark: { type: "rule", strokeCap: "round" },
        encoding: {
          ...edgeEncoding,
          color: { field: "colour", type: "nominal", scale: null },
          strokeWidth: { field: "width", type: "quantitative", scale: null },
          strokeDash: { field: "dash", type: "nominal", scale: null },
        },
      },
      {
        data: { values: unitValues },
        layer: [
          {
            mark: {
              type: "point",
              shape: "circle",
              size: Math.PI * RADIUS * RADIUS,
              filled: true,
              color: "#f4f4f4",
              stroke: "#333",
              strokeWidth: 1.5,
              opacity: 1,
            },
            encoding: xy("x", "y"),
          },
          {
            mark: { type: "text", fontSize: 12, align: "center", baseline: "middle" },
            encoding: { ...xy("x", "y"), text: { field: "text" } },
          },
          { transform: [{ filter: "datum.bias !== ''" }], mark: box, encoding: boxEncoding },
          {
            mark: {
              type: "text",
              fontSize: BIAS_FONT_SIZE,
              align: "center",
              baseline: "middle",
              color: "#333",
            },
            encoding: { ...xy("labelX", "labelY"), text: { field: "bias" } },
          },
        ],
      },
      {
        data: { values: edgeValues },
        layer: [
          { mark: box, encoding: boxEncoding },
          {
            mark: labelMark,
            encoding: {
              ...xy("labelX", "labelY"),
              text: { field: "text" },
              color: { field: "colour", type: "nominal", scale: null },
            },
          },
        ],
      },
      {
        data: { values: headerValues },
        mark: { type: "text", fontSize: 12, fontWeight: "bold", align: "center", baseline: "top" },
        encoding: { ...xy("x", "y"), text: { field: "text" } },
      },
    ],
  }, {
    title: options.title,
    subtitle: options.subtitle ?? "blue: positive, red: negative; line width grows with |weight|",
    config: { view: { stroke: null } },
  });
}

/** Returns the label centre and a box around the text, from an estimate of its width in bold DejaVu Sans. */
function labelBox(x: number, y: number, text: string, fontSize: number): Record<string, number> {
  const halfWidth = (textWidth(text, fontSize) * 1.15) / 2 + 2;
  const halfHeight = fontSize / 2 + 2;
  return {
    labelX: px(x),
    labelY: px(y),
    boxX: px(x - halfWidth),
    boxX2: px(x + halfWidth),
    boxY: px(y - halfHeight),
    boxY2: px(y + halfHeight),
  };
}

function checkUnit(layers: NetworkLayer[], [layer, unit]: [number, number], name: string): void {
  if (!Number.isInteger(layer) || layer < 0 || layer >= layers.length) {
    throw new RangeError(`${name} layer must be an index in 0..${layers.length - 1}, got ${layer}`);
  }
  const units = layers[layer].units.length;
  if (!Number.isInteger(unit) || unit < 0 || unit >= units) {
    throw new RangeError(
      `${name} unit must be an index in 0..${units - 1} of layer "${layers[layer].name}", got ${unit}`,
    );
  }
}
