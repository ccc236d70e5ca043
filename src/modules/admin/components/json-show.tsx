import { Box, Label } from '@adminjs/design-system';
import type { BasePropertyProps } from 'adminjs';
import React from 'react';

/** A JSON column shown as indented JSON. */
export default function JsonShow({ property, record }: BasePropertyProps) {
  const value = record?.params?.[property.path] as string | null | undefined;
  return (
    <Box mb="xl">
      <Label>{property.label}</Label>
      <pre
        style={{
          fontFamily: 'monospace',
          fontSize: 12,
          whiteSpace: 'pre-wrap',
          margin: 0,
        }}
      >
        {value ?? '—'}
      </pre>
    </Box>
  );
}
