// One spread per module, as in ../zh-CN/index.ts; a module missing here fails the typecheck.
import type { MessageKey } from '../zh-CN';
import { common } from './common';
import { auth } from './auth';
import { admin } from './admin';
import { home } from './home';
import { rules } from './rules';
import { inspections } from './inspections';
import { registry } from './registry';
import { documents } from './documents';
import { stats } from './stats';
import { scans } from './scans';
import { lists } from './lists';
import { campaigns } from './campaigns';

export const enUS: Record<MessageKey, string> = {
  ...common,
  ...auth,
  ...admin,
  ...home,
  ...rules,
  ...inspections,
  ...registry,
  ...documents,
  ...stats,
  ...scans,
  ...lists,
  ...campaigns,
};
