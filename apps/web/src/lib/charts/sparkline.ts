import { scaleLinear } from 'd3-scale';
import { line } from 'd3-shape';

/**
 * The SVG path of a sparkline for a series (gaps as null break the line). Empty when fewer than two
 * values exist: a single dot says nothing about a trend.
 */
export function sparklinePath(
  values: readonly (number | null)[],
  width: number,
  height: number,
  pad = 2,
): string {
  const known = values.filter((v): v is number => v !== null && Number.isFinite(v));
  if (known.length < 2) return '';
  const min = Math.min(...known);
  const max = Math.max(...known);
  const x = scaleLinear()
    .domain([0, Math.max(values.length - 1, 1)])
    .range([pad, width - pad]);
  const y = scaleLinear()
    .domain(min === max ? [min - 1, max + 1] : [min, max])
    .range([height - pad, pad]);
  const path = line<number | null>()
    .defined((v) => v !== null && Number.isFinite(v))
    .x((_v, i) => x(i))
    .y((v) => y(v ?? 0));
  return path(values as (number | null)[]) ?? '';
}
