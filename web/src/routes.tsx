// The page registry. Each page is ONE line: path, lazy component, permission, optional menu
// entry. Keep lines grouped by module; menu position comes from `order` (see web/README.md),
// not from line order, so modules can add lines anywhere in their block.
import { ApartmentOutlined, AuditOutlined, HomeOutlined, TeamOutlined } from '@ant-design/icons';
import { lazyPage, type HomeWidgetDef, type PageDef } from './components/registry';
import { AimOutlined, BookOutlined } from '@ant-design/icons'; // rules module
import { IdcardOutlined, ShopOutlined } from '@ant-design/icons'; // registry module
import { FileProtectOutlined, SafetyCertificateOutlined } from '@ant-design/icons'; // documents module
import { AlertOutlined, FileSearchOutlined, ScheduleOutlined, SolutionOutlined, ToolOutlined } from '@ant-design/icons'; // inspections module
import { BarChartOutlined } from '@ant-design/icons'; // stats module
import { RadarChartOutlined } from '@ant-design/icons'; // scans module
import { FlagOutlined } from '@ant-design/icons'; // campaigns module

export const pages: PageDef[] = [
  // core: home and the three administrators (三员)
  { path: '/', page: lazyPage(() => import('./pages/home/home-page'), 'HomePage'), menu: { key: 'home', label: 'nav.home', icon: <HomeOutlined />, order: 10 } },
  { path: '/admin/users', page: lazyPage(() => import('./pages/admin/users-page'), 'UsersPage'), permission: ['user.manage', 'role.assign'], menu: { key: 'users', label: 'nav.users', icon: <TeamOutlined />, order: 90 } },
  { path: '/admin/units', page: lazyPage(() => import('./pages/admin/units-page'), 'UnitsPage'), permission: 'unit.manage', menu: { key: 'units', label: 'nav.units', icon: <ApartmentOutlined />, order: 91 } },
  { path: '/admin/audit', page: lazyPage(() => import('./pages/admin/audit-page'), 'AuditPage'), permission: 'audit.read', menu: { key: 'audit', label: 'nav.audit', icon: <AuditOutlined />, order: 93 } },

  // registry (监督对象)
  { path: '/entities', page: lazyPage(() => import('./pages/registry/entities-page'), 'EntitiesPage'), permission: 'entity.read', menu: { key: 'entities', label: 'nav.entities', icon: <ShopOutlined />, order: 20 } },
  { path: '/entities/new', page: lazyPage(() => import('./pages/registry/entity-form-page'), 'EntityFormPage'), permission: 'entity.write', activeMenu: 'entities' },
  { path: '/entities/import', page: lazyPage(() => import('./pages/registry/import-page'), 'ImportPage'), permission: 'entity.import', activeMenu: 'entities' },
  { path: '/entities/:entityId', page: lazyPage(() => import('./pages/registry/entity-page'), 'EntityPage'), permission: 'entity.read', activeMenu: 'entities' },
  { path: '/entities/:entityId/edit', page: lazyPage(() => import('./pages/registry/entity-form-page'), 'EntityFormPage'), permission: 'entity.write', activeMenu: 'entities' },
  { path: '/mlps', page: lazyPage(() => import('./pages/registry/mlps-page'), 'MlpsPage'), permission: 'entity.read', activeMenu: 'entities' },
  { path: '/filings', page: lazyPage(() => import('./pages/registry/filings-page'), 'FilingsPage'), permission: ['filing.review', 'filing.submit'], menu: { key: 'filings', label: 'nav.filings', icon: <IdcardOutlined />, order: 22 } },

  // rules (规则)
  { path: '/rules', page: lazyPage(() => import('./pages/rules/rule-sets-page'), 'RuleSetsPage'), permission: 'rules.read', menu: { key: 'rules', label: 'nav.rules', icon: <BookOutlined />, order: 80 } },
  { path: '/rules/compare', page: lazyPage(() => import('./pages/rules/compare-page'), 'RuleComparePage'), permission: 'rules.read', activeMenu: 'rules' },
  { path: '/focus', page: lazyPage(() => import('./pages/rules/focus-page'), 'FocusPage'), permission: 'focus.read', menu: { key: 'focus', label: 'nav.focus', icon: <AimOutlined />, order: 25 } },

  // inspections (检查, 整改, 审批, 法制审核)
  { path: '/inspections', page: lazyPage(() => import('./pages/inspections/inspections-page'), 'InspectionsPage'), permission: 'inspection.read', menu: { key: 'inspections', label: 'nav.inspections', icon: <FileSearchOutlined />, order: 30 } },
  { path: '/inspections/:inspectionId', page: lazyPage(() => import('./pages/inspections/inspection-page'), 'InspectionPage'), permission: ['inspection.read', 'record.sign'], activeMenu: 'inspections' },
  { path: '/inspections/:inspectionId/checklist', page: lazyPage(() => import('./pages/inspections/checklist-page'), 'ChecklistPage'), permission: 'inspection.record', activeMenu: 'inspections' },
  { path: '/findings', page: lazyPage(() => import('./pages/inspections/findings-page'), 'FindingsPage'), permission: 'inspection.read', activeMenu: 'inspections' },
  { path: '/penalties', page: lazyPage(() => import('./pages/inspections/penalties-page'), 'PenaltiesPage'), permission: 'inspection.read', activeMenu: 'escalation' },
  { path: '/plans', page: lazyPage(() => import('./pages/inspections/plans-page'), 'PlansPage'), permission: 'plan.create', menu: { key: 'plans', label: 'nav.plans', icon: <ScheduleOutlined />, order: 31 } },
  { path: '/rectification', page: lazyPage(() => import('./pages/inspections/rectification-board'), 'RectificationBoardPage'), permission: 'inspection.read', menu: { key: 'rectification', label: 'nav.rectification', icon: <ToolOutlined />, order: 50 } },
  { path: '/escalation', page: lazyPage(() => import('./pages/inspections/escalation-page'), 'EscalationPage'), permission: ['escalation.propose', 'escalation.approve', 'penalty.decide'], menu: { key: 'escalation', label: 'insp.esc.nav', icon: <AlertOutlined />, order: 55 } },
  { path: '/legal-review', page: lazyPage(() => import('./pages/inspections/escalation-page'), 'LegalReviewPage'), permission: 'penalty.review', menu: { key: 'legalReview', label: 'nav.legalReview', icon: <SolutionOutlined />, order: 70 } },

  // scans (远程检测)
  { path: '/scans', page: lazyPage(() => import('./pages/scans/scans-page'), 'ScansPage'), permission: 'scan.read', menu: { key: 'scans', label: 'nav.scans', icon: <RadarChartOutlined />, order: 40 } },
  { path: '/scans/:scanId', page: lazyPage(() => import('./pages/scans/scan-page'), 'ScanPage'), permission: 'scan.read', activeMenu: 'scans' },
  { path: '/scans/:scanId/sites/:siteId', page: lazyPage(() => import('./pages/scans/scan-site-page'), 'ScanSitePage'), permission: 'scan.read', activeMenu: 'scans' },
  { path: '/scan-authorisations', page: lazyPage(() => import('./pages/scans/authorisations-page'), 'AuthorisationsPage'), permission: 'scan.read', activeMenu: 'scans' },
  { path: '/agencies', page: lazyPage(() => import('./pages/scans/agencies-page'), 'AgenciesPage'), permission: ['scan.authorise', 'scan.approve'], activeMenu: 'scans' },

  // campaigns (专项行动)
  { path: '/campaigns', page: lazyPage(() => import('./pages/campaigns/campaigns-page'), 'CampaignsPage'), permission: 'campaign.read', menu: { key: 'campaigns', label: 'nav.campaigns', icon: <FlagOutlined />, order: 45 } },
  { path: '/campaigns/:campaignId', page: lazyPage(() => import('./pages/campaigns/campaign-page'), 'CampaignPage'), permission: 'campaign.read', activeMenu: 'campaigns' },

  // documents (文书)
  { path: '/documents', page: lazyPage(() => import('./pages/documents/documents-page'), 'DocumentsPage'), permission: 'document.read', menu: { key: 'documents', label: 'nav.documents', icon: <FileProtectOutlined />, order: 75 } },
  { path: '/documents/verify', page: lazyPage(() => import('./pages/documents/verify-page'), 'VerifyPage'), permission: ['document.read', 'inspection.read'], menu: { key: 'documentVerify', label: 'documents.nav.verify', icon: <SafetyCertificateOutlined />, order: 76 } },

  // stats (统计)
  { path: '/stats', page: lazyPage(() => import('./pages/stats/stats-page'), 'StatsPage'), permission: 'stats.read', menu: { key: 'stats', label: 'nav.stats', icon: <BarChartOutlined />, order: 80 } },
];

/** Cards on the home page (工作台), e.g. dashboards; ONE line each, like pages. */
export const homeWidgets: HomeWidgetDef[] = [
  { key: 'stats-dashboard', widget: lazyPage(() => import('./pages/stats/dashboard-widget'), 'DashboardWidget'), permission: 'stats.read', order: 10, span: 24 },
];
