import { FormGroup, FormMessage, Label, TextArea } from '@adminjs/design-system';
import type { BasePropertyProps } from 'adminjs';
import React, { useState } from 'react';

/**
 * A JSON column (jsonb) edited as JSON text. The server parses it again, so numbers, booleans,
 * nulls and nesting keep their types (the stock key-value editor sends every value as a string).
 * Parse errors are shown while typing; the server refuses invalid JSON too.
 */
export default function JsonEdit({ property, record, onChange }: BasePropertyProps) {
  const initial = (record?.params?.[property.path] as string | null | undefined) ?? '';
  const [text, setText] = useState(initial);
  const [problem, setProblem] = useState<string | null>(null);
  const serverError = record?.errors?.[property.path]?.message;

  const change = (value: string) => {
    setText(value);
    try {
      if (value.trim() !== '') JSON.parse(value);
      setProblem(null);
    } catch (e) {
      setProblem(e instanceof Error ? e.message : String(e));
    }
    onChange?.(property.path, value);
  };

  return (
    <FormGroup error={Boolean(problem || serverError)}>
      <Label htmlFor={property.path} required={property.isRequired}>
        {property.label}
      </Label>
      <TextArea
        id={property.path}
        name={property.path}
        rows={10}
        value={text}
        style={{ fontFamily: 'monospace', width: '100%' }}
        onChange={(e: React.ChangeEvent<HTMLTextAreaElement>) => change(e.target.value)}
      />
      <FormMessage>{problem ? `Not valid JSON: ${problem}` : serverError}</FormMessage>
    </FormGroup>
  );
}
