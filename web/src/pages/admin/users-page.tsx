import { useState, type ReactNode } from 'react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { App, Alert, Button, Checkbox, Form, Input, Modal, Select, Space, Tag, Tooltip, Typography, type TableColumnsType } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { api } from '../../components/api';
import { DateText } from '../../components/date-text';
import { useFormErrors } from '../../components/form-errors';
import { ListPage } from '../../components/list-page';
import { useListQuery } from '../../components/list-query';
import { generatePassword, passwordRules } from '../../components/password';
import { ReasonModal } from '../../components/reason-modal';
import { useCan, useSession } from '../../components/session';
import { StatusTag } from '../../components/status-tag';
import type { Role, UserView } from '../../components/types';
import { UnitSelect, useUnitName } from '../../components/units';
import { useT, type Translate } from '../../i18n';

type UserFilters = { q?: string; role?: string; unitId?: string; kind?: string; status?: string };

const staffRoles: Role[] = ['inspector', 'leader', 'legalReviewer', 'statistician', 'dutyOfficer', 'systemAdmin', 'securityAdmin', 'auditAdmin'];
const adminRoles: Role[] = ['systemAdmin', 'securityAdmin', 'auditAdmin'];
const allRoles: Role[] = [...staffRoles, 'portalUser', 'agencyStaff'];

type Dialog = { kind: 'roles' | 'status' | 'password'; user: UserView } | { kind: 'create' } | null;

/** 用户管理: the system admin creates, disables and resets accounts; the security admin assigns roles. */
export function UsersPage() {
  const t = useT();
  const can = useCan();
  const session = useSession();
  const unitName = useUnitName();
  const [dialog, setDialog] = useState<Dialog>(null);
  const list = useListQuery<UserView, UserFilters>({
    key: 'users',
    url: '/api/users',
    filterKeys: ['q', 'role', 'unitId', 'kind', 'status'],
    defaultSort: { field: 'username', dir: 'asc' },
  });
  const canManage = can('user.manage');
  const canAssign = can('role.assign');
  const now = Date.now();

  const columns: TableColumnsType<UserView> = [
    {
      title: t('users.col.user'),
      dataIndex: 'username',
      ...list.sortable('username'),
      render: (v: string, u) => (
        <div style={{ lineHeight: 1.4 }}>
          <div style={{ fontWeight: 500 }}>
            {u.displayName}
            {u.kind !== 'staff' && <Tag variant="filled" style={{ marginInlineStart: 6 }}>{t(`users.kind.${u.kind}`)}</Tag>}
          </div>
          <Typography.Text type="secondary" className="mono">{v}</Typography.Text>
        </div>
      ),
    },
    { title: t('users.col.unit'), dataIndex: 'unitId', render: (id: string) => unitName(id), ellipsis: true, width: 220 },
    {
      title: t('users.col.roles'),
      dataIndex: 'roles',
      render: (roles: Role[]) =>
        roles.length === 0 ? <Tag variant="filled">{t('users.noRoles')}</Tag>
        : <Space size={[4, 4]} wrap>{roles.map((r) => <Tag key={r} color={adminRoles.includes(r) ? 'purple' : 'blue'} variant="filled">{t.optional(`role.${r}`) ?? r}</Tag>)}</Space>,
    },
    {
      title: t('users.col.status'),
      dataIndex: 'status',
      render: (s: string, u) => (
        <Space size={4}>
          <StatusTag value={s} prefix="users.status" />
          {u.lockedUntil && Date.parse(u.lockedUntil) > now && <Tag color="error" variant="filled">{t('users.locked')}</Tag>}
        </Space>
      ),
    },
    { title: t('users.col.totp'), dataIndex: 'totpEnabled', render: (on: boolean) => <Tag color={on ? 'success' : 'default'} variant="filled">{on ? t('users.totp.on') : t('users.totp.off')}</Tag> },
    { title: t('users.col.createdAt'), dataIndex: 'createdAt', ...list.sortable('createdAt'), render: (v: string) => <DateText value={v} /> },
    {
      title: t('common.actions'),
      key: 'actions',
      fixed: 'right',
      render: (_v, u) => {
        const self = u.id === session.user.id;
        const wrap = (node: ReactNode) => (self ? <Tooltip title={t('users.self')}>{node}</Tooltip> : node);
        return (
          <Space size={0} wrap={false}>
            {canAssign && wrap(<Button type="link" size="small" disabled={self} onClick={() => setDialog({ kind: 'roles', user: u })}>{t('users.assignRoles')}</Button>)}
            {canManage && wrap(
              <Button type="link" size="small" danger={u.status === 'active'} disabled={self} onClick={() => setDialog({ kind: 'status', user: u })}>
                {u.status === 'active' ? t('users.disable') : t('users.enable')}
              </Button>,
            )}
            {canManage && <Button type="link" size="small" onClick={() => setDialog({ kind: 'password', user: u })}>{t('users.resetPassword')}</Button>}
          </Space>
        );
      },
    },
  ];

  return (
    <>
      <ListPage<UserView, UserFilters>
        title={t('users.title')}
        subtitle={t('users.subtitle')}
        list={list}
        rowKey="id"
        columns={columns}
        extra={canManage && <Button type="primary" icon={<PlusOutlined />} onClick={() => setDialog({ kind: 'create' })}>{t('users.create')}</Button>}
        filters={
          <>
            <Form.Item name="q" label={t('users.filter.q')}>
              <Input allowClear placeholder={t('users.filter.q')} style={{ width: 180 }} />
            </Form.Item>
            <Form.Item name="unitId" label={t('users.filter.unit')}>
              <UnitSelect style={{ width: 240 }} />
            </Form.Item>
            <Form.Item name="role" label={t('users.filter.role')}>
              <Select allowClear style={{ width: 150 }} placeholder={t('common.all')} options={allRoles.map((r) => ({ value: r, label: t.optional(`role.${r}`) ?? r }))} />
            </Form.Item>
            <Form.Item name="kind" label={t('users.filter.kind')}>
              <Select allowClear style={{ width: 140 }} placeholder={t('common.all')} options={(['staff', 'portal', 'agency'] as const).map((k) => ({ value: k, label: t(`users.kind.${k}`) }))} />
            </Form.Item>
            <Form.Item name="status" label={t('users.filter.status')}>
              <Select allowClear style={{ width: 110 }} placeholder={t('common.all')} options={(['active', 'disabled'] as const).map((s) => ({ value: s, label: t(`users.status.${s}`) }))} />
            </Form.Item>
          </>
        }
      />
      <CreateUserModal open={dialog?.kind === 'create'} onClose={() => setDialog(null)} />
      {dialog && dialog.kind !== 'create' && <UserActionModal dialog={dialog} onClose={() => setDialog(null)} />}
    </>
  );
}

function rolesProblem(t: Translate, roles: Role[]): string | null {
  const admins = roles.filter((r) => adminRoles.includes(r));
  return admins.length > 1 || (admins.length === 1 && roles.length > 1) ? t('users.rolesAdminConflict') : null;
}

function UserActionModal({ dialog, onClose }: { dialog: { kind: 'roles' | 'status' | 'password'; user: UserView }; onClose: () => void }) {
  const t = useT();
  const qc = useQueryClient();
  const { message } = App.useApp();
  const { user } = dialog;
  const done = async (text: string) => {
    void message.success(text);
    await qc.invalidateQueries({ queryKey: ['users'] });
  };

  if (dialog.kind === 'roles') {
    const choices = user.kind === 'staff' ? staffRoles : user.kind === 'portal' ? (['portalUser'] as Role[]) : (['agencyStaff'] as Role[]);
    return (
      <ReasonModal<{ roles: Role[] }>
        open
        title={t('users.assignRolesTitle', { name: user.displayName })}
        initialValues={{ roles: user.roles }}
        onClose={onClose}
        onSubmit={async ({ roles, reason }) => {
          await api.put(`/api/users/${user.id}/roles`, { roles, reason });
          await done(t('users.rolesAssigned'));
        }}
      >
        <Form.Item
          name="roles"
          label={t('users.rolesField')}
          extra={t('users.rolesHelp')}
          rules={[{ validator: async (_r, v: Role[] | undefined) => { const p = rolesProblem(t, v ?? []); if (p) throw new Error(p); } }]}
        >
          <Checkbox.Group style={{ display: 'grid', gridTemplateColumns: 'repeat(2, minmax(0, 1fr))', gap: 8 }}>
            {choices.map((r) => <Checkbox key={r} value={r}>{t.optional(`role.${r}`) ?? r}</Checkbox>)}
          </Checkbox.Group>
        </Form.Item>
      </ReasonModal>
    );
  }
  if (dialog.kind === 'status') {
    const disabling = user.status === 'active';
    return (
      <ReasonModal
        open
        danger={disabling}
        title={t(disabling ? 'users.disableTitle' : 'users.enableTitle', { name: user.displayName })}
        description={t(disabling ? 'users.disableHint' : 'users.enableHint')}
        okText={t(disabling ? 'users.disable' : 'users.enable')}
        onClose={onClose}
        onSubmit={async ({ reason }) => {
          await api.put(`/api/users/${user.id}/status`, { status: disabling ? 'disabled' : 'active', reason });
          await done(t('users.statusChanged'));
        }}
      />
    );
  }
  return (
    <ReasonModal<{ newPassword: string }>
      open
      danger
      title={t('users.resetPasswordTitle', { name: user.displayName })}
      description={t('users.resetPasswordHint')}
      okText={t('users.resetPassword')}
      initialValues={{ newPassword: generatePassword() }}
      fieldMap={{ password: 'newPassword' }}
      onClose={onClose}
      onSubmit={async ({ newPassword, reason }) => {
        await api.post(`/api/users/${user.id}/password-reset`, { newPassword, reason });
        await done(t('users.passwordReset'));
      }}
    >
      <Form.Item name="newPassword" label={t('users.newPassword')} extra={t('users.field.passwordHelp')} rules={passwordRules(t, () => user.username)}>
        <Input className="mono" autoComplete="off" spellCheck={false} />
      </Form.Item>
    </ReasonModal>
  );
}

type CreateForm = { username: string; displayName: string; unitId: string; credentialNumber?: string; password: string };

function CreateUserModal({ open, onClose }: { open: boolean; onClose: () => void }) {
  const t = useT();
  const qc = useQueryClient();
  const session = useSession();
  const { message } = App.useApp();
  const [form] = Form.useForm<CreateForm>();
  const onError = useFormErrors(form);
  const create = useMutation({
    mutationFn: (v: CreateForm) =>
      api.post<UserView>('/api/users', {
        username: v.username.trim().toLowerCase(),
        displayName: v.displayName.trim(),
        kind: 'staff',
        unitId: v.unitId,
        password: v.password,
        credentialNumber: v.credentialNumber?.trim() ? v.credentialNumber.trim() : null,
      }),
    onSuccess: async () => {
      void message.success(t('users.created'));
      await qc.invalidateQueries({ queryKey: ['users'] });
      onClose();
    },
    onError,
  });
  return (
    <Modal
      open={open}
      title={t('users.createTitle')}
      okText={t('common.create')}
      cancelText={t('common.cancel')}
      okButtonProps={{ htmlType: 'submit', loading: create.isPending }}
      onCancel={onClose}
      destroyOnHidden
      mask={{ closable: false }}
      width={560}
      modalRender={(dom) => (
        <Form form={form} layout="vertical" requiredMark initialValues={{ unitId: session.unit.id, password: generatePassword() }} onFinish={(v) => create.mutate(v)}>
          {dom}
        </Form>
      )}
    >
      <Alert type="info" showIcon title={t('users.rolesNote')} style={{ marginBottom: 16 }} />
      <Form.Item
        name="username"
        label={t('users.field.username')}
        extra={t('users.field.usernameHelp')}
        normalize={(v: string) => v.toLowerCase()}
        rules={[{ required: true, message: t('users.field.required') }, { pattern: /^[a-z0-9][a-z0-9_.-]{2,31}$/, message: t('users.field.usernameInvalid') }]}
      >
        <Input autoFocus autoComplete="off" spellCheck={false} autoCapitalize="none" />
      </Form.Item>
      <Form.Item name="displayName" label={t('users.field.displayName')} rules={[{ required: true, whitespace: true, message: t('users.field.required') }, { max: 50 }]}>
        <Input autoComplete="off" />
      </Form.Item>
      <Form.Item name="unitId" label={t('users.field.unit')} rules={[{ required: true, message: t('users.field.required') }]}>
        <UnitSelect allowClear={false} />
      </Form.Item>
      <Form.Item
        name="credentialNumber"
        label={t('users.field.credentialNumber')}
        extra={t('users.field.credentialHelp')}
        normalize={(v: string) => v.toUpperCase()}
        rules={[{ pattern: /^[0-9A-Z]{6,12}$/, message: t('users.field.credentialInvalid') }]}
      >
        <Input autoComplete="off" className="mono" />
      </Form.Item>
      <Form.Item label={t('users.field.password')} extra={t('users.field.passwordHelp')} required>
        <Space.Compact style={{ width: '100%' }}>
          <Form.Item name="password" noStyle rules={passwordRules(t, () => form.getFieldValue('username') as string | undefined)}>
            <Input className="mono" autoComplete="off" spellCheck={false} aria-label={t('users.field.password')} />
          </Form.Item>
          <Button onClick={() => form.setFieldValue('password', generatePassword())}>{t('common.generate')}</Button>
        </Space.Compact>
      </Form.Item>
    </Modal>
  );
}
