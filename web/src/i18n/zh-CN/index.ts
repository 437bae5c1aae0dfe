// zh-CN is the source of keys: each module adds `<module>.ts` here and one spread below.
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

export const zhCN = {
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

export type MessageKey = keyof typeof zhCN;
