import type { TableComments } from '../../infra/database/table-comments.js';

/**
 * What each of this module's tables and columns holds, for analysts: the ORM writes these as
 * PostgreSQL comments (Metabase shows them as descriptions). A change here needs a migration
 * (`npm run migration:create` picks it up); the schema test fails until there is one.
 */
export const USERS_TABLE_COMMENTS: TableComments = {
  users: {
    secretColumns: ['password_hash'],
    table:
      'Accounts (spec table 1): students, staff and admins; sign-in is by a one-time code sent to email.',
    columns: {
      id: 'Primary key (CUID-like text).',
      email: 'Unique e-mail address, lower-cased; the sign-in identity.',
      name: "User's full name, if given.",
      email_verified: 'When the address was proven (first successful code sign-in).',
      image: 'Profile image URL.',
      created_at: 'Account creation time (UTC).',
      updated_at: 'Last change to the row (UTC), kept by a trigger.',
      role: 'student, staff or admin (platform addition to the spec).',
      password_hash: 'Argon2 hash for the back office sign-in of staff; null for students. Never exported.',
    },
  },
};
