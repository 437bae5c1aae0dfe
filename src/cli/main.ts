import { Command } from 'commander';
import { registerCoreCommands } from './commands/core';
import { registerRuleCommands } from './commands/rules';
import { registerRegistryCommands } from './commands/registry';
import { registerDocumentCommands } from './commands/documents';
import { registerScanCommands } from './commands/scans';
import { registerInspectionCommands } from './commands/inspections';
import { registerStatsCommands } from './commands/stats';

const program = new Command();
program.name('wangan').description('网安监督检查平台 — internet security supervision and inspection').version('0.1.0');
// Program options (--version) only before a subcommand: `wangan rules show O151 --version 2018.1` reaches `show`.
program.enablePositionalOptions();
registerCoreCommands(program);
registerRuleCommands(program);
registerRegistryCommands(program);
registerDocumentCommands(program);
registerScanCommands(program);
registerInspectionCommands(program);
registerStatsCommands(program);

program.parseAsync(process.argv).catch((err: unknown) => {
  const e = err as { code?: string; message?: string; details?: unknown };
  console.error(`error: ${e.code ? `[${e.code}] ` : ''}${e.message ?? String(err)}`);
  process.exit(1);
});
