import { homeOf, type PageView } from '../analyze/page';
import { randomProbeOf } from '../analyze/probes';
import { TECH } from './cites';
import { defineCheck, PASS } from './define';
import { bodyRefAt } from './refs';

const DEBUG: [string, RegExp][] = [
  ['python traceback', /Traceback \(most recent call last\):\s*\n\s*File "/],
  ['php fatal error', /<b>(Fatal error|Parse error|Warning|Notice)<\/b>:\s.{0,300}? in <b>[^<]+<\/b> on line <b>\d+<\/b>/],
  ['php fatal error', /PHP (Fatal error|Parse error):\s.{0,300}? in \/\S+ on line \d+/],
  ['sqlstate', /SQLSTATE\[[0-9A-Z]{5}\]/],
  ['java stack trace', /(java|javax|org\.springframework|org\.apache)\.[\w.$]+(Exception|Error)\b[\s\S]{0,400}?\n\s*at [\w.$]+\([\w]+\.java:\d+\)/],
  ['asp.net yellow screen', /Server Error in '[^']*' Application\.[\s\S]{0,4000}?(Stack Trace:|Source Error:)/],
  ['django debug', /You're seeing this error because you have <code>DEBUG = True<\/code>/],
  ['laravel debug', /Whoops, looks like something went wrong\.|Illuminate\\[\w\\]+Exception/],
  ['werkzeug debugger', /Werkzeug Debugger|The debugger caught an exception in your WSGI application/],
  ['thinkphp trace', /ThinkPHP\s*V?\d[\d.]*\s*\{[^}]*\}|think\\exception\\\w+/],
  ['node stack trace', /Error: [^\n]{0,200}\n\s+at [\w.<>]+ \((?:\/|[A-Z]:\\)[^)]+:\d+:\d+\)/],
];

function debugIn(view: PageView): { kind: string; re: RegExp } | null {
  const body = view.capture.body;
  for (const [kind, re] of DEBUG) if (re.test(body)) return { kind, re };
  return null;
}

/** LEK-02: tracebacks, PHP errors, SQLSTATE, framework debug pages on the home or random-probe page. */
export const debugOutput = defineCheck({
  id: 'LEK-02', version: 1, category: 'leakage', must: true,
  title: { zh: '调试信息泄露', en: 'Debug output exposed' },
  probes: [],
  results: { pass: PASS, debug_output: { severity: 'medium', points: -20, cites: TECH } },
  analyze(ev) {
    const pages = [homeOf(ev), randomProbeOf(ev)].filter((v): v is PageView => v !== null);
    if (pages.length === 0) return null;
    for (const view of pages) {
      const hit = debugIn(view);
      if (hit) {
        const where = 'walk' in view.ref ? 'home' : 'random_probe';
        return { result: 'debug_output', key: where, detail: { kind: hit.kind, where }, evidence: [bodyRefAt(view, hit.re)] };
      }
    }
    return { result: 'pass' };
  },
});
