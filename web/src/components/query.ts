import { QueryClient } from '@tanstack/react-query';
import { isApiError } from './api';

/** One client for the app: no retries on 4xx (they will not change), no refetch on focus (forms). */
export function createQueryClient(): QueryClient {
  return new QueryClient({
    defaultOptions: {
      queries: {
        staleTime: 30_000,
        refetchOnWindowFocus: false,
        retry: (count, err) => !(isApiError(err) && err.status >= 400 && err.status < 500) && count < 2,
      },
      mutations: { retry: false },
    },
  });
}
