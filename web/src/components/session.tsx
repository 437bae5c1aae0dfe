import { createContext, useCallback, useContext, type ReactNode } from 'react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Navigate, useLocation } from 'react-router-dom';
import { Button, Result } from 'antd';
import { isApiError, request, setCsrfToken } from './api';
import { FullPageSpin } from './loading';
import type { Permission, Session } from './types';
import { useT } from '../i18n';

export const sessionQueryKey = ['session'] as const;

/** The current session, or null when signed out (401). */
export async function fetchSession(): Promise<Session | null> {
  try {
    const session = await request<Session>('GET', '/api/auth/session', { noAuthRedirect: true });
    setCsrfToken(session.csrfToken);
    return session;
  } catch (err) {
    if (isApiError(err) && err.status === 401) {
      setCsrfToken(null);
      return null;
    }
    throw err;
  }
}

export function useSessionQuery() {
  return useQuery({ queryKey: sessionQueryKey, queryFn: fetchSession, staleTime: 5 * 60_000, retry: false });
}

/** Re-reads the session (after login, password change, TOTP enrolment). */
export function useRefreshSession(): () => Promise<void> {
  const qc = useQueryClient();
  return useCallback(async () => {
    await qc.invalidateQueries({ queryKey: sessionQueryKey });
  }, [qc]);
}

const SessionContext = createContext<Session | null>(null);

/** Gate for signed-in pages: a spinner while loading, the login page when signed out. */
export function RequireSession({ children }: { children: ReactNode }) {
  const t = useT();
  const query = useSessionQuery();
  const location = useLocation();
  if (query.isPending) return <FullPageSpin />;
  if (query.isError) {
    return (
      <Result
        status="warning"
        title={t('errors.NETWORK')}
        extra={<Button type="primary" onClick={() => void query.refetch()}>{t('common.retry')}</Button>}
      />
    );
  }
  if (!query.data) {
    const next = `${location.pathname}${location.search}`;
    return <Navigate to={next === '/' ? '/login' : `/login?next=${encodeURIComponent(next)}`} replace />;
  }
  return <SessionContext.Provider value={query.data}>{children}</SessionContext.Provider>;
}

/** The signed-in user's session; only inside RequireSession. */
export function useSession(): Session {
  const session = useContext(SessionContext);
  if (!session) throw new Error('useSession outside RequireSession');
  return session;
}

export type PermissionNeed = Permission | readonly Permission[] | undefined;

/** True when the session holds the permission (or any of a list; none needed when undefined). */
export function sessionCan(session: Session, need: PermissionNeed): boolean {
  if (need === undefined) return true;
  const list: readonly Permission[] = typeof need === 'string' ? [need] : need;
  return list.length === 0 || list.some((p) => session.permissions.includes(p));
}

export function useCan(): (need: PermissionNeed) => boolean {
  const session = useSession();
  return useCallback((need: PermissionNeed) => sessionCan(session, need), [session]);
}
