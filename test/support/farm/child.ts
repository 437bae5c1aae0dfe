import { startFarm, type FarmOptions } from '../fixture-farm';

/** Entry of the farm's child process (startFarmProcess): options as argv JSON, control over IPC. */

async function main(): Promise<void> {
  const options = JSON.parse(process.argv[2] ?? '{}') as FarmOptions;
  const farm = await startFarm(options);
  process.on('message', (raw) => {
    const m = raw as { type: string; id: number };
    void (async () => {
      if (m.type === 'stats') process.send?.({ type: 'stats', id: m.id, stats: await farm.stats() });
      else if (m.type === 'reset-stats') {
        await farm.resetStats();
        process.send?.({ type: 'done', id: m.id });
      } else if (m.type === 'stop') {
        await farm.stop();
        process.send?.({ type: 'done', id: m.id }, () => process.exit(0));
      }
    })();
  });
  process.on('disconnect', () => {
    void farm.stop().finally(() => process.exit(0));
  });
  process.send?.({ type: 'ready', hosts: farm.hosts, rootCaPem: farm.rootCaPem, sites: farm.sites, benchSites: farm.benchSites });
}

main().catch((err: unknown) => {
  process.send?.({ type: 'error', message: err instanceof Error ? err.message : String(err) });
  process.exit(1);
});
