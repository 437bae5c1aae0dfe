import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  diffRuleSetVersions,
  focusForEntity,
  freezeChecklist,
  getRuleSetVersion,
  importRuleSet,
  listFocusEntities,
  listRuleSets,
  penaltyRangeAt,
  refreshFocusFlags,
  ZListFocusQuery,
  ZPenaltyRangeQuery,
  ZRefreshFocusBody,
  ZRuleItemFilter,
  ZVersionRef,
} from '../../domain/rules';
import { shanghaiDate } from '../../lib/dates';
import { ZCalendarDay, ZInspectionMode, ZInspectionType } from '../../rules';
import { actorOf } from '../context';
import {
  presentChecklist,
  presentDiff,
  presentEntityFocus,
  presentFocusList,
  presentHead,
  presentImport,
  ZChecklistView,
  ZEntityFocusView,
  ZFocusListView,
  ZImportResultView,
  ZPenaltyRangeView,
  ZRefreshFocusView,
  ZRuleSetDiffView,
  ZRuleSetListView,
  ZRuleSetVersionView,
} from '../presenters/rules';

const ZBoolQuery = z.enum(['true', 'false']).transform((v) => v === 'true');
const ZEntityParams = z.object({ entityId: z.uuid() });
const ZVersionParams = z.object({
  setId: z.string().regex(/^[A-Z][A-Z0-9]*$/),
  version: z.string().regex(/^\d{4}\.\d+(-[a-z0-9]+)?$/),
});

/** Rule sets (rules.read / rules.manage), focus entities (focus.read), checklists and penalty ranges. */
export const ruleRoutes: FastifyPluginAsyncZod = async (app) => {
  const deps = app.deps;
  const today = () => shanghaiDate(deps.now());

  app.get('/api/rule-sets', {
    schema: {
      tags: ['rules'],
      summary: 'Rule sets with their stored versions and the version governing asOf (default today)',
      querystring: z.object({ asOf: ZCalendarDay.optional() }),
      response: { 200: ZRuleSetListView },
    },
  }, async (req) => {
    const r = await listRuleSets(deps, actorOf(req), { asOf: req.query.asOf });
    return { ...r, sets: r.sets.map((s) => ({ ...s, versions: s.versions.map((v) => ({ ...v, importedAt: v.importedAt.toISOString() })) })) };
  });

  app.get('/api/rule-sets/diff', {
    schema: {
      tags: ['rules'],
      summary: 'Items, focus criteria and penalty topics added, removed or changed between two versions (a=O151@2018.1&b=O151@2018.2)',
      querystring: z.object({ a: ZVersionRef, b: ZVersionRef }),
      response: { 200: ZRuleSetDiffView },
    },
  }, async (req) => presentDiff(await diffRuleSetVersions(deps, actorOf(req), { a: req.query.a, b: req.query.b })));

  app.get('/api/rule-sets/:setId/versions/:version', {
    schema: {
      tags: ['rules'],
      summary: 'One stored version: header, items (filtered by the query) with citations, focus criteria, penalty topics',
      params: ZVersionParams,
      querystring: ZRuleItemFilter,
      response: { 200: ZRuleSetVersionView },
    },
  }, async (req) => {
    const r = await getRuleSetVersion(deps, actorOf(req), { setId: req.params.setId, version: req.params.version, filter: req.query });
    return {
      ...presentHead(r.head),
      ruleSet: r.file.ruleSet,
      items: r.items,
      itemTotal: r.file.items.length,
      focusCriteria: r.file.focusCriteria ?? [],
      topics: r.file.topics ?? {},
    };
  });

  app.post('/api/rule-sets/import', {
    schema: {
      tags: ['rules'],
      summary: 'Import a rule-set file (the JSON of src/rules/sets/*.json) as a new version; identical content is "unchanged"',
      body: z.record(z.string(), z.unknown()),
      response: { 200: ZImportResultView, 201: ZImportResultView },
    },
  }, async (req, reply) => {
    const r = await importRuleSet(deps, actorOf(req), req.body);
    return reply.status(r.status === 'created' ? 201 : 200).send(presentImport(r));
  });

  app.get('/api/entities/:entityId/focus', {
    schema: {
      tags: ['rules'],
      summary: 'Why this entity is a focus entity on asOf: criteria met, citations, triggering records',
      params: ZEntityParams,
      querystring: z.object({ asOf: ZCalendarDay.optional() }),
      response: { 200: ZEntityFocusView },
    },
  }, async (req) => presentEntityFocus(await focusForEntity(deps, actorOf(req), req.params.entityId, req.query.asOf ?? today())));

  app.get('/api/entities/:entityId/checklist', {
    schema: {
      tags: ['rules'],
      summary: 'Preview of the checklist an inspection would freeze: items in force on asOf with reasons and citations',
      params: ZEntityParams,
      querystring: z.object({
        asOf: ZCalendarDay.optional(),
        inspectionType: ZInspectionType.default('routine'),
        mode: ZInspectionMode.default('onSite'),
        majorSecurityTask: ZBoolQuery.optional(),
        includeDraft: ZBoolQuery.optional(),
      }),
      response: { 200: ZChecklistView },
    },
  }, async (req) =>
    presentChecklist(await freezeChecklist(deps, actorOf(req), { ...req.query, entityId: req.params.entityId, asOf: req.query.asOf ?? today() })));

  app.get('/api/focus', {
    schema: {
      tags: ['rules'],
      summary: 'Focus entities of a unit subtree on asOf with counts by reason (criterion id)',
      querystring: ZListFocusQuery,
      response: { 200: ZFocusListView },
    },
  }, async (req) => presentFocusList(await listFocusEntities(deps, actorOf(req), req.query)));

  app.post('/api/focus/refresh', {
    schema: {
      tags: ['rules'],
      summary: 'Recompute and store the focus reasons of the entities of a unit subtree (registry list filter)',
      body: ZRefreshFocusBody,
      response: { 200: ZRefreshFocusView },
    },
  }, async (req) => refreshFocusFlags(deps, actorOf(req), req.body));

  app.get('/api/penalty-range', {
    schema: {
      tags: ['rules'],
      summary: 'Article and fine range of a penalty topic in the law version in force on the violation date',
      querystring: ZPenaltyRangeQuery,
      response: { 200: ZPenaltyRangeView },
    },
  }, async (req) => penaltyRangeAt(deps, actorOf(req), req.query));
};
