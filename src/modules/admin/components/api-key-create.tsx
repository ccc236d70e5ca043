import { Box, Button, H3, Input, Label, Text } from '@adminjs/design-system';
import { ApiClient, useNotice, type ActionProps } from 'adminjs';
import React, { useState } from 'react';

const api = new ApiClient();

/** Makes an API key and shows it once (it is stored only as a hash: nobody can show it again). */
export default function ApiKeyCreate({ resource, action }: ActionProps) {
  const addNotice = useNotice();
  const [name, setName] = useState('');
  const [expiresInDays, setExpiresInDays] = useState('');
  const [made, setMade] = useState<{ key: string; prefix: string } | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async () => {
    setBusy(true);
    const data = new FormData();
    data.set('name', name);
    data.set('scopes', 'reports:read');
    data.set('expiresInDays', expiresInDays);
    try {
      const response = await api.resourceAction({
        resourceId: resource.id,
        actionName: action.name,
        method: 'post',
        data,
      });
      if (response.data.notice) addNotice(response.data.notice);
      if (response.data.apiKey) setMade(response.data.apiKey);
    } finally {
      setBusy(false);
    }
  };

  if (made)
    return (
      <Box variant="card" bg="white" p="xl">
        <H3>API key {made.prefix}…</H3>
        <Text mb="md">Copy it into the reporting job’s secrets now. It is shown only this once.</Text>
        <Input
          id="api-key"
          width="100%"
          readOnly
          value={made.key}
          onFocus={(e: React.FocusEvent<HTMLInputElement>) => e.target.select()}
        />
        <Text mt="md">Send it as “Authorization: Bearer &lt;key&gt;”. Scope: reports:read.</Text>
      </Box>
    );

  return (
    <Box variant="card" bg="white" p="xl">
      <H3>New API key (scope reports:read: the /analytics/reports routes, JSON and CSV)</H3>
      <Label htmlFor="api-key-name" required>
        Name (what uses it)
      </Label>
      <Input
        id="api-key-name"
        width="100%"
        value={name}
        onChange={(e: React.ChangeEvent<HTMLInputElement>) => setName(e.target.value)}
      />
      <Label htmlFor="api-key-days" mt="lg">
        Expires after (days; empty: never)
      </Label>
      <Input
        id="api-key-days"
        width="100%"
        value={expiresInDays}
        onChange={(e: React.ChangeEvent<HTMLInputElement>) => setExpiresInDays(e.target.value)}
      />
      <Box mt="xl">
        <Button variant="contained" disabled={busy || !name.trim()} onClick={submit}>
          Create key
        </Button>
      </Box>
    </Box>
  );
}
