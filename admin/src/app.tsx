import { Suspense } from 'preact/compat';
import { useCallback, useEffect, useState } from 'preact/hooks';
import { ApiError, api, onUnauthorised, setCsrfToken } from './api.ts';
import { describeError } from './components/errors.ts';
import { Notice } from './components/notice.tsx';
import { t } from './i18n.ts';
import { Layout } from './layout.tsx';
import { match, useLocation } from './router.tsx';
import { routes } from './routes.tsx';
import { publicScreenFor } from './screens/account/public-screens.tsx';
import { LoginScreen } from './screens/login.tsx';
import { type Session, SessionContext } from './session.tsx';

type State =
  | { kind: 'loading' }
  | { kind: 'signedOut'; notice?: string }
  | { kind: 'signedIn'; session: Session };

/** Asks for the session once; shows the sign-in screen without one, the newsroom with one. */
export function App() {
  const [state, setState] = useState<State>({ kind: 'loading' });
  const { path, query } = useLocation();

  const signIn = useCallback((session: Session) => {
    setCsrfToken(session.csrf_token);
    setState({ kind: 'signedIn', session });
  }, []);

  useEffect(() => {
    api<{ session: Session }>('GET', '/session')
      .then(({ session }) => signIn(session))
      .catch((error) =>
        setState(
          error instanceof ApiError && error.status === 401
            ? { kind: 'signedOut' }
            : { kind: 'signedOut', notice: describeError(error) },
        ),
      );
    return onUnauthorised(() => setState({ kind: 'signedOut', notice: t('common.sessionExpired') }));
  }, [signIn]);

  // The screen's heading names the page; focus moves to the content after each navigation —
  // unless a control inside the content still has it (the screen stayed, e.g. a new draft just got
  // its address while the writer is typing).
  useEffect(() => {
    const main = document.getElementById('main');
    if (main && document.activeElement !== main && main.contains(document.activeElement)) return;
    main?.focus({ preventScroll: true });
  }, [path]);

  // The pages of mailed links (and asking for one) work signed out, whatever the session.
  const PublicScreen = publicScreenFor(path);
  if (PublicScreen) return <PublicScreen />;
  if (state.kind === 'loading') return <p class="loading">{t('common.loading')}</p>;
  if (state.kind === 'signedOut')
    return (
      <>
        {state.notice ? <Notice kind="alert">{state.notice}</Notice> : null}
        <LoginScreen onSignedIn={signIn} />
      </>
    );

  const signOut = async () => {
    await api('DELETE', '/session').catch(() => undefined);
    setState({ kind: 'signedOut' });
  };
  let screen = <h1>{t('common.notFound')}</h1>;
  for (const [pattern, Screen] of routes) {
    const params = match(pattern, path);
    if (params) {
      screen = <Screen params={params} query={query} />;
      break;
    }
  }
  return (
    <SessionContext.Provider value={{ session: state.session, signOut }}>
      <Layout>
        <Suspense fallback={<p class="loading">{t('common.loading')}</p>}>{screen}</Suspense>
      </Layout>
    </SessionContext.Provider>
  );
}
