/**
 * Test helpers for the chart builders: compile and render a spec while
 * collecting every vega-lite and vega warning, so tests can require none.
 */
import * as vega from "vega";
import * as vegaLite from "vega-lite";
import type { VegaLiteSpec } from "./style.ts";

/** The SVG of a spec and the warnings that compiling and rendering it logged. */
export interface CheckedSpec {
  svg: string;
  warnings: string[];
}

/** Compiles `spec` with vega-lite and renders it with vega, collecting warnings and errors as text. */
export async function compileAndRender(spec: VegaLiteSpec): Promise<CheckedSpec> {
  const warnings: string[] = [];
  const collect = (...args: readonly unknown[]) => warnings.push(args.map(String).join(" "));
  let currentLevel = vega.Warn;
  const logger = {
    level(level?: number) {
      if (level === undefined) return currentLevel;
      currentLevel = level;
      return logger;
    },
    error(...args: readonly unknown[]) {
      collect(...args);
      return logger;
    },
    warn(...args: readonly unknown[]) {
      collect(...args);
      return logger;
    },
    info() {
      return logger;
    },
    debug() {
      return logger;
    },
  } as vega.LoggerInterface;

  const compiled = vegaLite.compile(spec as unknown as vegaLite.TopLevelSpec, { logger }).spec;
  const view = new vega.View(vega.parse(compiled), { renderer: "none", logger });
  try {
    return { svg: await view.toSVG(), warnings };
  } finally {
    view.finalize();
  }
}

/**
 * Returns the leaf views of a spec in drawing order, descending into `layer`, `hconcat` and `vconcat`.
 * Each leaf inherits `data` from its nearest ancestor that has it, and prepends the ancestors'
 * `transform` and `encoding`, as vega-lite does.
 */
export function allLayers(
  spec: Record<string, unknown>,
  inherited: Record<string, unknown> = {},
): Record<string, unknown>[] {
  const merged: Record<string, unknown> = { ...spec };
  if (merged.data === undefined && inherited.data !== undefined) merged.data = inherited.data;
  const transform = [...(inherited.transform as unknown[] ?? []), ...(spec.transform as unknown[] ?? [])];
  if (transform.length > 0) merged.transform = transform;
  if (inherited.encoding !== undefined || spec.encoding !== undefined) {
    merged.encoding = { ...(inherited.encoding as object), ...(spec.encoding as object) };
  }
  const children = (spec.layer ?? spec.hconcat ?? spec.vconcat) as Record<string, unknown>[] | undefined;
  if (!children) return [merged];
  const { layer: _layer, hconcat: _hconcat, vconcat: _vconcat, ...context } = merged;
  // Concatenated views do not inherit their parent's encoding.
  if (spec.layer === undefined) delete context.encoding;
  return children.flatMap((child) => allLayers(child, context));
}

/** Returns the inline `data.values` of a layer, or throws when it has none. */
export function valuesOf(layer: Record<string, unknown>): Record<string, unknown>[] {
  const data = layer.data as { values?: Record<string, unknown>[] } | undefined;
  if (!data?.values) {
    throw new Error(`layer has no inline data values: ${JSON.stringify(layer).slice(0, 200)}`);
  }
  return data.values;
}
