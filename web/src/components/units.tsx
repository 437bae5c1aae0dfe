import { useMemo, useState } from 'react';
import { useQuery } from '@tanstack/react-query';
import { Empty, Input, Skeleton, Tree, TreeSelect, type TreeSelectProps } from 'antd';
import { ApartmentOutlined } from '@ant-design/icons';
import { api } from './api';
import type { UnitView } from './types';
import { useT } from '../i18n';

export const unitsQueryKey = ['units'] as const;

/** The caller's unit subtree (GET /api/units), cached for the session. */
export function useUnits() {
  const query = useQuery({
    queryKey: unitsQueryKey,
    queryFn: ({ signal }) => api.get<{ items: UnitView[] }>('/api/units', undefined, signal),
    staleTime: 5 * 60_000,
    select: (d) => d.items,
  });
  const byId = useMemo(() => new Map((query.data ?? []).map((u) => [u.id, u])), [query.data]);
  return { ...query, units: query.data ?? [], byId };
}

export type UnitNode = { key: string; value: string; title: string; unit: UnitView; children: UnitNode[] };

/** Nests units by parentId; units whose parent is outside the subtree become roots. */
export function buildUnitTree(units: readonly UnitView[]): UnitNode[] {
  const nodes = new Map<string, UnitNode>();
  // Siblings in GB/T 2260 order (region code), then by name: stable and familiar to users.
  const sorted = [...units].sort((a, b) => a.regionCode.localeCompare(b.regionCode) || a.name.localeCompare(b.name, 'zh-CN'));
  for (const u of sorted) nodes.set(u.id, { key: u.id, value: u.id, title: u.name, unit: u, children: [] });
  const roots: UnitNode[] = [];
  for (const u of sorted) {
    const node = nodes.get(u.id)!;
    const parent = u.parentId ? nodes.get(u.parentId) : undefined;
    if (parent) parent.children.push(node);
    else roots.push(node);
  }
  return roots;
}

function filterTree(nodes: UnitNode[], text: string): UnitNode[] {
  if (!text) return nodes;
  const out: UnitNode[] = [];
  for (const n of nodes) {
    const children = filterTree(n.children, text);
    if (n.title.includes(text) || children.length > 0) out.push({ ...n, children });
  }
  return out;
}

/** The unit name for an id from the cached subtree (the id itself when unknown). */
export function useUnitName(): (id: string | null | undefined) => string {
  const { byId } = useUnits();
  return (id) => (id ? (byId.get(id)?.name ?? id) : '');
}

export type UnitTreeProps = {
  selectedId?: string | null;
  onSelect?: (unit: UnitView) => void;
  /** Shows a search box above the tree. */
  searchable?: boolean;
  height?: number;
};

/** The unit subtree as an antd Tree, expanded, with optional search. */
export function UnitTree({ selectedId, onSelect, searchable = true, height }: UnitTreeProps) {
  const t = useT();
  const { units, isPending } = useUnits();
  const [text, setText] = useState('');
  const tree = useMemo(() => filterTree(buildUnitTree(units), text.trim()), [units, text]);
  if (isPending) return <Skeleton active paragraph={{ rows: 6 }} />;
  return (
    <div>
      {searchable && (
        <Input.Search
          allowClear
          placeholder={t('units.tree.search')}
          aria-label={t('units.tree.search')}
          onChange={(e) => setText(e.target.value)}
          style={{ marginBottom: 8 }}
        />
      )}
      {tree.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('common.noData')} />
      ) : (
        <Tree<UnitNode>
          key={text /* re-expand when the filter changes */}
          treeData={tree}
          defaultExpandAll
          showIcon
          icon={<ApartmentOutlined />}
          blockNode
          height={height}
          selectedKeys={selectedId ? [selectedId] : []}
          onSelect={(_keys, info) => onSelect?.(info.node.unit)}
        />
      )}
    </div>
  );
}

/** A unit picker for forms and filters (value = unit id). */
export function UnitSelect(props: Omit<TreeSelectProps<string>, 'treeData'>) {
  const t = useT();
  const { units, isPending } = useUnits();
  const tree = useMemo(() => buildUnitTree(units), [units]);
  return (
    <TreeSelect<string>
      showSearch
      treeNodeFilterProp="title"
      treeDefaultExpandAll
      allowClear
      loading={isPending}
      placeholder={t('units.select.placeholder')}
      popupMatchSelectWidth={false}
      {...props}
      treeData={tree}
    />
  );
}
