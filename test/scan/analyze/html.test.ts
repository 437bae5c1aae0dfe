import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parsePage, pageText } from '../../../src/scan/analyze/html';
import { decodeEntities } from '../../../src/scan/analyze/html-tokens';

const URL_ = 'https://www.example.cn/index.html';

test('title, metas, links, resources and text; scripts, styles and comments are not text', () => {
  const p = parsePage(
    '<html><head><title> 首页 &amp; 新闻 </title><meta name="Keywords" content="政务"><style>.a{color:red}</style>' +
    '<script>var x = "<a href=http://bad>";</script></head><body><!-- <a href="/c">comment</a> -->' +
    '<p>你好<a href="/news/1.html">新闻一</a></p><img src="http://cdn.example.com/a.png" alt="图片说明"></body></html>', URL_);
  assert.equal(p.title, '首页 & 新闻');
  assert.equal(p.metas[0]?.name, 'keywords');
  assert.deepEqual(p.links.map((l) => [l.url, l.text]), [['https://www.example.cn/news/1.html', '新闻一']]);
  assert.deepEqual(p.resources.map((r) => r.tag), ['img']);
  assert.equal(p.inlineScripts.length, 1);
  assert.equal(pageText(p, { includeHidden: true }), '你好 新闻一');
  assert.ok(p.segments.some((s) => s.fromAttr && s.text === '图片说明'));
});

test('hidden contexts: inline styles, class and id rules, hidden attribute, tiny marquee; inherited by descendants', () => {
  const p = parsePage(
    '<style>.x{display:none} #y { font-size: 0px } @media (max-width:600px){ .m{display:none} }</style>' +
    '<div style="position:absolute;left:-9999px"><span><a href="https://a.example/">a</a></span></div>' +
    '<div class="x other"><a href="https://b.example/">b</a></div>' +
    '<p id="y"><a href="https://c.example/">c</a></p>' +
    '<div hidden><a href="https://d.example/">d</a></div>' +
    '<marquee height="1" width="1"><a href="https://e.example/">e</a></marquee>' +
    '<div style="opacity:0"><a href="https://f.example/">f</a></div>' +
    '<div style="height:0;overflow:hidden"><a href="https://g.example/">g</a></div>' +
    '<div style="text-indent:-600px"><a href="https://h.example/">h</a></div>' +
    '<div class="m"><a href="https://shown1.example/">s1</a></div>' +
    '<div style="display:none;display:block"><a href="https://shown2.example/">s2</a></div>' +
    '<div class="x" style="display:block"><a href="https://shown3.example/">s3</a></div>' +
    '<a href="https://shown4.example/">s4</a>', URL_);
  const hidden = p.links.filter((l) => l.hidden).map((l) => l.text);
  const shown = p.links.filter((l) => !l.hidden).map((l) => l.text);
  assert.deepEqual(hidden, ['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h']);
  assert.deepEqual(shown, ['s1', 's2', 's3', 's4']);
});

test('links written by document.write (plain or escaped) count as hidden', () => {
  const p = parsePage(
    '<script>document.write("<a href=\\"https://x.example/\\">百家乐</a>");</script>' +
    "<script>document.write(unescape('%3Ca%20href%3D%22https%3A//y.example/%22%3E%E5%A8%B1%E4%B9%90%3C/a%3E'));</script>", URL_);
  assert.deepEqual(p.links.map((l) => [l.url, l.hidden, l.viaScript]), [
    ['https://x.example/', true, true],
    ['https://y.example/', true, true],
  ]);
  assert.equal(p.links[0]?.text, '百家乐');
});

test('footer context and the enclosing link are kept on text segments', () => {
  const p = parsePage('<div id="footer"><a href="https://beian.miit.gov.cn/">京ICP备12345678号</a></div><p>正文</p>', URL_);
  const seg = p.segments.find((s) => s.text.includes('ICP'));
  assert.equal(seg?.footer, true);
  assert.equal(seg?.href, 'https://beian.miit.gov.cn/');
  assert.equal(p.segments.find((s) => s.text === '正文')?.footer, false);
});

test('broken markup does not throw or run away', () => {
  const nasty = [
    '<div><p>unclosed <a href="/x">link <b>bold</div> after',
    '<<<>>> </ > <a href=> <img src=x alt="unterminated',
    '<script>never closed',
    '<!-- never closed',
    `${'<div>'.repeat(5000)}deep${'</div>'.repeat(5000)}`,
    '<a href="javascript:alert(1)">js</a><a href="mailto:a@b">m</a><a href="//cdn.example.com/x">proto</a>',
  ];
  for (const html of nasty) assert.doesNotThrow(() => parsePage(html, URL_));
  const deep = parsePage(nasty[4] ?? '', URL_);
  assert.equal(pageText(deep, { includeHidden: true }), 'deep');
  const links = parsePage(nasty[5] ?? '', URL_).links.map((l) => l.url);
  assert.deepEqual(links, [null, null, 'https://cdn.example.com/x']);
  const unclosed = parsePage(nasty[0] ?? '', URL_);
  assert.equal(pageText(unclosed, { includeHidden: true }), 'unclosed link bold after');
});

test('entities: named, decimal, hex; unknown names left alone', () => {
  assert.equal(decodeEntities('&lt;a&gt; &#20140;&#x4EAC; &nbsp;&copy; &bogus;'), '<a> 京京 \u00a0© &bogus;');
});

test('descendants undo visibility and font-size but never display:none; menus revealed on hover are not hidden', () => {
  const p = parsePage(
    '<style>.nav{font-size:0} .nav li{font-size:14px} .sub{display:none} .menu:hover .sub{display:block} .dark{font-size:0}</style>' +
    '<ul class="nav"><li><a href="https://a.example/">a</a></li></ul>' +
    '<div class="menu"><div class="sub"><a href="https://b.example/">b</a></div></div>' +
    '<div style="font-size:0"><a style="font-size:14px" href="https://c.example/">c</a></div>' +
    '<div style="visibility:hidden"><a style="visibility:visible" href="https://d.example/">d</a></div>' +
    '<div style="font-size:0"><a style="font-size:1.2em" href="https://e.example/">e</a></div>' +
    '<div style="display:none"><a style="display:block" href="https://f.example/">f</a></div>' +
    '<div class="dark"><a href="https://g.example/">g</a></div>', URL_);
  assert.deepEqual(p.links.filter((l) => l.hidden).map((l) => l.text), ['e', 'f', 'g']);
});
