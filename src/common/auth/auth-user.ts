export const ROLES = ['student', 'staff', 'admin'] as const;
export type Role = (typeof ROLES)[number];

/** The authenticated caller, as carried by a valid access token (set on `req.user` by the guard). */
export interface AuthUser {
  id: string;
  email: string;
  role: Role;
}

export const isStaff = (user: AuthUser | undefined): boolean =>
  user?.role === 'staff' || user?.role === 'admin';
