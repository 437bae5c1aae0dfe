import { lazy, type ComponentType, type LazyExoticComponent, type ReactNode } from 'react';
import type { MessageKey } from '../i18n';
import type { PermissionNeed } from './session';

export type MenuDef = {
  /** Unique menu key, e.g. 'entities'. */
  key: string;
  /** i18n key of the menu label ('nav.entities'); also the quick-link title on the home page. */
  label: MessageKey;
  icon?: ReactNode;
  /** Position in the side menu; see the table in web/README.md. */
  order: number;
};

export type PageDef = {
  /** Absolute route path, e.g. '/entities' or '/entities/:entityId'. */
  path: string;
  /** The page component, usually `lazyPage(() => import('./pages/x/y-page'), 'YPage')`. */
  page: ComponentType | LazyExoticComponent<ComponentType>;
  /** Needed to open the page and to see its menu item: one permission or any of a list. */
  permission?: PermissionNeed;
  /** Side-menu entry; omit for detail and form pages. */
  menu?: MenuDef;
  /** For pages without a menu entry: the menu key to highlight (a detail page → its list). */
  activeMenu?: string;
};

export type HomeWidgetDef = {
  key: string;
  widget: ComponentType | LazyExoticComponent<ComponentType>;
  permission?: PermissionNeed;
  order: number;
  /** Columns out of 24 on wide screens (full width below 992px). Default 12. */
  span?: number;
};

/** React.lazy for a named export: `lazyPage(() => import('./pages/admin/users-page'), 'UsersPage')`. */
export function lazyPage<K extends string>(load: () => Promise<Record<NoInfer<K>, ComponentType>>, name: K): LazyExoticComponent<ComponentType> {
  return lazy(async () => ({ default: (await load())[name] }));
}
