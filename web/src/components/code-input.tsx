import { Input, type InputProps } from 'antd';

/**
 * A one-field 6-digit code input: numeric keypad on tablets, paste-friendly, autofill as a
 * one-time code, and `onComplete` once six digits are in (so Enter is optional).
 */
export function CodeInput({ onComplete, onChange, value, ...rest }: Omit<InputProps, 'onChange' | 'value'> & {
  value?: string;
  onChange?: (value: string) => void;
  onComplete?: (code: string) => void;
}) {
  return (
    <Input
      {...rest}
      value={value}
      inputMode="numeric"
      autoComplete="one-time-code"
      maxLength={6}
      className="code-input"
      onChange={(e) => {
        const digits = e.target.value.replace(/\D/g, '').slice(0, 6);
        onChange?.(digits);
        if (digits.length === 6) onComplete?.(digits);
      }}
    />
  );
}
