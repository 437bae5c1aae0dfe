import { useEffect, useState } from 'react';
import { Navigate, useNavigate, useSearchParams } from 'react-router-dom';
import { useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Form, Input, Segmented, Typography } from 'antd';
import { CheckCircleFilled, LockOutlined, UserOutlined } from '@ant-design/icons';
import { ApiError, isApiError, request, setCsrfToken } from '../../components/api';
import { CodeInput } from '../../components/code-input';
import { errorMessage } from '../../components/errors';
import { FullPageSpin } from '../../components/loading';
import { Logo } from '../../components/logo';
import { fetchSession, sessionQueryKey, useSessionQuery } from '../../components/session';
import { useLocale, useT, type Locale } from '../../i18n';
import './login.css';

/** Only same-site paths: `?next=//evil.example` must not become an open redirect. */
function safeNext(next: string | null): string {
  return next && next.startsWith('/') && !next.startsWith('//') && !next.startsWith('/login') ? next : '/';
}

type Step = 'password' | 'totp';

/** Sign-in: username + password, then a TOTP code (or a recovery code) when the account has one. */
export function LoginPage() {
  const t = useT();
  const { locale, setLocale } = useLocale();
  const session = useSessionQuery();
  const [params] = useSearchParams();
  const next = safeNext(params.get('next'));
  const navigate = useNavigate();
  const qc = useQueryClient();
  const [step, setStep] = useState<Step>('password');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [useRecovery, setUseRecovery] = useState(false);
  const [totpForm] = Form.useForm<{ code?: string; recoveryCode?: string }>();
  const [passwordForm] = Form.useForm<{ username: string; password: string }>();

  // After a rejection, put the cursor back where the user must type again.
  useEffect(() => {
    if (!error) return;
    const id = step === 'password' ? 'password' : useRecovery ? 'recoveryCode' : 'code';
    const el = document.getElementById(id);
    if (el instanceof HTMLInputElement) el.focus();
  }, [error, step, useRecovery]);

  if (session.isPending) return <FullPageSpin />;
  if (session.data && !busy) return <Navigate to={next} replace />;

  const finish = async () => {
    qc.removeQueries();
    const s = await fetchSession();
    qc.setQueryData(sessionQueryKey, s);
    navigate(next, { replace: true });
  };

  const submitPassword = async (v: { username: string; password: string }) => {
    setBusy(true);
    setError(null);
    try {
      const r = await request<{ mfaRequired: boolean; csrfToken: string }>('POST', '/api/auth/login', { body: { username: v.username.trim(), password: v.password } });
      setCsrfToken(r.csrfToken);
      if (r.mfaRequired) {
        setStep('totp');
        setBusy(false);
      } else {
        await finish();
      }
    } catch (err) {
      passwordForm.setFieldValue('password', '');
      setError(isApiError(err, 'UNAUTHENTICATED') ? t('login.wrongCredentials') : errorMessage(t, err));
      setBusy(false);
    }
  };

  const submitTotp = async (v: { code?: string; recoveryCode?: string }) => {
    if (busy) return;
    setBusy(true);
    setError(null);
    try {
      const body = useRecovery ? { recoveryCode: (v.recoveryCode ?? '').trim() } : { code: v.code ?? '' };
      const r = await request<{ csrfToken: string }>('POST', '/api/auth/totp', { body });
      setCsrfToken(r.csrfToken);
      await finish();
    } catch (err) {
      setBusy(false);
      if (isApiError(err, 'UNAUTHENTICATED') && !(await stillPending())) {
        // The pending session expired or was ended after too many tries: start again.
        setStep('password');
        setError(t('totp.expired'));
        return;
      }
      totpForm.setFieldsValue({ code: '' });
      setError(isApiError(err, 'UNAUTHENTICATED') ? t(useRecovery ? 'totp.wrongRecovery' : 'totp.wrongCode') : errorMessage(t, err));
    }
  };

  const backToPassword = () => {
    setStep('password');
    setError(null);
    setUseRecovery(false);
  };

  return (
    <div className="login-page">
      <div className="login-lang">
        <Segmented<Locale>
          size="small"
          value={locale}
          onChange={setLocale}
          options={[{ label: '中文', value: 'zh-CN' }, { label: 'English', value: 'en-US' }]}
          aria-label="Language"
        />
      </div>
      <main className="login-card">
        <section className="login-brand" aria-hidden="true">
          <div className="login-brand-watermark"><Logo size={260} /></div>
          <div className="login-brand-title">
            <Logo size={44} />
            <div>
              <div className="login-brand-name">{t('app.name')}</div>
              <div className="login-brand-tagline">{t('app.tagline')}</div>
            </div>
          </div>
          <ul className="login-brand-points">
            {(['login.brandPoint1', 'login.brandPoint2', 'login.brandPoint3'] as const).map((k) => (
              <li key={k}><CheckCircleFilled /> {t(k)}</li>
            ))}
          </ul>
        </section>
        <section className="login-form">
          <div className="login-form-mobile-brand">
            <Logo size={32} />
            <span>{t('app.name')}</span>
          </div>
          {step === 'password' ? (
            <>
              <Typography.Title level={3} style={{ marginBottom: 4 }}>{t('login.title')}</Typography.Title>
              <Typography.Paragraph type="secondary">{t('login.subtitle')}</Typography.Paragraph>
              {params.get('loggedOut') && !error && <Alert type="success" showIcon title={t('account.loggedOut')} style={{ marginBottom: 16 }} />}
              {error && <Alert type="error" showIcon title={error} role="alert" style={{ marginBottom: 16 }} data-testid="login-error" />}
              <Form form={passwordForm} layout="vertical" requiredMark={false} onFinish={submitPassword} size="large" disabled={busy}>
                <Form.Item name="username" label={t('login.username')} rules={[{ required: true, whitespace: true, message: t('login.usernameRequired') }]}>
                  <Input prefix={<UserOutlined />} placeholder={t('login.usernamePlaceholder')} autoComplete="username" autoFocus autoCapitalize="none" spellCheck={false} />
                </Form.Item>
                <Form.Item name="password" label={t('login.password')} rules={[{ required: true, message: t('login.passwordRequired') }]}>
                  <Input.Password prefix={<LockOutlined />} placeholder={t('login.passwordPlaceholder')} autoComplete="current-password" />
                </Form.Item>
                <Button type="primary" htmlType="submit" block loading={busy}>{t('login.submit')}</Button>
              </Form>
            </>
          ) : (
            <>
              <Typography.Title level={3} style={{ marginBottom: 4 }}>{t('totp.title')}</Typography.Title>
              <Typography.Paragraph type="secondary">{useRecovery ? t('totp.recoveryPlaceholder') : t('totp.subtitle')}</Typography.Paragraph>
              {error && <Alert type="error" showIcon title={error} role="alert" style={{ marginBottom: 16 }} data-testid="login-error" />}
              <Form form={totpForm} layout="vertical" requiredMark={false} onFinish={submitTotp} size="large" disabled={busy}>
                {useRecovery ? (
                  <Form.Item name="recoveryCode" label={t('totp.recoveryCode')} rules={[{ required: true, whitespace: true, message: t('totp.recoveryRequired') }]}>
                    <Input autoFocus autoComplete="off" spellCheck={false} autoCapitalize="none" className="mono" />
                  </Form.Item>
                ) : (
                  <Form.Item name="code" label={t('totp.code')} rules={[{ required: true, pattern: /^\d{6}$/, message: t('totp.codeRequired') }]}>
                    <CodeInput autoFocus placeholder="······" onComplete={(code) => void submitTotp({ code })} />
                  </Form.Item>
                )}
                <Button type="primary" htmlType="submit" block loading={busy}>{t('totp.verify')}</Button>
              </Form>
              <div className="login-totp-links">
                <Button type="link" onClick={() => { setUseRecovery((r) => !r); setError(null); }}>
                  {useRecovery ? t('totp.useCode') : t('totp.useRecovery')}
                </Button>
                <Button type="link" onClick={backToPassword}>{t('totp.backToLogin')}</Button>
              </div>
            </>
          )}
          <Typography.Paragraph type="secondary" className="login-note">{t('login.securityNote')}</Typography.Paragraph>
        </section>
      </main>
    </div>
  );
}

/** After a rejected code: is the half-finished session still there (wrong code) or gone (expired, locked out)? */
async function stillPending(): Promise<boolean> {
  try {
    await request('GET', '/api/auth/session', { noAuthRedirect: true });
    return true;
  } catch (err) {
    return err instanceof ApiError && err.details.mfaRequired === true;
  }
}
