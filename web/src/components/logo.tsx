/** The product mark: a shield with a check, drawn inline (no extra request, sharp at any size). */
export function Logo({ size = 28 }: { size?: number }) {
  return (
    <svg width={size} height={size} viewBox="0 0 64 64" aria-hidden="true" focusable="false">
      <path d="M32 4 8 13v17c0 15 10 26 24 30 14-4 24-15 24-30V13z" fill="#60a5fa" />
      <path d="M32 10 14 17v13c0 11 7 20 18 24 11-4 18-13 18-24V17z" fill="#1d4ed8" />
      <path d="m22 32 7 7 14-15" fill="none" stroke="#fff" strokeWidth="5" strokeLinecap="round" strokeLinejoin="round" />
    </svg>
  );
}
