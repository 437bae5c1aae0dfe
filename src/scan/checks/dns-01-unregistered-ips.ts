import { UNIT_FILING } from './cites';
import { defineCheck, PASS } from './define';

/** CNAME suffixes of CDNs common in China and abroad: their edge IPs are never registered. */
const CDN_CNAME = [
  'cdn.dnsv1.com', 'cdn.dnsv1.com.cn', 'dsa.dnsv1.com', 'kunlunca.com', 'kunlunar.com', 'kunlunsl.com', 'alikunlun.com',
  'alikunlun.net', 'w.cdngslb.com', 'w.kunlungr.com', 'cdn20.com', 'wscdns.com', 'wsglb0.com', 'chinacache.net',
  'ccgslb.com', 'ccgslb.net', 'qiniudns.com', 'bsgslb.cn', 'ksyuncdn.com', 'cdnhwc1.com', 'cdnhwc2.com', 'jomodns.com',
  'yunjiasu-cdn.net', 'bdydns.com', 'jiashule.com', 'akamaiedge.net', 'akamai.net', 'edgekey.net', 'edgesuite.net',
  'cloudfront.net', 'fastly.net', 'cdn.cloudflare.net', 'azureedge.net', 'volcdns.com', 'bytecdn.cn', 'ctdns.cn',
];

function behindCdn(cnames: readonly string[]): boolean {
  return cnames.some((c) => {
    const n = c.toLowerCase().replace(/\.$/, '');
    return CDN_CNAME.some((s) => n === s || n.endsWith(`.${s}`));
  });
}

/** DNS-01: A/AAAA addresses outside the registered IPs (info behind a known CDN); feeds inaccurate-filing statistics. */
export const unregisteredIps = defineCheck({
  id: 'DNS-01', version: 1, category: 'dns', must: true,
  title: { zh: '解析地址与备案IP不符', en: 'Resolved addresses differ from the registered IPs' },
  probes: [],
  results: {
    pass: PASS,
    unregistered_ip: { severity: 'low', points: 0, cites: UNIT_FILING },
    unregistered_ip_cdn: { severity: 'info', points: 0 },
  },
  analyze(ev) {
    const registered = new Set(ev.target.registered.ips.map((ip) => ip.toLowerCase()));
    const resolved = [...ev.dns.a, ...ev.dns.aaaa];
    if (registered.size === 0 || resolved.length === 0) return null;
    const outside = resolved.filter((ip) => !registered.has(ip.toLowerCase()));
    if (outside.length === 0) return { result: 'pass' };
    const cdn = behindCdn(ev.dns.cname);
    return {
      result: cdn ? 'unregistered_ip_cdn' : 'unregistered_ip', key: outside.slice().sort().join(','),
      detail: { outside, registered: [...registered], cname: ev.dns.cname },
      evidence: [{ kind: 'dns' }],
    };
  },
});
