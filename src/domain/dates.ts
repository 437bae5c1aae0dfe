// Calendar-day helpers live in src/lib (shared by rules, scan and domain); re-exported for use cases.
export * from '../lib/dates';
