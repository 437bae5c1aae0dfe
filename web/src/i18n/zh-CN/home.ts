/** 工作台 (home page). */
export const home = {
  'home.greeting': '{name}，您好',
  'home.unit': '所属单位',
  'home.roles': '角色',
  'home.noRoles': '您的账号尚未分配角色，请联系安全管理员。',
  'home.quickLinks': '常用功能',
  'home.noLinks': '暂无可用功能',
  'home.today': '今天是 {date}',
};
