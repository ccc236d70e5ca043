import { Box, H5, Text } from '@adminjs/design-system';
import React from 'react';

/** Small SVG charts for the dashboard: no chart library in the bundle, nothing loaded from outside. */

const COLORS = {
  line: '#3040D6',
  bar: '#4268F6',
  soft: '#E8ECFC',
  axis: '#C0C0CA',
  text: '#454655',
};

export interface Point {
  label: string;
  value: number;
}

export function ChartCard({
  title,
  subtitle,
  children,
}: {
  title: string;
  subtitle?: string;
  children: React.ReactNode;
}) {
  return (
    <Box
      variant="card"
      bg="white"
      p="lg"
      style={{ borderRadius: 8, boxShadow: '0 1px 6px rgba(38,38,38,0.08)' }}
    >
      <H5 mb="sm">{title}</H5>
      {subtitle ? (
        <Text variant="sm" color="grey60" mb="lg">
          {subtitle}
        </Text>
      ) : null}
      {children}
    </Box>
  );
}

export function LineChart({ id, points, height = 180 }: { id: string; points: Point[]; height?: number }) {
  const width = 560;
  const pad = { top: 12, right: 12, bottom: 24, left: 36 };
  const max = Math.max(1, ...points.map((p) => p.value));
  const x = (i: number) => pad.left + (i * (width - pad.left - pad.right)) / Math.max(1, points.length - 1);
  const y = (v: number) => pad.top + (1 - v / max) * (height - pad.top - pad.bottom);
  const path = points
    .map((p, i) => `${i === 0 ? 'M' : 'L'}${x(i).toFixed(1)},${y(p.value).toFixed(1)}`)
    .join(' ');
  const area = `${path} L${x(points.length - 1).toFixed(1)},${y(0)} L${x(0).toFixed(1)},${y(0)} Z`;
  const first = points[0];
  const last = points.at(-1);
  return (
    <svg data-chart={id} viewBox={`0 0 ${width} ${height}`} width="100%" role="img" aria-label={id}>
      <line x1={pad.left} y1={y(0)} x2={width - pad.right} y2={y(0)} stroke={COLORS.axis} />
      <text x={pad.left - 6} y={y(max) + 4} fontSize="10" textAnchor="end" fill={COLORS.text}>
        {max}
      </text>
      <text x={pad.left - 6} y={y(0) + 4} fontSize="10" textAnchor="end" fill={COLORS.text}>
        0
      </text>
      {points.length > 0 ? <path d={area} fill={COLORS.soft} /> : null}
      {points.length > 0 ? <path d={path} fill="none" stroke={COLORS.line} strokeWidth={2} /> : null}
      {points.map((p, i) => (
        <circle key={p.label} cx={x(i)} cy={y(p.value)} r={2.5} fill={COLORS.line}>
          <title>{`${p.label}: ${p.value}`}</title>
        </circle>
      ))}
      {first && last ? (
        <>
          <text x={x(0)} y={height - 6} fontSize="10" fill={COLORS.text}>
            {first.label}
          </text>
          <text x={x(points.length - 1)} y={height - 6} fontSize="10" textAnchor="end" fill={COLORS.text}>
            {last.label}
          </text>
        </>
      ) : null}
    </svg>
  );
}

export function ColumnChart({ id, points, height = 180 }: { id: string; points: Point[]; height?: number }) {
  const width = 560;
  const pad = { top: 12, bottom: 24, left: 8, right: 8 };
  const max = Math.max(1, ...points.map((p) => p.value));
  const slot = (width - pad.left - pad.right) / Math.max(1, points.length);
  const barHeight = (v: number) => (v / max) * (height - pad.top - pad.bottom);
  return (
    <svg data-chart={id} viewBox={`0 0 ${width} ${height}`} width="100%" role="img" aria-label={id}>
      {points.map((p, i) => (
        <g key={p.label}>
          <rect
            x={pad.left + i * slot + slot * 0.15}
            y={height - pad.bottom - barHeight(p.value)}
            width={slot * 0.7}
            height={barHeight(p.value)}
            fill={COLORS.bar}
            rx={2}
          >
            <title>{`${p.label}: ${p.value}`}</title>
          </rect>
          <text
            x={pad.left + i * slot + slot / 2}
            y={height - pad.bottom - barHeight(p.value) - 3}
            fontSize="10"
            textAnchor="middle"
            fill={COLORS.text}
          >
            {p.value}
          </text>
          <text
            x={pad.left + i * slot + slot / 2}
            y={height - 6}
            fontSize="9"
            textAnchor="middle"
            fill={COLORS.text}
          >
            {p.label.slice(5)}
          </text>
        </g>
      ))}
    </svg>
  );
}

export function BarList({
  id,
  points,
  format = (p: Point) => String(p.value),
}: {
  id: string;
  points: Point[];
  format?: (p: Point) => string;
}) {
  const max = Math.max(1, ...points.map((p) => p.value));
  if (points.length === 0) return <Text color="grey60">No data in this period yet.</Text>;
  return (
    <svg data-chart={id} viewBox={`0 0 560 ${points.length * 28}`} width="100%" role="img" aria-label={id}>
      {points.map((p, i) => (
        <g key={`${p.label}-${i}`} transform={`translate(0, ${i * 28})`}>
          <rect x={0} y={4} width={(p.value / max) * 360} height={20} fill={COLORS.soft} rx={3} />
          <rect
            x={0}
            y={4}
            width={Math.max(2, (p.value / max) * 360)}
            height={20}
            fill={COLORS.bar}
            opacity={0.85}
            rx={3}
          />
          <text x={6} y={18} fontSize="11" fill="white">
            {p.value > 0 ? format(p) : ''}
          </text>
          <text x={370} y={18} fontSize="11" fill={COLORS.text}>
            {p.label.length > 34 ? `${p.label.slice(0, 33)}…` : p.label}
          </text>
        </g>
      ))}
    </svg>
  );
}
