import { createBrowserRouter, RouterProvider, type RouteObject } from 'react-router-dom';
import { AppLayout, type RouteHandle } from './components/app-layout';
import { ForbiddenPage, NotFoundPage } from './components/result-pages';
import { RequireSession, useCan, type PermissionNeed } from './components/session';
import type { PageDef } from './components/registry';
import { LoginPage } from './pages/login/login-page';
import { pages } from './routes';

function Guard({ need, page: Page }: { need: PermissionNeed; page: PageDef['page'] }) {
  const can = useCan();
  return can(need) ? <Page /> : <ForbiddenPage />;
}

function pageRoute(p: PageDef): RouteObject {
  const handle: RouteHandle = { menuKey: p.menu?.key ?? p.activeMenu };
  return { path: p.path, handle, element: <Guard need={p.permission} page={p.page} /> };
}

const router = createBrowserRouter([
  { path: '/login', element: <LoginPage /> },
  {
    element: (
      <RequireSession>
        <AppLayout />
      </RequireSession>
    ),
    children: [...pages.map(pageRoute), { path: '*', element: <NotFoundPage /> }],
  },
]);

export function AppRouter() {
  return <RouterProvider router={router} />;
}
