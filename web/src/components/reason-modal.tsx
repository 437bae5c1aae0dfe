import type { ReactNode } from 'react';
import { Alert, Form, Input, Modal } from 'antd';
import { useFormSubmit, type FieldMap } from './form-errors';
import { useT } from '../i18n';

export type ReasonModalProps<V extends object> = {
  open: boolean;
  title: ReactNode;
  /** Shown above the form: what happens and why a reason is needed. */
  description?: ReactNode;
  okText?: string;
  danger?: boolean;
  /** Extra form items above the reason (e.g. roles, a new password). */
  children?: ReactNode;
  initialValues?: Partial<V>;
  fieldMap?: FieldMap;
  /** Called with the form values and `reason`; the modal closes when it resolves, shows field errors when it rejects. */
  onSubmit: (values: V & { reason: string }) => Promise<unknown>;
  onClose: () => void;
};

/**
 * Actions that must say why (reveal personal data, disable an account, assign roles): a modal
 * with a required reason that goes to the audit log. Enter submits.
 */
export function ReasonModal<V extends object = object>(props: ReasonModalProps<V>) {
  const { open, title, description, okText, danger, children, initialValues, fieldMap, onSubmit, onClose } = props;
  const t = useT();
  const [form] = Form.useForm();
  const { busy, run } = useFormSubmit(form, fieldMap);
  const finish = (values: V & { reason: string }) => run(async () => {
    await onSubmit({ ...values, reason: values.reason.trim() });
    onClose();
  });

  return (
    <Modal
      open={open}
      title={title}
      okText={okText ?? t('common.ok')}
      cancelText={t('common.cancel')}
      okButtonProps={{ htmlType: 'submit', danger, loading: busy }}
      onCancel={onClose}
      destroyOnHidden
      mask={{ closable: !busy }}
      modalRender={(dom) => (
        <Form form={form} layout="vertical" requiredMark={false} initialValues={initialValues} onFinish={(v: V & { reason: string }) => void finish(v)} disabled={busy}>
          {dom}
        </Form>
      )}
    >
      {description && <Alert type={danger ? 'warning' : 'info'} showIcon title={description} style={{ marginBottom: 16 }} />}
      {children}
      <Form.Item
        name="reason"
        label={t('reason.label')}
        extra={t('reason.hint')}
        rules={[
          { required: true, whitespace: true, message: t('reason.required') },
          { min: 2, message: t('reason.tooShort') },
        ]}
      >
        <Input.TextArea autoSize={{ minRows: 2, maxRows: 5 }} maxLength={500} placeholder={t('reason.placeholder')} />
      </Form.Item>
    </Modal>
  );
}
