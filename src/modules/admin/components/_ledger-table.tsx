import { Table, TableBody, TableCell, TableHead, TableRow, Text } from '@adminjs/design-system';
import React from 'react';

/** One ledger day as the rollup status reports it (analytics-rollup.ledger.ts `summary()`). */
interface LedgerDay {
  day?: string;
  done?: number;
  failed?: number;
  pending?: number;
  aggregate_rows?: number | string | null;
  duration_ms?: number | string | null;
  error?: string | null;
}

const statusOf = (d: LedgerDay): string =>
  d.failed ? 'failed' : d.pending ? 'pending' : d.done ? 'done' : '—';

const seconds = (ms: LedgerDay['duration_ms']): string =>
  ms === null || ms === undefined ? '—' : `${(Number(ms) / 1000).toFixed(1)} s`;

/** The rollup ledger as a table (newest day first) instead of a JSON dump of every day. */
export function LedgerTable({ days }: { days: LedgerDay[] }) {
  if (days.length === 0) return <Text>No day rolled up yet.</Text>;
  return (
    <Table data-testid="rollup-ledger" style={{ background: 'white' }}>
      <TableHead>
        <TableRow>
          <TableCell>Day</TableCell>
          <TableCell>Status</TableCell>
          <TableCell>Rows</TableCell>
          <TableCell>Duration</TableCell>
          <TableCell>Error</TableCell>
        </TableRow>
      </TableHead>
      <TableBody>
        {[...days].reverse().map((d) => (
          <TableRow key={d.day}>
            <TableCell>{d.day}</TableCell>
            <TableCell>{statusOf(d)}</TableCell>
            <TableCell>{d.aggregate_rows ?? 0}</TableCell>
            <TableCell>{seconds(d.duration_ms)}</TableCell>
            <TableCell>{d.error ?? ''}</TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}
