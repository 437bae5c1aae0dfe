import type { lists as zh } from '../zh-CN/lists';

/** Drill-down lists across inspections and entities: findings, penalties, MLPS systems. */
export const lists: Record<keyof typeof zh, string> = {
  'lists.unitNarrowed': 'Narrowed to the selected unit and below',
  'lists.clearUnit': 'Show the whole jurisdiction',

  'findings.title': 'Findings',
  'findings.subtitle': 'Violations, security risks and hidden dangers confirmed in inspections of the jurisdiction',
  'findings.col.entity': 'Inspected entity',
  'findings.col.description': 'Description',
  'findings.col.category': 'Category',
  'findings.col.severity': 'Severity',
  'findings.col.status': 'Rectification',
  'findings.col.createdAt': 'Confirmed at',
  'findings.col.inspection': 'Inspection',
  'findings.openInspection': 'Open inspection',
  'findings.filter.q': 'Entity or description',
  'findings.filter.period': 'Confirmed on',
  'findings.severity.H': 'High',
  'findings.severity.M': 'Medium',
  'findings.severity.L': 'Low',

  'penaltyList.title': 'Administrative penalties',
  'penaltyList.subtitle': 'Penalties in the jurisdiction; dates filter on the day of the decision',
  'penaltyList.col.measures': 'Measures',
  'penaltyList.col.decidedAt': 'Decided at',
  'penaltyList.filter.q': 'Entity or document number',
  'penaltyList.filter.measure': 'Measure',
  'penaltyList.filter.period': 'Decided on',
  'penaltyList.measure.fine': 'Fine',

  'mlpsList.title': 'MLPS systems',
  'mlpsList.subtitle': 'Graded systems of the entities in the jurisdiction and their filing',
  'mlpsList.col.entity': 'Entity',
  'mlpsList.filter.q': 'Entity, system or certificate',
  'mlpsList.filter.level': 'Level',
  'mlpsList.filter.minLevel': 'Minimum level',
  'mlpsList.filter.filedBy': 'Filed by',
  'mlpsList.minLevelN': 'Level {n} and above',
};
