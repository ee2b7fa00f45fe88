/**
 * Charts drawn on the server as SVG: horizontal bars with their labels and values written in
 * the drawing, always followed by the same figures as a table for those who do not see it.
 */
import type { FC } from 'hono/jsx';
import type { Ui } from './ui.js';

export interface BarRow {
  label: string;
  /** 0 to 1. */
  ratio: number;
  /** Extra words for the table (e.g. "61 of 93 applicable controls implemented"). */
  detail: string;
  href?: string | undefined;
}

const WIDTH = 720;
const VALUE_W = 56;
const ROW_H = 44;
const BAR_H = 16;
const TOP = 4;

export const BarChart: FC<{ ui: Ui; id: string; title: string; rows: BarRow[]; valueHeader: string; detailHeader: string; labelHeader: string }> = ({
  ui,
  id,
  title,
  rows,
  valueHeader,
  detailHeader,
  labelHeader,
}) => {
  const barW = WIDTH - VALUE_W;
  const height = rows.length * ROW_H + TOP + 22;
  const ticks = [0, 0.25, 0.5, 0.75, 1];
  const axisY = rows.length * ROW_H + TOP;
  return (
    <figure class="chart" aria-labelledby={`${id}-title`}>
      <figcaption id={`${id}-title`}>{title}</figcaption>
      <svg viewBox={`0 0 ${WIDTH} ${height}`} width="100%" role="img" aria-labelledby={`${id}-title`} aria-describedby={`${id}-table`} class="bar-chart">
        {ticks.map((tk) => (
          <g>
            <line x1={1 + tk * (barW - 2)} x2={1 + tk * (barW - 2)} y1={TOP} y2={axisY} class="chart-grid" />
            <text x={1 + tk * (barW - 2)} y={axisY + 16} class="chart-tick" text-anchor={tk === 0 ? 'start' : tk === 1 ? 'end' : 'middle'}>
              {ui.i18n.percent(tk)}
            </text>
          </g>
        ))}
        {rows.map((r, i) => {
          // The label sits above its bar, so long framework names are never cut.
          const y = TOP + i * ROW_H;
          const w = Math.max(0, Math.min(1, r.ratio)) * barW;
          return (
            <g>
              <text x="0" y={y + 14} class="chart-label">
                {r.label}
              </text>
              <rect x="0" y={y + 20} width={barW} height={BAR_H} class="chart-track" />
              <rect x="0" y={y + 20} width={w} height={BAR_H} class="chart-bar" />
              <text x={barW + 8} y={y + 20 + BAR_H - 3} class="chart-value">
                {ui.i18n.percent(r.ratio)}
              </text>
            </g>
          );
        })}
      </svg>
      <table class="data compact" id={`${id}-table`}>
        <caption class="visually-hidden">{title}</caption>
        <thead>
          <tr>
            <th scope="col">{labelHeader}</th>
            <th scope="col" class="num">
              {valueHeader}
            </th>
            <th scope="col">{detailHeader}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr>
              <th scope="row">{r.href ? <a href={r.href}>{r.label}</a> : r.label}</th>
              <td class="num">{ui.i18n.percent(r.ratio)}</td>
              <td>{r.detail}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </figure>
  );
};
