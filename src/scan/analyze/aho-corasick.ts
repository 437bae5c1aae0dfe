/** Aho–Corasick multi-pattern search over UTF-16 code units: one pass, all overlapping matches. */

type Node = { next: Map<number, number>; fail: number; out: number[] };

export type AcMatch = { pattern: number; start: number; end: number };

export type AhoCorasick = { patterns: readonly string[]; nodes: Node[] };

/** Builds the automaton; empty patterns are ignored. */
export function buildAhoCorasick(patterns: readonly string[]): AhoCorasick {
  const nodes: Node[] = [{ next: new Map(), fail: 0, out: [] }];
  patterns.forEach((p, idx) => {
    if (!p) return;
    let s = 0;
    for (let i = 0; i < p.length; i++) {
      const c = p.charCodeAt(i);
      const node = nodes[s] as Node;
      let t = node.next.get(c);
      if (t === undefined) {
        t = nodes.length;
        nodes.push({ next: new Map(), fail: 0, out: [] });
        node.next.set(c, t);
      }
      s = t;
    }
    (nodes[s] as Node).out.push(idx);
  });
  const queue: number[] = [];
  for (const t of (nodes[0] as Node).next.values()) queue.push(t);
  for (let qi = 0; qi < queue.length; qi++) {
    const s = queue[qi] as number;
    const node = nodes[s] as Node;
    for (const [c, t] of node.next) {
      queue.push(t);
      let f = node.fail;
      while (f !== 0 && !(nodes[f] as Node).next.has(c)) f = (nodes[f] as Node).fail;
      const target = (nodes[f] as Node).next.get(c);
      const fail = target !== undefined && target !== t ? target : 0;
      const child = nodes[t] as Node;
      child.fail = fail;
      child.out.push(...(nodes[fail] as Node).out);
    }
  }
  return { patterns, nodes };
}

/** All matches in text, in order of their end position. */
export function searchAll(ac: AhoCorasick, text: string, limit = 10_000): AcMatch[] {
  const out: AcMatch[] = [];
  let s = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    let node = ac.nodes[s] as Node;
    while (s !== 0 && !node.next.has(c)) {
      s = node.fail;
      node = ac.nodes[s] as Node;
    }
    s = node.next.get(c) ?? 0;
    for (const p of (ac.nodes[s] as Node).out) {
      const len = (ac.patterns[p] as string).length;
      out.push({ pattern: p, start: i + 1 - len, end: i + 1 });
      if (out.length >= limit) return out;
    }
  }
  return out;
}
