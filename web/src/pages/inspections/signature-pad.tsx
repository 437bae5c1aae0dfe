import { forwardRef, useCallback, useEffect, useImperativeHandle, useRef, useState } from 'react';
import { Button, Flex, Typography } from 'antd';
import { ClearOutlined } from '@ant-design/icons';
import { useT } from '../../i18n';

export type SignaturePadHandle = {
  /** The drawing as a PNG data URL, or null while nothing is drawn. */
  toDataUrl: () => string | null;
  clear: () => void;
};

/**
 * A handwriting pad for records signed on a tablet or with a mouse: pointer events (finger,
 * pen, mouse), device-pixel-ratio aware, exported as a PNG data URL with a transparent ground.
 */
export const SignaturePad = forwardRef<SignaturePadHandle, { height?: number; onChange?: (empty: boolean) => void }>(function SignaturePad({ height = 180, onChange }, ref) {
  const t = useT();
  const canvas = useRef<HTMLCanvasElement | null>(null);
  const drawing = useRef(false);
  const last = useRef<{ x: number; y: number } | null>(null);
  const [empty, setEmpty] = useState(true);

  const setup = useCallback(() => {
    const c = canvas.current;
    if (!c) return;
    const ratio = window.devicePixelRatio || 1;
    const rect = c.getBoundingClientRect();
    c.width = Math.max(1, Math.round(rect.width * ratio));
    c.height = Math.max(1, Math.round(rect.height * ratio));
    const ctx = c.getContext('2d');
    if (!ctx) return;
    ctx.setTransform(ratio, 0, 0, ratio, 0, 0);
    ctx.lineCap = 'round';
    ctx.lineJoin = 'round';
    ctx.strokeStyle = '#1f1f3d';
    ctx.lineWidth = 2.5;
  }, []);

  useEffect(() => {
    setup();
  }, [setup]);

  const mark = (isEmpty: boolean) => {
    setEmpty(isEmpty);
    onChange?.(isEmpty);
  };

  const point = (e: React.PointerEvent<HTMLCanvasElement>) => {
    const rect = e.currentTarget.getBoundingClientRect();
    return { x: e.clientX - rect.left, y: e.clientY - rect.top };
  };

  const clear = () => {
    const c = canvas.current;
    c?.getContext('2d')?.clearRect(0, 0, c.width, c.height);
    mark(true);
  };

  useImperativeHandle(ref, () => ({
    toDataUrl: () => (empty || !canvas.current ? null : canvas.current.toDataURL('image/png')),
    clear,
  }));

  return (
    <div>
      <canvas
        ref={canvas}
        aria-label={t('insp.sign.pad')}
        role="img"
        style={{ width: '100%', height, border: '1px dashed #bfbfbf', borderRadius: 8, touchAction: 'none', background: '#fff', cursor: 'crosshair' }}
        onPointerDown={(e) => {
          e.currentTarget.setPointerCapture(e.pointerId);
          drawing.current = true;
          last.current = point(e);
        }}
        onPointerMove={(e) => {
          if (!drawing.current || !last.current) return;
          const ctx = e.currentTarget.getContext('2d');
          const p = point(e);
          if (!ctx) return;
          ctx.lineWidth = e.pointerType === 'pen' ? 1.5 + 2.5 * (e.pressure || 0.5) : 2.5;
          ctx.beginPath();
          ctx.moveTo(last.current.x, last.current.y);
          ctx.lineTo(p.x, p.y);
          ctx.stroke();
          last.current = p;
          if (empty) mark(false);
        }}
        onPointerUp={() => {
          drawing.current = false;
          last.current = null;
        }}
        onPointerCancel={() => {
          drawing.current = false;
          last.current = null;
        }}
      />
      <Flex justify="space-between" align="center" style={{ marginTop: 8 }}>
        <Typography.Text type="secondary">{t('insp.sign.pad')}</Typography.Text>
        <Button icon={<ClearOutlined />} onClick={clear} disabled={empty}>{t('insp.sign.clear')}</Button>
      </Flex>
    </div>
  );
});
