import { Box, Button, H3, Input, Label, Text } from '@adminjs/design-system';
import { ApiClient, useNotice, type ActionProps, type RecordJSON } from 'adminjs';
import React, { useEffect, useState } from 'react';

const api = new ApiClient();

/** Grant or revoke a course's access for users picked by e-mail or name. */
export default function CourseAccessAction({ record, action }: ActionProps) {
  const grant = action.name === 'grantAccess';
  const addNotice = useNotice();
  const [query, setQuery] = useState('');
  const [found, setFound] = useState<RecordJSON[]>([]);
  const [picked, setPicked] = useState<RecordJSON[]>([]);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    const timer = setTimeout(() => {
      api.searchRecords({ resourceId: 'users', query }).then(setFound, () => setFound([]));
    }, 250);
    return () => clearTimeout(timer);
  }, [query]);

  const submit = async () => {
    if (!record) return;
    setBusy(true);
    const data = new FormData();
    data.set('userIds', picked.map((u) => u.id).join(','));
    try {
      const response = await api.recordAction({
        resourceId: 'courses',
        recordId: record.id,
        actionName: action.name,
        method: 'post',
        data,
      });
      if (response.data.notice) addNotice(response.data.notice);
      if (response.data.notice?.type !== 'error') setPicked([]);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Box variant="card" bg="white" p="xl">
      <H3>
        {grant ? 'Grant access to' : 'Revoke access to'} “{record?.title}”
      </H3>
      <Label htmlFor="user-search">Find users by e-mail or name</Label>
      <Input
        id="user-search"
        width="100%"
        value={query}
        onChange={(e: React.ChangeEvent<HTMLInputElement>) => setQuery(e.target.value)}
      />
      <Box my="lg">
        {found
          .filter((u) => !picked.some((p) => p.id === u.id))
          .slice(0, 10)
          .map((u) => (
            <Button
              key={u.id}
              size="sm"
              variant="text"
              mr="sm"
              mb="sm"
              onClick={() => setPicked([...picked, u])}
            >
              + {u.title}
            </Button>
          ))}
      </Box>
      <Text mb="sm">{picked.length ? `Picked (${picked.length}):` : 'Nobody picked yet.'}</Text>
      <Box mb="lg">
        {picked.map((u) => (
          <Button
            key={u.id}
            size="sm"
            variant="outlined"
            mr="sm"
            mb="sm"
            onClick={() => setPicked(picked.filter((p) => p.id !== u.id))}
          >
            {u.title} ✕
          </Button>
        ))}
      </Box>
      <Button
        variant={grant ? 'contained' : 'danger'}
        disabled={busy || picked.length === 0}
        onClick={submit}
      >
        {grant ? 'Grant access' : 'Revoke access'}
      </Button>
    </Box>
  );
}
