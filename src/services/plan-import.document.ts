import { isCalendarDay } from '../common/dates';
import { GoalStatus, IndicatorDirection, Level, ProjectIntentStatus, ReportingPeriod, RiskArea, SwotKind } from '../domain/enums';
import type { Text } from '../i18n/locale';
import { isCleanText } from '../security/input-hygiene';
import type { AddIndicatorCommand } from './plan.service';
import { PLAN_DOCUMENT_FORMAT, PLAN_DOCUMENT_VERSION } from './plan-export.service';

/**
 * Reading a plan's JSON document (what `exportPlan(format: JSON)` writes) for an import: every
 * value checked as the GraphQL inputs check it (lengths, plain text, calendar days, ranges, codes),
 * each problem named by its path in the document (`priorities[0].goals[1].title`).
 */

/** One problem of the document or of its import, by its path in the document. */
export interface PlanImportProblem {
  /** Where in the document, e.g. `priorities[0].goals[1].measures[0].indicators[0].guarantors[0].person`; `$` for the whole file. */
  path: string;
  code: string;
  /** The value found there, as text (cut to 200 characters), when it helps. */
  value: string | null;
  message: Text;
}

export interface ImportedGuarantor {
  path: string;
  municipality: string | null;
  person: string | null;
  organisation: string | null;
}

/** An indicator as `addIndicator` takes it, its guarantors by name and its values. */
export interface ImportedIndicator extends Omit<AddIndicatorCommand, 'measureId' | 'guarantorPersonIds' | 'guarantorOrganisationIds' | 'reportingPeriod'> {
  path: string;
  reportingPeriod: ReportingPeriod;
  guarantors: ImportedGuarantor[];
  values: Array<{ path: string; date: string; value: number; note: string | null }>;
}

export interface ImportedMeasure {
  path: string;
  /** The measure's id in the exporting area: what the document's project intents refer to. */
  ref: string | null;
  title: string;
  description: string | null;
  indicators: ImportedIndicator[];
}

export interface ImportedGoal {
  path: string;
  title: string;
  status: GoalStatus;
  statusComment: string | null;
  guarantors: ImportedGuarantor[];
  measures: ImportedMeasure[];
}

export interface ImportedIntent {
  path: string;
  title: string;
  measureRef: string | null;
  measureTitle: string | null;
  responsibleOrganisation: string;
  budgetCzk: number;
  fundingSources: string | null;
  startsOn: string;
  endsOn: string;
  status: ProjectIntentStatus;
  monitoringNote: string | null;
}

/** A plan document as read: what the import creates. */
export interface ImportedPlan {
  title: string;
  yearFrom: number;
  yearTo: number;
  priorities: Array<{ path: string; title: string; goals: ImportedGoal[] }>;
  swot: Array<{ path: string; kind: SwotKind; text: string }>;
  solutionVariants: Array<{ path: string; title: string; description: string | null; chosen: boolean }>;
  actionPlans: Array<{ path: string; year: number; intents: ImportedIntent[] }>;
  risks: Array<{ path: string; riskArea: RiskArea; description: string; probability: number; impact: number; mitigation: string | null; owner: string | null; reviewDate: string | null }>;
  stakeholders: Array<{ path: string; name: string; description: string | null; influence: Level; interest: Level }>;
}

type Json = Record<string, unknown>;

/** A found value as short text: never walks into a list or an object (a document may nest them thousands deep). */
const shown = (value: unknown): string | null => {
  if (value === undefined) return null;
  const text = Array.isArray(value) ? '[…]' : value !== null && typeof value === 'object' ? '{…}' : typeof value === 'string' ? value : JSON.stringify(value);
  return text.length > 200 ? `${text.slice(0, 200)}…` : text;
};

/** Reads values off the document, noting each problem; a value with a problem reads as null. */
class DocumentReader {
  readonly problems: PlanImportProblem[] = [];

  problem(path: string, code: string, value: unknown, message: Text): null {
    this.problems.push({ path, code, value: shown(value), message });
    return null;
  }

  object(value: unknown, path: string): Json | null {
    if (value !== null && typeof value === 'object' && !Array.isArray(value)) return value as Json;
    return this.problem(path, 'NOT_AN_OBJECT', value, { cs: 'Očekáván objekt { … }.', en: 'An object { … } was expected.' });
  }

  /** A list; absent or null reads as empty. */
  list(o: Json, key: string, path: string, max = 1_000): unknown[] {
    const value = o[key];
    if (value === undefined || value === null) return [];
    if (!Array.isArray(value)) {
      this.problem(`${path}.${key}`, 'NOT_A_LIST', value, { cs: 'Očekáván seznam [ … ].', en: 'A list [ … ] was expected.' });
      return [];
    }
    if (value.length > max) {
      this.problem(`${path}.${key}`, 'TOO_MANY', value.length, { cs: `Nejvýše ${max} položek.`, en: `At most ${max} items.` });
      return [];
    }
    return value;
  }

  text(o: Json, key: string, path: string, max: number, optional = false): string | null {
    const value = o[key];
    const at = `${path}.${key}`;
    if (value === undefined || value === null || value === '') {
      return optional ? null : this.problem(at, 'MISSING', value, { cs: 'Chybí hodnota.', en: 'The value is missing.' });
    }
    if (typeof value !== 'string') return this.problem(at, 'NOT_TEXT', value, { cs: 'Očekáván text.', en: 'Text was expected.' });
    if (value.length > max) return this.problem(at, 'TOO_LONG', value, { cs: `Nejvýše ${max} znaků.`, en: `At most ${max} characters.` });
    if (!value.trim() || !isCleanText(value)) {
      return this.problem(at, 'NOT_PLAIN_TEXT', value, { cs: 'Text bez řídicích znaků, ne jen mezery.', en: 'Plain text without control characters, not only spaces.' });
    }
    return value;
  }

  number(o: Json, key: string, path: string, range: { min?: number; max?: number; integer?: boolean } = {}): number | null {
    const value = o[key];
    const at = `${path}.${key}`;
    if (typeof value !== 'number' || !Number.isFinite(value) || (range.integer && !Number.isInteger(value))) {
      return this.problem(at, 'NOT_A_NUMBER', value, range.integer ? { cs: 'Očekáváno celé číslo.', en: 'A whole number was expected.' } : { cs: 'Očekáváno číslo.', en: 'A number was expected.' });
    }
    if ((range.min !== undefined && value < range.min) || (range.max !== undefined && value > range.max)) {
      return this.problem(at, 'OUT_OF_RANGE', value, { cs: `Číslo od ${range.min ?? '−∞'} do ${range.max ?? '∞'}.`, en: `A number from ${range.min ?? '−∞'} to ${range.max ?? '∞'}.` });
    }
    return value;
  }

  day(o: Json, key: string, path: string, optional = false): string | null {
    const value = o[key];
    if (optional && (value === undefined || value === null)) return null;
    if (typeof value === 'string' && isCalendarDay(value)) return value;
    return this.problem(`${path}.${key}`, 'NOT_A_DAY', value, { cs: 'Očekáván den ve tvaru RRRR-MM-DD.', en: 'A day YYYY-MM-DD was expected.' });
  }

  code<T extends string>(o: Json, key: string, path: string, values: Record<string, T>, fallback?: T): T | null {
    const value = o[key];
    if (fallback !== undefined && (value === undefined || value === null)) return fallback;
    if (typeof value === 'string' && (Object.values(values) as string[]).includes(value)) return value as T;
    const list = Object.values(values).join(', ');
    return this.problem(`${path}.${key}`, 'UNKNOWN_CODE', value, { cs: `Jedna z hodnot ${list}.`, en: `One of ${list}.` });
  }

  flag(o: Json, key: string, path: string): boolean | null {
    const value = o[key];
    if (value === undefined || value === null) return false;
    if (typeof value === 'boolean') return value;
    return this.problem(`${path}.${key}`, 'NOT_TRUE_OR_FALSE', value, { cs: 'Očekáváno true, nebo false.', en: 'true or false was expected.' });
  }
}

/** Keeps the items whose every part was read: one problem leaves the item out, the problem stays. */
function complete<T>(items: Array<T | null>): T[] {
  return items.filter((i): i is T => i !== null);
}

function guarantorsOf(r: DocumentReader, o: Json, path: string, withMunicipality: boolean): ImportedGuarantor[] {
  return complete(
    r.list(o, 'guarantors', path).map((raw, i) => {
      const at = `${path}.guarantors[${i}]`;
      const g = r.object(raw, at);
      if (!g) return null;
      const municipality = withMunicipality ? r.text(g, 'municipality', at, 200, true) : null;
      const person = r.text(g, 'person', at, 300, true);
      const organisation = r.text(g, 'organisation', at, 300, true);
      if (!municipality && !person && !organisation) {
        return r.problem(at, 'MISSING', null, { cs: 'Gestor bez obce, osoby i organizace.', en: 'A guarantor without a municipality, a person or an organisation.' });
      }
      return { path: at, municipality, person, organisation };
    }),
  );
}

function indicatorOf(r: DocumentReader, raw: unknown, at: string): ImportedIndicator | null {
  const o = r.object(raw, at);
  if (!o) return null;
  const baseline = r.object(o.baseline, `${at}.baseline`);
  const target = r.object(o.target, `${at}.target`);
  const values = o.values === undefined && o.latest ? [o.latest] : r.list(o, 'values', at);
  const read = {
    path: at,
    name: r.text(o, 'name', at, 300),
    unit: r.text(o, 'unit', at, 40),
    baselineValue: baseline ? r.number(baseline, 'value', `${at}.baseline`) : null,
    baselineDate: baseline ? r.day(baseline, 'date', `${at}.baseline`) : null,
    targetValue: target ? r.number(target, 'value', `${at}.target`) : null,
    targetDate: target ? r.day(target, 'date', `${at}.target`) : null,
    direction: r.code(o, 'direction', at, IndicatorDirection),
    reportingPeriod: r.code(o, 'reportingPeriod', at, ReportingPeriod, ReportingPeriod.YEARLY),
    guarantors: guarantorsOf(r, o, at, false),
    values: complete(
      values.map((rawValue, i) => {
        const vat = o.values === undefined ? `${at}.latest` : `${at}.values[${i}]`;
        const v = r.object(rawValue, vat);
        if (!v) return null;
        const date = r.day(v, 'date', vat);
        const value = r.number(v, 'value', vat);
        const note = r.text(v, 'note', vat, 2000, true);
        return date === null || value === null ? null : { path: vat, date, value, note };
      }),
    ),
  };
  const { name, unit, baselineValue, baselineDate, targetValue, targetDate, direction, reportingPeriod } = read;
  if (name === null || unit === null || baselineValue === null || baselineDate === null || targetValue === null || targetDate === null || direction === null || reportingPeriod === null) return null;
  return { ...read, name, unit, baselineValue, baselineDate, targetValue, targetDate, direction, reportingPeriod };
}

function measureOf(r: DocumentReader, raw: unknown, at: string): ImportedMeasure | null {
  const o = r.object(raw, at);
  if (!o) return null;
  const title = r.text(o, 'title', at, 500);
  const description = r.text(o, 'description', at, 10_000, true);
  const ref = typeof o.id === 'string' && o.id.length <= 100 ? o.id : null;
  const indicators = complete(r.list(o, 'indicators', at).map((i, n) => indicatorOf(r, i, `${at}.indicators[${n}]`)));
  return title === null ? null : { path: at, ref, title, description, indicators };
}

function goalOf(r: DocumentReader, raw: unknown, at: string): ImportedGoal | null {
  const o = r.object(raw, at);
  if (!o) return null;
  const title = r.text(o, 'title', at, 500);
  const status = r.code(o, 'status', at, GoalStatus, GoalStatus.NOT_STARTED);
  const statusComment = r.text(o, 'statusComment', at, 2000, true);
  const guarantors = guarantorsOf(r, o, at, true);
  const measures = complete(r.list(o, 'measures', at).map((m, n) => measureOf(r, m, `${at}.measures[${n}]`)));
  return title === null || status === null ? null : { path: at, title, status, statusComment, guarantors, measures };
}

function intentOf(r: DocumentReader, raw: unknown, at: string): ImportedIntent | null {
  const o = r.object(raw, at);
  if (!o) return null;
  const read = {
    path: at,
    title: r.text(o, 'title', at, 300),
    measureRef: typeof o.measureId === 'string' ? o.measureId : null,
    measureTitle: r.text(o, 'measure', at, 500, true),
    responsibleOrganisation: r.text(o, 'responsibleOrganisation', at, 300),
    budgetCzk: r.number(o, 'budgetCzk', at, { min: 0, max: 10_000_000_000 }),
    fundingSources: r.text(o, 'fundingSources', at, 1000, true),
    startsOn: r.day(o, 'startsOn', at),
    endsOn: r.day(o, 'endsOn', at),
    status: r.code(o, 'status', at, ProjectIntentStatus, ProjectIntentStatus.PLANNED),
    monitoringNote: r.text(o, 'monitoringNote', at, 2000, true),
  };
  if (!read.measureRef && !read.measureTitle) r.problem(`${at}.measure`, 'MISSING', null, { cs: 'Chybí opatření záměru.', en: "The intent's measure is missing." });
  const { title, responsibleOrganisation, budgetCzk, startsOn, endsOn, status } = read;
  if (title === null || responsibleOrganisation === null || budgetCzk === null || startsOn === null || endsOn === null || status === null) return null;
  return { ...read, title, responsibleOrganisation, budgetCzk, startsOn, endsOn, status };
}

/** Reads a plan document from the file's bytes: the plan, or null, and every problem found. */
export function readPlanDocument(content: Buffer): { plan: ImportedPlan | null; problems: PlanImportProblem[] } {
  const r = new DocumentReader();
  let parsed: unknown;
  try {
    parsed = JSON.parse(content.toString('utf8').replace(/^\uFEFF/, ''));
  } catch {
    r.problem('$', 'NOT_JSON', null, { cs: 'Soubor není JSON.', en: 'The file is not JSON.' });
    return { plan: null, problems: r.problems };
  }
  const root = r.object(parsed, '$');
  if (!root) return { plan: null, problems: r.problems };
  if (root.format !== PLAN_DOCUMENT_FORMAT || root.formatVersion !== PLAN_DOCUMENT_VERSION) {
    r.problem('$.format', 'NOT_A_PLAN_DOCUMENT', root.format ?? null, {
      cs: `Soubor není plán z exportu Triády (format „${PLAN_DOCUMENT_FORMAT}“, formatVersion ${PLAN_DOCUMENT_VERSION}).`,
      en: `The file is not a plan exported from Triáda (format "${PLAN_DOCUMENT_FORMAT}", formatVersion ${PLAN_DOCUMENT_VERSION}).`,
    });
    return { plan: null, problems: r.problems };
  }
  const title = r.text(root, 'title', '$', 300);
  const period = r.object(root.period, '$.period');
  const yearFrom = period ? r.number(period, 'from', '$.period', { min: 2000, max: 2100, integer: true }) : null;
  const yearTo = period ? r.number(period, 'to', '$.period', { min: 2000, max: 2100, integer: true }) : null;
  const priorities = complete(
    r.list(root, 'priorities', '$').map((raw, i) => {
      const at = `$.priorities[${i}]`;
      const o = r.object(raw, at);
      if (!o) return null;
      const ptitle = r.text(o, 'title', at, 500);
      const goals = complete(r.list(o, 'goals', at).map((g, n) => goalOf(r, g, `${at}.goals[${n}]`)));
      return ptitle === null ? null : { path: at, title: ptitle, goals };
    }),
  );
  const swot = complete(
    r.list(root, 'swot', '$').map((raw, i) => {
      const at = `$.swot[${i}]`;
      const o = r.object(raw, at);
      if (!o) return null;
      const kind = r.code(o, 'kind', at, SwotKind);
      const text = r.text(o, 'text', at, 2000);
      return kind === null || text === null ? null : { path: at, kind, text };
    }),
  );
  const solutionVariants = complete(
    r.list(root, 'solutionVariants', '$').map((raw, i) => {
      const at = `$.solutionVariants[${i}]`;
      const o = r.object(raw, at);
      if (!o) return null;
      const vtitle = r.text(o, 'title', at, 300);
      const description = r.text(o, 'description', at, 10_000, true);
      const chosen = r.flag(o, 'chosen', at);
      return vtitle === null || chosen === null ? null : { path: at, title: vtitle, description, chosen };
    }),
  );
  const actionPlans = complete(
    r.list(root, 'actionPlans', '$').map((raw, i) => {
      const at = `$.actionPlans[${i}]`;
      const o = r.object(raw, at);
      if (!o) return null;
      const year = r.number(o, 'year', at, { min: 2000, max: 2100, integer: true });
      const intents = complete(r.list(o, 'intents', at).map((x, n) => intentOf(r, x, `${at}.intents[${n}]`)));
      return year === null ? null : { path: at, year, intents };
    }),
  );
  const risks = complete(
    r.list(root, 'risks', '$').map((raw, i) => {
      const at = `$.risks[${i}]`;
      const o = r.object(raw, at);
      if (!o) return null;
      const read = {
        path: at,
        riskArea: r.code(o, 'area', at, RiskArea),
        description: r.text(o, 'description', at, 2000),
        probability: r.number(o, 'probability', at, { min: 1, max: 5, integer: true }),
        impact: r.number(o, 'impact', at, { min: 1, max: 5, integer: true }),
        mitigation: r.text(o, 'mitigation', at, 2000, true),
        owner: r.text(o, 'owner', at, 300, true),
        reviewDate: r.day(o, 'reviewDate', at, true),
      };
      const { riskArea, description, probability, impact } = read;
      return riskArea === null || description === null || probability === null || impact === null ? null : { ...read, riskArea, description, probability, impact };
    }),
  );
  const stakeholders = complete(
    r.list(root, 'stakeholders', '$').map((raw, i) => {
      const at = `$.stakeholders[${i}]`;
      const o = r.object(raw, at);
      if (!o) return null;
      const name = r.text(o, 'name', at, 300);
      const description = r.text(o, 'description', at, 2000, true);
      const influence = r.code(o, 'influence', at, Level);
      const interest = r.code(o, 'interest', at, Level);
      return name === null || influence === null || interest === null ? null : { path: at, name, description, influence, interest };
    }),
  );
  const measureRefs = new Set<string>();
  for (const m of priorities.flatMap((p) => p.goals.flatMap((g) => g.measures))) {
    if (m.ref === null) continue;
    if (measureRefs.has(m.ref)) r.problem(`${m.path}.id`, 'DUPLICATE_ID', m.ref, { cs: 'Toto id opatření už v dokumentu je.', en: 'This measure id is in the document already.' });
    measureRefs.add(m.ref);
  }
  if (title === null || yearFrom === null || yearTo === null) return { plan: null, problems: r.problems };
  return { plan: { title, yearFrom, yearTo, priorities, swot, solutionVariants, actionPlans, risks, stakeholders }, problems: r.problems };
}
