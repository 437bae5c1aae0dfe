import { useMemo } from 'react';
import type { MenuDef, PageDef } from './registry';
import { useCan } from './session';
import { pages } from '../routes';

export type MenuPage = PageDef & { menu: MenuDef };

/** Side-menu entries the session may open, in menu order (also the home page's quick links). */
export function useMenuPages(): MenuPage[] {
  const can = useCan();
  return useMemo(
    () => pages.filter((p): p is MenuPage => p.menu !== undefined && can(p.permission)).sort((a, b) => a.menu.order - b.menu.order),
    [can],
  );
}
