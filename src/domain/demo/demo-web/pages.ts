import { mismatchedIcp, type DemoDefect } from './defects';

/**
 * HTML of the demo websites: a plain home page per entity with its name, and in the footer the
 * ICP number (linked to MIIT) and the public-security filing number (linked to beian.gov.cn),
 * as Chinese sites show them; plus the planted variants (defects.ts).
 */

export type DemoWebsite = {
  hostname: string;
  entityName: string;
  entityType: string;
  address: string;
  /** Registered numbers; a site without one shows none, like a site that never filed. */
  icpNumber: string | null;
  psbNumber: string | null;
  defect: DemoDefect | null;
};

const YEAR = new Date().getUTCFullYear();

const esc = (s: string) => s.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c] ?? c);

type Copy = { about: string; intro: string; items: readonly string[]; news: readonly string[] };

const COMPANY: Copy = {
  about: '公司简介',
  intro: '成立以来始终坚持诚信经营、客户至上的理念，依托专业团队为客户提供优质的产品与服务。我们重视网络与信息安全，严格落实各项管理制度，欢迎各界朋友来电咨询、洽谈合作。',
  items: ['产品与服务介绍', '客户案例展示', '售后服务与技术支持', '人才招聘'],
  news: ['我单位顺利通过年度质量管理体系复审', '关于调整客户服务热线工作时间的通知', '我单位开展网络安全宣传周活动'],
};

const COPY: Readonly<Record<string, Copy>> = {
  school: {
    about: '学校概况',
    intro: '坚持立德树人根本任务，秉承“明德、博学、笃行”的校训，持续深化教育教学改革，努力办好人民满意的教育。学校设施齐全、师资力量雄厚，欢迎社会各界关心和支持学校发展。',
    items: ['招生信息', '教学教研', '德育天地', '校园风采'],
    news: ['我校举行新学期开学典礼', '关于做好暑期学生安全教育工作的通知', '我校开展校园网络安全知识讲座'],
  },
  hospital: {
    about: '医院简介',
    intro: '是一所集医疗、教学、科研、预防保健于一体的综合性医院，开设内科、外科、妇产科、儿科等临床科室。医院坚持以病人为中心，持续改善医疗服务，为群众提供安全、便捷的就医体验。',
    items: ['就医指南', '科室介绍', '专家门诊', '健康科普'],
    news: ['我院开展“改善医疗服务”专题活动', '关于调整门诊预约挂号时间的通知', '我院举办健康知识进社区义诊活动'],
  },
  government: {
    about: '机构职能',
    intro: '坚持依法行政，深入推进政务公开和“放管服”改革，不断提升政务服务水平。网站提供政策法规、办事指南和互动交流等服务，欢迎社会公众监督和提出意见建议。',
    items: ['政务公开', '政策文件', '办事服务', '互动交流'],
    news: ['关于开展年度政务公开工作考核的通知', '我局召开全系统安全生产工作会议', '政务服务事项网上办理指南更新'],
  },
};

function footer(s: DemoWebsite): string {
  const icp = s.defect === 'icp-missing' || !s.icpNumber
    ? ''
    : `<a href="https://beian.miit.gov.cn/" target="_blank" rel="noopener">${esc(s.defect === 'icp-mismatch' ? mismatchedIcp(s.icpNumber) : s.icpNumber)}</a>`;
  const psbCode = s.psbNumber ? /(\d{14})/.exec(s.psbNumber)?.[1] ?? '' : '';
  const psb = s.psbNumber
    ? `<a href="http://www.beian.gov.cn/portal/registerSystemInfo?recordcode=${psbCode}" target="_blank" rel="noopener"><img src="/img/beian.png" alt="">${esc(s.psbNumber)}</a>`
    : '';
  return `<footer class="site-footer"><p>地址：${esc(s.address)}\u3000电话：0527-80000000</p>`
    + `<p>© 2015-${YEAR} ${esc(s.entityName)} 版权所有\u3000${icp}\u3000${psb}</p></footer>`;
}

/** Twelve gambling links in an off-screen block (暗链), to four hosts under the reserved .example TLD. */
const HIDDEN_LINKS = '<div style="position:absolute;left:-9999px;top:-9999px;overflow:hidden">'
  + ([
    ['www.dubo-a.example', '澳门赌场'], ['www.dubo-a.example', '真人百家乐'], ['www.dubo-a.example', '网上赌场'],
    ['www.dubo-b.example', '六合彩开奖'], ['www.dubo-b.example', '时时彩计划'], ['www.dubo-b.example', '体育投注'],
    ['www.dubo-c.example', '皇冠体育'], ['www.dubo-c.example', '线上娱乐城'], ['www.dubo-c.example', '开元棋牌'],
    ['www.dubo-d.example', '老虎机在线'], ['www.dubo-d.example', '网上赌球'], ['www.dubo-d.example', '葡京娱乐'],
  ] as const).map(([host, label], i) => `<a href="http://${host}/?id=${i + 1}">${label}</a>`).join(' ')
  + '</div>';

/** The home page of a demo website. */
export function homePage(s: DemoWebsite): string {
  const c = COPY[s.entityType] ?? COMPANY;
  const name = esc(s.entityName);
  const main = `<main>
<section><h2>${c.about}</h2><p>${name}${c.intro}</p></section>
<section><h2>栏目导航</h2><ul>${c.items.map((i) => `<li>${i}</li>`).join('')}</ul></section>
<section><h2>新闻动态</h2><ul>${c.news.map((n, i) => `<li><a href="/news/${i + 1}.html">${n}</a> <span>${YEAR}-0${3 - i}-1${i + 2}</span></li>`).join('\n')}</ul></section>
${s.defect === 'hidden-links' ? HIDDEN_LINKS : ''}</main>`;
  return `<!doctype html>\n<html lang="zh-CN"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">`
    + `<title>${name} - 官方网站</title><meta name="description" content="${name}官方网站"><link rel="stylesheet" href="/css/site.css"></head>\n`
    + `<body><header><h1 class="logo">${name}</h1><nav><a href="/">首页</a> <a href="/about.html">${c.about}</a> <a href="/news.html">新闻动态</a> <a href="/contact.html">联系我们</a></nav></header>\n`
    + `${main}\n${footer(s)}\n</body></html>\n`;
}

export const SITE_CSS = 'body{font-family:sans-serif;margin:0}header,main,footer{max-width:960px;margin:0 auto;padding:8px}.site-footer{color:#666;font-size:12px;text-align:center}\n';

export const ROBOTS_TXT = 'User-agent: *\nDisallow: /search\n';

export const NOT_FOUND_HTML = '<!doctype html><html><head><meta charset="utf-8"><title>404 Not Found</title></head>'
  + '<body><h1>404 Not Found</h1><p>您访问的页面不存在。</p><hr><p>nginx</p></body></html>\n';

export const GIT_HEAD = 'ref: refs/heads/master\n';
export const GIT_CONFIG = '[core]\n\trepositoryformatversion = 0\n\tfilemode = true\n\tbare = false\n\tlogallrefupdates = true\n'
  + '[remote "origin"]\n\turl = git@git.example:web/site.git\n\tfetch = +refs/heads/*:refs/remotes/origin/*\n';
