import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { App } from 'antd';
import { api } from '../../components/api';
import { useShowError } from '../../components/errors';
import { useT, type MessageKey } from '../../i18n';
import type { EntityView } from './types';

export const entityKey = (entityId: string) => ['entities', 'detail', entityId] as const;

export function useEntity(entityId: string) {
  return useQuery({ queryKey: entityKey(entityId), queryFn: ({ signal }) => api.get<EntityView>(`/api/entities/${entityId}`, undefined, signal) });
}

/** One of the entity's sub-lists: services, sites, mlps, history. */
export function useEntityItems<T>(entityId: string, part: 'services' | 'sites' | 'mlps' | 'history') {
  return useQuery({
    queryKey: [...entityKey(entityId), part],
    queryFn: ({ signal }) => api.get<{ items: T[] }>(`/api/entities/${entityId}/${part}`, undefined, signal),
    select: (d) => d.items,
  });
}

/** A mutation that refreshes the entity (and the list) and says so; errors go to `onError` or a toast. */
export function useEntityMutation<V>(entityId: string, fn: (v: V) => Promise<unknown>, done: MessageKey, onError?: (err: unknown) => void) {
  const t = useT();
  const qc = useQueryClient();
  const showError = useShowError();
  const { message } = App.useApp();
  return useMutation({
    mutationFn: fn,
    onSuccess: async () => {
      void message.success(t(done));
      await qc.invalidateQueries({ queryKey: ['entities'] });
      await qc.invalidateQueries({ queryKey: entityKey(entityId) });
    },
    onError: onError ?? showError,
  });
}
