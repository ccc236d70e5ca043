import { Box, Button, Label } from '@adminjs/design-system';
import { ViewHelpers, type BasePropertyProps } from 'adminjs';
import React from 'react';

const h = new ViewHelpers();

/** On a course's page: links to its modules, topics, classes and members, and to grant access. */
export default function CourseOutline({ record }: BasePropertyProps) {
  const id = record?.id;
  if (!id) return null;
  const filtered = (resourceId: string) =>
    h.resourceUrl({
      resourceId,
      search: `?filters.course=${encodeURIComponent(String(id))}`,
    });
  const links: [string, string][] = [
    ['Modules', filtered('modules')],
    ['Topics', filtered('topics')],
    ['Classes', filtered('classes')],
    ['Members', filtered('course_access')],
    [
      'Grant access…',
      h.recordActionUrl({
        resourceId: 'courses',
        recordId: String(id),
        actionName: 'grantAccess',
      }),
    ],
  ];
  return (
    <Box mb="xl" data-testid="course-outline">
      <Label>Contents and members</Label>
      <Box style={{ display: 'flex', gap: 8, flexWrap: 'wrap' }}>
        {links.map(([label, href]) => (
          <Button key={label} as="a" href={href} size="sm" variant="outlined">
            {label}
          </Button>
        ))}
      </Box>
    </Box>
  );
}
