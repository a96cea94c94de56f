import { createContext } from 'preact';
import { useContext } from 'preact/hooks';

export type StaffRole = 'contributor' | 'author' | 'editor' | 'administrator';
export type Staff = { id: string; email: string; name: string; role: StaffRole; totp_enabled?: boolean };
export type Session = { staff: Staff; csrf_token: string; expires_at: string };

const ranks: StaffRole[] = ['contributor', 'author', 'editor', 'administrator'];

/** Whether the signed-in role is at least `role` (the UI hides what the services would refuse anyway). */
export const isAtLeast = (staff: Staff, role: StaffRole): boolean =>
  ranks.indexOf(staff.role) >= ranks.indexOf(role);

export type SessionState = { session: Session; signOut: () => Promise<void> };

export const SessionContext = createContext<SessionState | null>(null);

/** The signed-in staff member (screens render only inside a session). */
export function useSession(): SessionState {
  const state = useContext(SessionContext);
  if (!state) throw new Error('useSession outside a signed-in screen');
  return state;
}
