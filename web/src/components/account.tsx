import { createContext, useCallback, useContext, useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import { useMutation } from '@tanstack/react-query';
import { Alert, App, Button, Flex, Form, Input, Modal, Space, Spin, Steps, Typography } from 'antd';
import { CopyOutlined, DownloadOutlined, SafetyCertificateOutlined } from '@ant-design/icons';
import { api, isApiError, setCsrfToken } from './api';
import { CodeInput } from './code-input';
import { useShowError } from './errors';
import { useFormErrors } from './form-errors';
import { passwordRules } from './password';
import { useRefreshSession, useSession } from './session';
import { useT } from '../i18n';

/** Signs out, then reloads to the login page: the reload drops every cached answer of this user. */
export function useLogout(): () => Promise<void> {
  const showError = useShowError();
  return useCallback(async () => {
    try {
      await api.post('/api/auth/logout');
    } catch (err) {
      // Already signed out on the server is fine; anything else is worth saying.
      if (!isApiError(err, 'UNAUTHENTICATED')) showError(err);
    }
    setCsrfToken(null);
    location.assign('/login?loggedOut=1');
  }, [showError]);
}

type AccountDialogs = { openChangePassword: () => void; openEnrolTotp: () => void };
const AccountDialogsContext = createContext<AccountDialogs | null>(null);

/** Change-password and TOTP-enrolment dialogs, openable from the user menu and the home page. */
export function AccountDialogsProvider({ children }: { children: ReactNode }) {
  const session = useSession();
  const [dialog, setDialog] = useState<'password' | 'totp' | null>(null);
  const value = useMemo(() => ({ openChangePassword: () => setDialog('password'), openEnrolTotp: () => setDialog('totp') }), []);
  const forced = session.user.mustChangePassword;
  return (
    <AccountDialogsContext.Provider value={value}>
      {children}
      <ChangePasswordModal open={dialog === 'password' || forced} forced={forced} onClose={() => setDialog(null)} />
      {dialog === 'totp' && <EnrolTotpModal onClose={() => setDialog(null)} />}
    </AccountDialogsContext.Provider>
  );
}

export function useAccountDialogs(): AccountDialogs {
  const dialogs = useContext(AccountDialogsContext);
  if (!dialogs) throw new Error('AccountDialogsProvider missing');
  return dialogs;
}

type PasswordForm = { currentPassword: string; newPassword: string; confirm: string };

function ChangePasswordModal({ open, forced, onClose }: { open: boolean; forced: boolean; onClose: () => void }) {
  const t = useT();
  const session = useSession();
  const refresh = useRefreshSession();
  const { message } = App.useApp();
  const [form] = Form.useForm<PasswordForm>();
  const onError = useFormErrors(form, { password: 'newPassword' });
  const logout = useLogout();
  const change = useMutation({
    mutationFn: (v: PasswordForm) => api.post('/api/auth/password', { currentPassword: v.currentPassword, newPassword: v.newPassword }),
    onSuccess: async () => {
      void message.success(t('password.changed'));
      await refresh();
      onClose();
    },
    onError,
  });
  return (
    <Modal
      open={open}
      title={forced ? t('password.mustChangeTitle') : t('password.title')}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      okButtonProps={{ htmlType: 'submit', loading: change.isPending }}
      cancelButtonProps={{ style: forced ? { display: 'none' } : undefined }}
      footer={(buttons) => (
        <>
          {forced && <Button type="link" onClick={() => void logout()} style={{ float: 'inline-start', paddingInline: 0 }}>{t('account.logout')}</Button>}
          {buttons}
        </>
      )}
      closable={!forced}
      mask={{ closable: false }}
      keyboard={!forced}
      onCancel={onClose}
      destroyOnHidden
      modalRender={(dom) => (
        <Form form={form} layout="vertical" requiredMark={false} onFinish={(v) => change.mutate(v)}>
          {dom}
        </Form>
      )}
    >
      {forced && <Alert type="warning" showIcon title={t('password.mustChange')} style={{ marginBottom: 16 }} />}
      <Form.Item name="currentPassword" label={t('password.current')} rules={[{ required: true, message: t('password.required') }]}>
        <Input.Password autoComplete="current-password" autoFocus />
      </Form.Item>
      <Form.Item name="newPassword" label={t('password.new')} extra={t('password.rules')} rules={passwordRules(t, () => session.user.username)}>
        <Input.Password autoComplete="new-password" />
      </Form.Item>
      <Form.Item
        name="confirm"
        label={t('password.confirm')}
        dependencies={['newPassword']}
        rules={[
          { required: true, message: t('password.required') },
          ({ getFieldValue }) => ({
            validator: async (_r, v: unknown) => {
              if (v && v !== getFieldValue('newPassword')) throw new Error(t('password.mismatch'));
            },
          }),
        ]}
      >
        <Input.Password autoComplete="new-password" />
      </Form.Item>
    </Modal>
  );
}

type Enrolment = { secret: string; otpauthUrl: string; qrDataUrl: string };

function EnrolTotpModal({ onClose }: { onClose: () => void }) {
  const t = useT();
  const refresh = useRefreshSession();
  const showError = useShowError();
  const { message } = App.useApp();
  const [form] = Form.useForm<{ code: string }>();
  const onError = useFormErrors(form);
  const [enrolment, setEnrolment] = useState<Enrolment | null>(null);
  const [codes, setCodes] = useState<string[] | null>(null);
  const start = useMutation({
    mutationFn: () => api.post<Enrolment>('/api/auth/totp/enrol'),
    onSuccess: setEnrolment,
    onError: (err) => {
      showError(err);
      onClose();
    },
  });
  const confirm = useMutation({
    mutationFn: (code: string) => api.post<{ recoveryCodes: string[] }>('/api/auth/totp/confirm', { code }),
    onSuccess: async (r) => {
      setCodes(r.recoveryCodes);
      void message.success(t('enrol.done'));
      await refresh();
    },
    onError: (err) => {
      if (isApiError(err, 'VALIDATION_FAILED')) form.setFields([{ name: 'code', value: '', errors: [t('enrol.wrongCode')] }]);
      else onError(err);
    },
  });
  // Start once per opening: each start stores a new pending secret, so never twice (StrictMode).
  const started = useRef(false);
  const startMutate = start.mutate;
  useEffect(() => {
    if (started.current) return;
    started.current = true;
    startMutate();
  }, [startMutate]);
  const submit = useCallback((code: string) => {
    if (!confirm.isPending) confirm.mutate(code);
  }, [confirm]);

  const step = codes ? 2 : 1;
  const text = codes?.join('\n') ?? '';
  return (
    <Modal
      open
      width={560}
      title={<Space><SafetyCertificateOutlined />{t('enrol.title')}</Space>}
      onCancel={onClose}
      mask={{ closable: false }}
      closable={!codes}
      keyboard={!codes}
      footer={codes ? <Button type="primary" onClick={onClose}>{t('enrol.saved')}</Button> : null}
    >
      <Steps size="small" current={step} style={{ margin: '8px 0 24px' }} items={[{ title: t('enrol.step1') }, { title: t('enrol.step2') }, { title: t('enrol.step3') }]} />
      {!enrolment && !codes && <Flex justify="center" style={{ padding: 48 }}><Spin /></Flex>}
      {enrolment && !codes && (
        <Form form={form} layout="vertical" requiredMark={false} onFinish={({ code }) => submit(code)}>
          <Typography.Paragraph>{t('enrol.scan')}</Typography.Paragraph>
          <Flex justify="center">
            <img src={enrolment.qrDataUrl} alt={t('enrol.qrAlt')} width={200} height={200} style={{ border: '1px solid #e5e7eb', borderRadius: 8 }} />
          </Flex>
          <Typography.Paragraph type="secondary" style={{ marginTop: 12, textAlign: 'center' }}>
            {t('enrol.manual')}{' '}
            <Typography.Text code copyable={{ text: enrolment.secret }} data-testid="totp-secret">
              {enrolment.secret.replace(/(.{4})/g, '$1 ').trim()}
            </Typography.Text>
          </Typography.Paragraph>
          <Form.Item
            name="code"
            label={t('enrol.enterCode')}
            rules={[{ required: true, pattern: /^\d{6}$/, message: t('totp.codeRequired') }]}
          >
            <CodeInput autoFocus size="large" aria-label={t('totp.code')} onComplete={submit} />
          </Form.Item>
          <Button type="primary" htmlType="submit" block loading={confirm.isPending}>{t('enrol.confirm')}</Button>
        </Form>
      )}
      {codes && (
        <div>
          <Alert type="warning" showIcon title={t('enrol.recoveryIntro')} style={{ marginBottom: 16 }} />
          <ol className="recovery-codes" aria-label={t('totp.recoveryCode')}>
            {codes.map((c) => <li key={c}><Typography.Text code>{c}</Typography.Text></li>)}
          </ol>
          <Space>
            <Button icon={<CopyOutlined />} onClick={() => void navigator.clipboard?.writeText(text).then(() => message.success(t('common.copied')))}>
              {t('enrol.copyAll')}
            </Button>
            <Button icon={<DownloadOutlined />} href={`data:text/plain;charset=utf-8,${encodeURIComponent(text)}`} download="wangan-recovery-codes.txt">
              {t('enrol.downloadTxt')}
            </Button>
          </Space>
        </div>
      )}
    </Modal>
  );
}
