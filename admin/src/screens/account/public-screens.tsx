import type { ComponentType } from 'preact';
import { ForgotPasswordScreen } from './forgot-password.tsx';
import { InvitationScreen } from './invitation.tsx';
import { ResetPasswordScreen } from './reset-password.tsx';

/** The screens that work signed out: the pages mailed links lead to, and asking for a reset link. */
const publicScreens: Record<string, ComponentType> = {
  '/invitation': InvitationScreen,
  '/reset-password': ResetPasswordScreen,
  '/forgot-password': ForgotPasswordScreen,
};

/**
 * The signed-out screen for an in-app path, or null for the screens behind the session gate.
 *
 * @example
 * publicScreenFor('/invitation') // InvitationScreen
 */
export const publicScreenFor = (path: string): ComponentType | null => publicScreens[path] ?? null;
