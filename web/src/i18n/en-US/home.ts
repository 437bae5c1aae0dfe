import type { home as zh } from '../zh-CN/home';

export const home: Record<keyof typeof zh, string> = {
  'home.greeting': 'Hello, {name}',
  'home.unit': 'Unit',
  'home.roles': 'Roles',
  'home.noRoles': 'Your account has no roles yet. Ask your security administrator.',
  'home.quickLinks': 'Quick links',
  'home.noLinks': 'Nothing available yet',
  'home.today': 'Today is {date}',
};
