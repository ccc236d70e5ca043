import type { CourseDef } from './course-def.js';
import { FULLSTACK_TYPESCRIPT } from './fullstack-typescript.js';
import { PYTHON_DATA_ANALYSIS } from './python-data-analysis.js';
import { SYSTEM_DESIGN_SENIOR } from './system-design-senior.js';
import { AWS_SOLUTIONS_ARCHITECT } from './aws-solutions-architect-associate.js';
import { SQL_FOR_ANALYSTS } from './sql-for-analysts.js';

/** The demo catalogue, in publication order. */
export const COURSES: readonly CourseDef[] = [
  FULLSTACK_TYPESCRIPT,
  PYTHON_DATA_ANALYSIS,
  SYSTEM_DESIGN_SENIOR,
  AWS_SOLUTIONS_ARCHITECT,
  SQL_FOR_ANALYSTS,
];
