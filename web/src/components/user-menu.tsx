import { Avatar, Button, Dropdown, Flex, Typography, type MenuProps } from 'antd';
import { CheckOutlined, DownOutlined, GlobalOutlined, KeyOutlined, LogoutOutlined, SafetyCertificateOutlined } from '@ant-design/icons';
import { useAccountDialogs, useLogout } from './account';
import { useSession } from './session';
import { useLocale, useT, type Locale } from '../i18n';

const localeNames: Record<Locale, string> = { 'zh-CN': '简体中文', 'en-US': 'English' };

/** The avatar menu in the header: who am I, password, TOTP, language, sign out. */
export function UserMenu() {
  const t = useT();
  const session = useSession();
  const { locale, setLocale } = useLocale();
  const dialogs = useAccountDialogs();
  const { user } = session;

  const logout = useLogout();

  const items: MenuProps['items'] = [
    {
      key: 'who',
      disabled: true,
      style: { cursor: 'default' },
      label: (
        <div style={{ padding: '4px 0' }}>
          <Typography.Text strong style={{ display: 'block' }}>{user.displayName}</Typography.Text>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {user.username} · {user.roles.map((r) => t.optional(`role.${r}`) ?? r).join('、') || t('users.noRoles')}
          </Typography.Text>
        </div>
      ),
    },
    { type: 'divider' },
    { key: 'password', icon: <KeyOutlined />, label: t('account.changePassword') },
    { key: 'totp', icon: <SafetyCertificateOutlined />, label: user.totpEnabled ? t('account.reenrolTotp') : t('account.enrolTotp') },
    {
      key: 'language',
      type: 'group',
      label: <span><GlobalOutlined /> {t('account.language')}</span>,
      children: (['zh-CN', 'en-US'] as const).map((l) => ({
        key: `lang:${l}`,
        label: localeNames[l],
        icon: <CheckOutlined style={{ visibility: l === locale ? 'visible' : 'hidden' }} />,
      })),
    },
    { type: 'divider' },
    { key: 'logout', icon: <LogoutOutlined />, label: t('account.logout'), danger: true },
  ];

  const onClick: MenuProps['onClick'] = ({ key }) => {
    if (key === 'password') dialogs.openChangePassword();
    else if (key === 'totp') dialogs.openEnrolTotp();
    else if (key === 'logout') void logout();
    else if (key.startsWith('lang:')) setLocale(key.slice(5) as Locale);
  };

  return (
    <Dropdown menu={{ items, onClick }} trigger={['click']} placement="bottomRight">
      <Button type="text" className="user-menu-button" aria-label={t('account.menu')} data-testid="user-menu">
        <Flex align="center" gap={8}>
          <Avatar size="small" style={{ backgroundColor: '#3b82f6' }}>{user.displayName.slice(0, 1)}</Avatar>
          <span className="user-menu-name">{user.displayName}</span>
          <DownOutlined style={{ fontSize: 10 }} />
        </Flex>
      </Button>
    </Dropdown>
  );
}
