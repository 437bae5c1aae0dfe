import fs from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { DbHandle } from './db';

const migrationsDir = path.join(path.dirname(fileURLToPath(import.meta.url)), 'migrations');

export type MigrationResult = { applied: string[]; current: string | null };

/**
 * Applies pending numbered SQL files in order, each in its own transaction. Forward only: a
 * fix is the next file. Several processes may start at once (workers): the loser of a race
 * fails inside its transaction, sees the version recorded by the winner and moves on.
 */
export async function migrate(handle: DbHandle): Promise<MigrationResult> {
  const files = (await fs.readdir(migrationsDir)).filter((f) => /^\d{4}_[a-z0-9_]+\.sql$/.test(f)).sort();
  await handle.execScript(
    `CREATE TABLE IF NOT EXISTS schema_migrations (version text PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now())`,
  );
  const applied: string[] = [];
  {
    const done = new Set(
      (await handle.executeSql('SELECT version FROM schema_migrations')).rows.map((r) => String(r.version)),
    );
    for (const file of files) {
      const version = file.slice(0, -4);
      if (done.has(version)) continue;
      const body = await fs.readFile(path.join(migrationsDir, file), 'utf8');
      await handle.execScript(
        `BEGIN;\n${body}\n;INSERT INTO schema_migrations (version) VALUES ('${version}');\nCOMMIT;`,
      ).then(
        () => applied.push(version),
        async (err: unknown) => {
          const winner = await handle.executeSql('SELECT 1 FROM schema_migrations WHERE version = $1', [version]);
          if (winner.rows.length === 0) throw new Error(`migration ${file} failed: ${(err as Error).message}`);
        },
      );
    }
  }
  const last = files.at(-1);
  return { applied, current: last ? last.slice(0, -4) : null };
}
