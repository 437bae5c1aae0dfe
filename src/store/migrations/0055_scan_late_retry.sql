-- AVL-01's late retry (remote-detection.md §3.2, §3.4): a site unreachable on its first attempt
-- is not final. Its task goes back to `pending` with `retry_due_at` (first attempt's commit +
-- the retry delay, ≥ 5 min in production); claims skip it until then, so the existing claim
-- (FOR UPDATE SKIP LOCKED), sweep and cancel paths carry it, and a restarted worker still
-- retries it. `late_retry` keeps the first attempt: while waiting, its whole commit record
-- (`first`, so the first result can stand when the authorisation has closed); once final, a
-- summary { attempts, firstFinishedAt, firstResult, dueAt, retry: done | not_performed | cancelled }.
ALTER TABLE scan_tasks ADD COLUMN retry_due_at timestamptz;
ALTER TABLE scan_tasks ADD COLUMN late_retry jsonb;
CREATE INDEX scan_tasks_retry_wait ON scan_tasks (scan_id, retry_due_at) WHERE status = 'pending' AND retry_due_at IS NOT NULL;
