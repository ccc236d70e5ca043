import { Box, Label } from '@adminjs/design-system';
import type { BasePropertyProps } from 'adminjs';
import React from 'react';
import { Markdown } from './_markdown.js';

/** Markdown text rendered (headings, lists, code, emphasis, links). */
export default function MarkdownShow({ property, record, where }: BasePropertyProps) {
  const text = (record?.params?.[property.path] as string | null | undefined) ?? '';
  if (where === 'list') return <span>{text.length > 60 ? `${text.slice(0, 59)}…` : text}</span>;
  return (
    <Box mb="xl">
      <Label>{property.label}</Label>
      {text ? <Markdown text={text} /> : '—'}
    </Box>
  );
}
