import { html, redirect, text, type FarmHandler } from './http-kit';
import { ICP_NUMBER, PSB_NUMBER, footer } from './pages';

/** Generic benchmark sites `s00001.bench.test …` (spec §6): 85 % http, 5 % TLS, 5 % slow, 5 % failing. */

export const BENCH_DOMAIN = 'bench.test';

export type BenchKind = 'plain' | 'tls' | 'slow' | 'fail-500' | 'fail-reset';

export function benchHost(i: number): string {
  return `s${String(i).padStart(5, '0')}.${BENCH_DOMAIN}`;
}

/** Deterministic by index, so a bench run is repeatable: one in 20 of each special kind. */
export function benchKind(i: number): BenchKind {
  switch (i % 20) {
    case 0: return 'tls';
    case 1: return 'slow';
    case 2: return Math.floor(i / 20) % 2 === 0 ? 'fail-500' : 'fail-reset';
    default: return 'plain';
  }
}

/** 50–500 ms, spread by index. */
export function benchDelayMs(i: number): number {
  return 50 + ((i * 37) % 451);
}

const FILLER = '<p>本站提供企业介绍、产品展示与新闻资讯服务，欢迎访问。我们致力于为客户提供优质的服务与支持。</p>\n'.repeat(24);

function benchPage(host: string): string {
  return `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><title>${host} 官方网站</title></head>`
    + `<body><h1>${host}</h1>${FILLER}${footer(`<a href="https://beian.miit.gov.cn/">${ICP_NUMBER}</a>`, PSB_NUMBER)}</body></html>\n`;
}

export function benchHandler(i: number): FarmHandler {
  const kind = benchKind(i);
  const host = benchHost(i);
  const page = benchPage(host);
  const headers = { server: 'nginx', 'x-content-type-options': 'nosniff' };
  return (req) => {
    if (kind === 'fail-500') return html(500, '<h1>500 Internal Server Error</h1>', headers);
    if (kind === 'tls' && req.scheme === 'http') return redirect(301, `https://${host}${req.path}`);
    const delayMs = kind === 'slow' ? benchDelayMs(i) : 0;
    if (req.path === '/') return { ...html(200, page, headers), delayMs };
    if (req.path === '/robots.txt') return { ...text(200, 'User-agent: *\nDisallow:\n', headers), delayMs };
    return { ...html(404, '<h1>404 Not Found</h1>', headers), delayMs };
  };
}
