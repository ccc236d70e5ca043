import { Box, FormGroup, FormMessage, Label, TextArea } from '@adminjs/design-system';
import type { BasePropertyProps } from 'adminjs';
import React, { useState } from 'react';
import { Markdown } from './_markdown.js';

/** Markdown text (a text class's content): a monospace editor with a live preview beside it. */
export default function MarkdownEdit({ property, record, onChange }: BasePropertyProps) {
  const [text, setText] = useState(
    ((record?.params?.[property.path] as string | null | undefined) ?? '') as string,
  );
  const error = record?.errors?.[property.path]?.message;
  return (
    <FormGroup error={Boolean(error)}>
      <Label htmlFor={property.path} required={property.isRequired}>
        {property.label} (Markdown)
      </Label>
      <Box style={{ display: 'grid', gridTemplateColumns: '1fr 1fr', gap: 16 }}>
        <TextArea
          id={property.path}
          name={property.path}
          rows={16}
          value={text}
          style={{ fontFamily: 'monospace', width: '100%' }}
          onChange={(e: React.ChangeEvent<HTMLTextAreaElement>) => {
            setText(e.target.value);
            onChange?.(property.path, e.target.value);
          }}
        />
        <Box
          p="md"
          style={{
            border: '1px solid #eee',
            borderRadius: 4,
            overflow: 'auto',
            maxHeight: 360,
          }}
        >
          <Markdown text={text} />
        </Box>
      </Box>
      <FormMessage>{error}</FormMessage>
    </FormGroup>
  );
}
