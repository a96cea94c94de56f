import type { StaffRole } from '../../session.tsx';

/** A staff account as `/api/admin/staff` shows it. */
export type StaffAccount = {
  id: string;
  email: string;
  name: string;
  role: StaffRole;
  is_pending: boolean;
  totp_enabled: boolean;
  disabled_at: string | null;
  created_at: string;
};

/** A byline as `/api/admin/people` shows it. */
export type Byline = {
  id: string;
  name: string;
  slug: string;
  bio: string;
  avatar_url: string | null;
  url: string;
};

export const staffRoles: StaffRole[] = ['contributor', 'author', 'editor', 'administrator'];
