import { useCallback, useMemo, useState } from 'react';
import { keepPreviousData, useQuery, type UseQueryResult } from '@tanstack/react-query';
import { useSearchParams } from 'react-router-dom';
import type { TablePaginationConfig } from 'antd';
import type { SorterResult, SortOrder } from 'antd/es/table/interface';
import { api, type Page, type Query } from './api';

export type Filters = Record<string, string | undefined>;
export type SortDir = 'asc' | 'desc';

export type ListQueryOptions<F extends Filters> = {
  /** Query-cache key and saved-filter storage key, e.g. 'users'. */
  key: string;
  /** The list endpoint returning `{items,total,limit,offset}`. */
  url: string;
  /** Filter names kept in the URL (values are strings; '' and undefined mean "not set"). */
  filterKeys: readonly (keyof F & string)[];
  /** Sent as sort/dir; omit for endpoints without sorting. */
  defaultSort?: { field: string; dir: SortDir };
  pageSize?: number;
  /** Turns URL filters into API query params (e.g. a day into a Shanghai instant). Default: as is. */
  toQuery?: (filters: Partial<F>) => Query;
  enabled?: boolean;
};

export type ListQuery<T, F extends Filters> = {
  key: string;
  filters: Partial<F>;
  setFilters: (next: Partial<F>) => void;
  resetFilters: () => void;
  page: number;
  pageSize: number;
  sort: { field: string; dir: SortDir } | undefined;
  query: UseQueryResult<Page<T>, Error>;
  items: T[];
  total: number;
  /** `{ sorter: true, sortOrder, key }` for a server-sorted column. */
  sortable: (field: string) => { key: string; sorter: true; sortOrder: SortOrder };
  /** Pass to antd Table onChange: page, size and sort into the URL. */
  onTableChange: (pagination: TablePaginationConfig, _filters: unknown, sorter: SorterResult<T> | SorterResult<T>[]) => void;
  pagination: TablePaginationConfig;
};

const PAGE = 'page';
const SIZE = 'size';
const SORT = 'sort';
const DIR = 'dir';

/**
 * Server-side pagination, sort and filters with the state in the URL (shareable, survives
 * reload and back): `?q=张&status=active&page=2&size=20&sort=createdAt&dir=desc`.
 */
export function useListQuery<T, F extends Filters = Filters>(opts: ListQueryOptions<F>): ListQuery<T, F> {
  const [params, setParams] = useSearchParams();
  const defaultSize = opts.pageSize ?? 20;
  const [fallbackSize] = useState(defaultSize);
  const filterKeys = opts.filterKeys;

  const filters = useMemo(() => {
    const out: Partial<F> = {};
    for (const k of filterKeys) {
      const v = params.get(k);
      if (v !== null && v !== '') (out as Filters)[k] = v;
    }
    return out;
  }, [params, filterKeys]);
  const page = Math.max(1, Number(params.get(PAGE)) || 1);
  const pageSize = Math.min(200, Math.max(1, Number(params.get(SIZE)) || fallbackSize));
  const sortField = params.get(SORT) ?? opts.defaultSort?.field;
  const dirParam = params.get(DIR);
  const sort = sortField ? { field: sortField, dir: (dirParam === 'asc' || dirParam === 'desc' ? dirParam : (opts.defaultSort?.dir ?? 'asc')) as SortDir } : undefined;

  const apiQuery: Query = {
    ...(opts.toQuery ? opts.toQuery(filters) : (filters as Query)),
    limit: pageSize,
    offset: (page - 1) * pageSize,
    ...(sort ? { sort: sort.field, dir: sort.dir } : {}),
  };
  const query = useQuery<Page<T>>({
    queryKey: [opts.key, 'list', apiQuery],
    queryFn: ({ signal }) => api.get<Page<T>>(opts.url, apiQuery, signal),
    placeholderData: keepPreviousData,
    enabled: opts.enabled ?? true,
  });

  const update = useCallback(
    (mutate: (p: URLSearchParams) => void) => {
      setParams((prev) => {
        const next = new URLSearchParams(prev);
        mutate(next);
        return next;
      }, { replace: false });
    },
    [setParams],
  );

  const setFilters = useCallback(
    (next: Partial<F>) =>
      update((p) => {
        for (const k of filterKeys) {
          const v = (next as Filters)[k];
          if (v === undefined || v === null || v === '') p.delete(k);
          else p.set(k, String(v));
        }
        p.delete(PAGE);
      }),
    [update, filterKeys],
  );
  const resetFilters = useCallback(() => update((p) => {
    for (const k of filterKeys) p.delete(k);
    p.delete(PAGE);
  }), [update, filterKeys]);

  const sortable = useCallback(
    (field: string) => ({
      key: field,
      sorter: true as const,
      sortOrder: (sort?.field === field ? (sort.dir === 'asc' ? 'ascend' : 'descend') : null) as SortOrder,
    }),
    [sort?.field, sort?.dir],
  );

  const onTableChange = useCallback(
    (pagination: TablePaginationConfig, _filters: unknown, sorter: SorterResult<T> | SorterResult<T>[]) => {
      const s = Array.isArray(sorter) ? sorter[0] : sorter;
      update((p) => {
        const size = pagination.pageSize ?? pageSize;
        const current = size !== pageSize ? 1 : (pagination.current ?? 1);
        if (current > 1) p.set(PAGE, String(current));
        else p.delete(PAGE);
        if (size !== defaultSize) p.set(SIZE, String(size));
        else p.delete(SIZE);
        const field = s?.columnKey !== undefined ? String(s.columnKey) : s?.field !== undefined ? String(s.field) : undefined;
        if (s?.order && field) {
          p.set(SORT, field);
          p.set(DIR, s.order === 'ascend' ? 'asc' : 'desc');
        } else if (s && !s.order && field) {
          p.delete(SORT);
          p.delete(DIR);
        }
      });
    },
    [update, pageSize, defaultSize],
  );

  const total = query.data?.total ?? 0;
  return {
    key: opts.key,
    filters,
    setFilters,
    resetFilters,
    page,
    pageSize,
    sort,
    query,
    items: query.data?.items ?? [],
    total,
    sortable,
    onTableChange,
    pagination: { current: page, pageSize, total, showSizeChanger: true, pageSizeOptions: [10, 20, 50, 100] },
  };
}

export type SavedFilter = { name: string; filters: Filters };

/** Named filter sets per list, in this browser's localStorage. */
export function useSavedFilters(key: string) {
  const storageKey = `wangan.filters.${key}`;
  const read = (): SavedFilter[] => {
    try {
      const raw = localStorage.getItem(storageKey);
      const parsed: unknown = raw ? JSON.parse(raw) : [];
      return Array.isArray(parsed) ? (parsed as SavedFilter[]).filter((s) => s && typeof s.name === 'string') : [];
    } catch {
      return [];
    }
  };
  const [saved, setSaved] = useState<SavedFilter[]>(read);
  const write = (next: SavedFilter[]) => {
    setSaved(next);
    try {
      localStorage.setItem(storageKey, JSON.stringify(next));
    } catch {
      // storage full or blocked: kept for this page only
    }
  };
  return {
    saved,
    save: (name: string, filters: Filters) => write([...saved.filter((s) => s.name !== name), { name, filters }]),
    remove: (name: string) => write(saved.filter((s) => s.name !== name)),
  };
}
