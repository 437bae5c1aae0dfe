import { notHtml, probeHit, startsWithHex } from '../analyze/probes';
import { expandProbePath, PROBES, type Capture } from '../evidence';
import { TECH } from './cites';
import { defineCheck, PASS } from './define';
import { statusRef } from './refs';

const MAGIC: [string, string][] = [
  ['zip', '504b0304'], ['zip', '504b0506'], ['rar', '526172211a07'], ['7z', '377abcaf271c'], ['gzip', '1f8b08'],
];
const SQL_DUMP = /^\s*(-- MySQL dump|-- MariaDB dump|-- phpMyAdmin SQL Dump|-- PostgreSQL database dump|-- Navicat|\/\*!40\d{3} SET|SET NAMES |DROP TABLE IF EXISTS|CREATE TABLE )/i;

/** Which archive or dump format a capture starts with, or null. */
export function backupFormat(c: Capture): string | null {
  for (const [name, hex] of MAGIC) if (startsWithHex(c, hex)) return name;
  return notHtml(c) && SQL_DUMP.test(c.body.slice(0, 512)) ? 'sql' : null;
}

/** EXP-04: a downloadable backup archive or database dump (first 512 bytes read). */
export const exposedBackups = defineCheck({
  id: 'EXP-04', version: 1, category: 'exposure', must: true,
  title: { zh: '网站备份文件泄露', en: 'Exposed backup archive' },
  probes: PROBES.backups,
  results: { pass: PASS, exposed: { severity: 'high', points: -40, cap: 'D', cites: TECH } },
  analyze(ev) {
    const hits = PROBES.backups.flatMap((p) => {
      const path = expandProbePath(p.path, ev.target.host);
      const v = probeHit(ev, path, (c) => backupFormat(c) !== null);
      return v ? [{ path, v, format: backupFormat(v.capture) ?? '' }] : [];
    });
    if (hits.length === 0) return { result: 'pass' };
    return {
      result: 'exposed', key: hits.map((h) => h.path).join(','),
      detail: { files: hits.map((h) => `${h.path} (${h.format})`) },
      evidence: hits.map((h) => statusRef(h.v.capture, h.v.ref)),
    };
  },
});
