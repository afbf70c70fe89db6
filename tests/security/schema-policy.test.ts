import 'reflect-metadata';
import { getMetadataStorage as validationMetadata } from 'class-validator';
import { isInputObjectType, isInterfaceType, isObjectType, isUnionType, type GraphQLSchema } from 'graphql';
import { getMetadataStorage } from 'type-graphql';
import { permissionRules } from '../../src/auth/permissions';
import { buildTriadaSchema } from '../../src/schema/build-schema';

/** Policies read off the built schema itself, so a new type or field cannot slip past them. */

let schema: GraphQLSchema;
beforeAll(async () => {
  schema = await buildTriadaSchema();
});

const own = () => Object.values(schema.getTypeMap()).filter((t) => !t.name.startsWith('__'));

test('every field of every object type reaches a shield rule (a type-wide rule, a field rule or the type\'s "*")', () => {
  const rules = permissionRules as Record<string, unknown>;
  const uncovered: string[] = [];
  for (const type of own().filter(isObjectType)) {
    const rule = rules[type.name];
    for (const field of Object.keys(type.getFields())) {
      const covered =
        rule !== undefined && (typeof rule !== 'object' || rule === null || !Object.getPrototypeOf(rule) || 'resolve' in (rule) || (rule as Record<string, unknown>)[field] !== undefined || (rule as Record<string, unknown>)['*'] !== undefined);
      if (!covered) uncovered.push(`${type.name}.${field}`);
    }
  }
  expect(uncovered).toEqual([]);
});

test('no interface or union lets a path around the rules: shield ignores rules on them, so each member type has its own', () => {
  const rules = permissionRules as Record<string, unknown>;
  const abstract = own().filter((t) => isInterfaceType(t) || isUnionType(t));
  for (const type of abstract) {
    expect(rules[type.name]).toBeUndefined();
    for (const member of schema.getPossibleTypes(type)) expect({ [member.name]: rules[member.name] !== undefined }).toEqual({ [member.name]: true });
  }
  // Today the schema has none; this records it, and the loop above guards the day it gets one.
  expect(abstract.map((t) => t.name)).toEqual([]);
});

test('every text input is bounded: a length limit, or a format of bounded length', () => {
  const storage = getMetadataStorage();
  const BOUNDED = new Set(['isLength', 'maxLength', 'isCalendarDay', 'isUuid', 'isUUID', 'isIn', 'isEnum']);
  const unbounded: string[] = [];
  for (const input of storage.inputTypes) {
    const checks = validationMetadata().getTargetValidationMetadatas(input.target, '', true, false);
    for (const field of storage.fields.filter((f) => f.target === input.target && f.getType() === String)) {
      const mine = checks.filter((m) => m.propertyName === field.name);
      const bounded = mine.some((m) => BOUNDED.has(String(m.name ?? m.type))) || mine.some((m) => m.name === 'matches' && /^\^[^*+]*\$$/.test(String((m.constraints?.[0] as RegExp | undefined)?.source)));
      if (!bounded) unbounded.push(`${input.name}.${field.name}`);
    }
  }
  expect(unbounded).toEqual([]);
});

test('no input carries an area, state, version or author of an existing object; the ones that name an area choose where a new thing goes or filter', () => {
  const suspicious = /^(areaId|area|state|status|version|authorId|authorPersonId|author|recordedById|createdById|actorId)$/;
  const found = own()
    .filter(isInputObjectType)
    .flatMap((t) => Object.keys(t.getFields()).filter((f) => suspicious.test(f)).map((f) => `${t.name}.${f}`))
    .sort();
  expect(found).toEqual(
    [
      // Where a new top-level thing is created; the service checks the viewer manages that area.
      'AddMunicipalityInput.areaId',
      'CreateBodyInput.areaId',
      'CreateOrganisationInput.areaId',
      'CreatePersonInput.areaId',
      'CreatePlanInput.areaId',
      'GrantAreaRoleInput.areaId',
      // The area whose own workflow a new draft shapes (none: a template); the area whose proposals move to another workflow version.
      'CreateWorkflowDraftInput.areaId',
      'MigrateProposalsInput.areaId',
      // A published workflow version named as a source or a target (a template or the area's own, checked by the service).
      'WorkflowVersionInput.version',
      // The area whose role assignment of a person is revoked (the role's own key).
      'RevokeAreaRoleInput.areaId',
      // The area being changed (the record the mutation acts on, judged by area.update).
      'UpdateAreaInput.areaId',
      // Filters: they narrow what the viewer may already see.
      'MeetingFilter.areaId',
      'MeetingFilter.status',
      'ProposalFilter.areaId',
      'ProposalFilter.authorPersonId',
      'ProposalFilter.state',
      'ProviderFilter.areaId',
      // Whether a person was present, as the minute-taker records it.
      'AttendanceEntryInput.status',
      // A status a person reports (goal status by its guarantor, project intent progress), checked by the service.
      'ReportProjectIntentInput.status',
      'UpdateGoalStatusInput.status',
    ].sort(),
  );
});
