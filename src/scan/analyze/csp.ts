/** Content-Security-Policy reading for HDR-02/03 and the strict-CSP bonus. */

export type Policy = Map<string, string[]>;

/** Parses one or more policies ("a; b, c; d" when several headers were joined). */
export function parsePolicies(value: string): Policy[] {
  return value.split(',').map((one) => {
    const p: Policy = new Map();
    for (const d of one.split(';')) {
      const [name, ...sources] = d.trim().split(/\s+/);
      if (name && !p.has(name.toLowerCase())) p.set(name.toLowerCase(), sources.map((s) => s.toLowerCase()));
    }
    return p;
  }).filter((p) => p.size > 0);
}

/** Unsafe script sources of a policy (spec §3.2 HDR-02); "no script policy" when none applies. */
export function unsafeScriptSources(p: Policy): string[] {
  const sources = p.get('script-src') ?? p.get('default-src');
  if (!sources) return ['no script policy'];
  const hasNonceOrHash = sources.some((s) => /^'(nonce-|sha256-|sha384-|sha512-)/.test(s)) || sources.includes("'strict-dynamic'");
  const bad: string[] = [];
  for (const s of sources) {
    if (s === "'unsafe-eval'" || s === '*' || s === 'http:' || s === 'data:') bad.push(s);
    else if (s === "'unsafe-inline'" && !hasNonceOrHash) bad.push(s);
  }
  return bad;
}

/** Strict: no unsafe script sources and object-src or default-src 'none'. */
export function isStrictPolicy(p: Policy): boolean {
  const none = (d: string): boolean => {
    const s = p.get(d);
    return s !== undefined && s.length === 1 && s[0] === "'none'";
  };
  return unsafeScriptSources(p).length === 0 && (none('object-src') || none('default-src'));
}
