import { Box, Button, H2, Input, Label, Loader, MessageBox, Text } from '@adminjs/design-system';
import { ApiClient } from 'adminjs';
import React, { useEffect, useState } from 'react';
import type { RollupPageResponse } from '../rollup/rollup-page.js';
import { LedgerTable } from './_ledger-table.js';

const api = new ApiClient();
const today = () => new Date().toISOString().slice(0, 10);

/** Analytics rollup: the ledger's status, and (admins) "roll up these days now". */
export default function RollupPage() {
  const [state, setState] = useState<RollupPageResponse | null>(null);
  const [from, setFrom] = useState(today());
  const [to, setTo] = useState(today());
  const [busy, setBusy] = useState(false);

  const load = (method: 'get' | 'post') => {
    setBusy(true);
    api
      .getPage<RollupPageResponse>({
        pageName: 'analyticsRollup',
        method,
        data: method === 'post' ? { from, to } : undefined,
      })
      .then((response) => setState(response.data))
      .finally(() => setBusy(false));
  };
  useEffect(() => load('get'), []);

  if (!state) return <Loader />;
  const { ledger, ...rest } = (state.available ? state.status : undefined) ?? {};
  return (
    <Box variant="grey" p="xl">
      <H2>Analytics rollup</H2>
      {!state.available ? (
        <MessageBox message={state.message} variant="info" />
      ) : (
        <>
          {state.error ? <MessageBox mb="lg" message={state.error} variant="danger" /> : null}
          {state.canRun ? (
            <Box
              variant="card"
              bg="white"
              p="lg"
              mb="lg"
              style={{ display: 'flex', gap: 12, alignItems: 'flex-end' }}
            >
              <Box>
                <Label htmlFor="from">From (UTC day)</Label>
                <Input
                  id="from"
                  type="date"
                  value={from}
                  onChange={(e: React.ChangeEvent<HTMLInputElement>) => setFrom(e.target.value)}
                />
              </Box>
              <Box>
                <Label htmlFor="to">To</Label>
                <Input
                  id="to"
                  type="date"
                  value={to}
                  onChange={(e: React.ChangeEvent<HTMLInputElement>) => setTo(e.target.value)}
                />
              </Box>
              <Button variant="contained" disabled={busy} onClick={() => load('post')}>
                Run the rollup now
              </Button>
            </Box>
          ) : (
            <Text mb="lg">Only an admin runs the rollup.</Text>
          )}
          {state.ran ? <pre data-testid="rollup-result">{JSON.stringify(state.ran, null, 2)}</pre> : null}
          <Label>Ledger</Label>
          <LedgerTable days={Array.isArray(ledger) ? ledger : []} />
          <Label mt="lg">Partitions and sizes</Label>
          <pre style={{ fontSize: 12, background: 'white', padding: 12 }}>
            {JSON.stringify(rest, null, 2)}
          </pre>
        </>
      )}
    </Box>
  );
}
