import { useEffect, useState } from 'react';

/** A PDF shown from a Blob through a blob: URL (the CSP allows frames from blob:), revoked on change. */
export function PdfFrame({ blob, title, height = 720 }: { blob: Blob; title: string; height?: number | string }) {
  const [url, setUrl] = useState<string | null>(null);
  useEffect(() => {
    const next = URL.createObjectURL(blob);
    setUrl(next);
    return () => URL.revokeObjectURL(next);
  }, [blob]);
  if (!url) return null;
  return <iframe src={url} title={title} style={{ width: '100%', height, border: '1px solid var(--ant-color-border, #d9d9d9)', borderRadius: 6, background: '#fff' }} />;
}
