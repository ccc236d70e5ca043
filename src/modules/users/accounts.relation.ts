/**
 * The accounts, as a read-only SQL relation other modules may put in their own statements (analytics
 * reports join per-user figures to account creation in one query: thousands of users in one
 * statement instead of ids shipped out and back). Consumers may rely on these columns only:
 * - `user_id` text: the account's id (`users.id`)
 * - `created_at` timestamptz: when the account was created
 * Deleted accounts are not in it. Schema-qualified, so a temp table named `users` cannot stand in.
 */
export function accountsRelation(): string {
  return '(SELECT id AS user_id, created_at FROM public.users)';
}
