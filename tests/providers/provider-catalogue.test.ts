import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { Municipality } from '../../src/entities/municipality.entity';
import { ServiceDeliveryForm, SocialServiceType } from '../../src/entities/provider.entity';
import { parseProviderRegister, RegisterFileError } from '../../src/services/provider-register.parser';
import { SOCIAL_SERVICE_TYPES } from '../../src/common/social-service-types';
import { expectBadInput, expectRefused, leakChecked, subjectOf, who, type Api } from '../support/api-assertions';
import { dbFingerprint } from '../support/db-fingerprint';
import { aGlobalAdmin, anOrganisedArea } from '../support/factories';
import { codes, startTestApp, type TestApp } from '../support/test-app';

/**
 * The public provider catalogue and `importProviderRegister`, on small files in the format of the
 * national register's open data (tests/fixtures/rpss-*.json): three providers, six services in
 * Chomutov, Jirkov and Český Krumlov; a changed copy (one service changed, one added, one gone);
 * and broken ones.
 */

const fixture = (name: string): string => fs.readFileSync(path.join(__dirname, '..', 'fixtures', name), 'utf8');
const SAMPLE = fixture('rpss-sample.json');
const CHANGED = fixture('rpss-sample-changed.json');

const CHOMUTOV = 562971;
const JIRKOV = 563099;
const KRUMLOV = 545392;

const IMPORT = `mutation($input: ImportProviderRegisterInput!) { importProviderRegister(input: $input) {
  sha256 sizeBytes providersInFile servicesInFile providersCreated providersUpdated providersUnchanged
  servicesCreated servicesUpdated servicesUnchanged servicesEnded } }`;
type Summary = Record<string, number | string>;

const NAMES = `query($filter: ProviderFilter, $first: Int, $after: String) {
  providers(filter: $filter, first: $first, after: $after) { totalCount edges { cursor node { name } } pageInfo { hasNextPage endCursor } } }`;
type Names = { providers: { totalCount: number; edges: Array<{ cursor: string; node: { name: string } }>; pageInfo: { hasNextPage: boolean; endCursor: string | null } } };

let app: TestApp;
let api: Api;
let chomutovArea: Awaited<ReturnType<typeof anOrganisedArea>>;
let krumlovArea: Awaited<ReturnType<typeof anOrganisedArea>>;
let jirkovId: string;
let globalAdmin: string;

beforeAll(async () => {
  app = await startTestApp();
  api = leakChecked(app);
  chomutovArea = await anOrganisedArea(app.em());
  krumlovArea = await anOrganisedArea(app.em());
  globalAdmin = await aGlobalAdmin(app.em());
  const em = app.em();
  const jirkov = em.create(Municipality, { areaId: chomutovArea.area.id, name: 'Jirkov', population: 19_120, code: JIRKOV });
  em.create(Municipality, { areaId: chomutovArea.area.id, name: 'Výsluní', population: 420 });
  em.create(Municipality, { areaId: krumlovArea.area.id, name: 'Český Krumlov', population: 12_800, code: KRUMLOV });
  await em.flush();
  jirkovId = jirkov.id;
});
afterAll(async () => {
  await app.close();
});

/** Every table but the import log: the catalogue itself. */
async function catalogueFingerprint(): Promise<Record<string, string>> {
  const { provider_register_import: _log, ...rest } = await dbFingerprint(app.em());
  return rest;
}

async function names(filter: Record<string, unknown>, options = {}): Promise<string[]> {
  const res = await api.gql<Names>(NAMES, { filter, first: 100 }, options);
  expect(res.errors).toBeUndefined();
  return res.data!.providers.edges.map((e) => e.node.name).sort();
}

describe('addMunicipality records the municipality code the catalogue matches', () => {
  test('the coordinator adds Chomutov with its code; the same code again is CONFLICT', async () => {
    const ADD = 'mutation($input: AddMunicipalityInput!) { addMunicipality(input: $input) { municipalities { name code } } }';
    const input = { areaId: chomutovArea.area.id, name: 'Chomutov', population: 48_250, code: CHOMUTOV };
    const res = await api.gql(ADD, { input }, who(subjectOf(chomutovArea.coordinator)));
    expect((res.data as { addMunicipality: { municipalities: unknown[] } }).addMunicipality.municipalities).toContainEqual({ name: 'Chomutov', code: CHOMUTOV });
    await expectRefused(app, ADD, { input: { ...input, name: 'Chomutov II' } }, who(subjectOf(chomutovArea.coordinator)), 'CONFLICT');
    await expectBadInput(app, ADD, { input: { ...input, name: 'Nikde', code: 123 } }, who(subjectOf(chomutovArea.coordinator)), ['code']);
  });
});

describe('importProviderRegister: who may', () => {
  test('without a token it is UNAUTHENTICATED; anyone of an area, its admin and coordinator too, is FORBIDDEN (the catalogue is every area\'s); nothing is written', async () => {
    await expectRefused(app, IMPORT, { input: { content: SAMPLE } }, {}, 'UNAUTHENTICATED');
    for (const person of [chomutovArea.admin, chomutovArea.coordinator, chomutovArea.support, chomutovArea.member, chomutovArea.outsider, chomutovArea.clerk]) {
      await expectRefused(app, IMPORT, { input: { content: SAMPLE } }, who(subjectOf(person)), 'FORBIDDEN');
    }
  });

  test('a refusal comes before the file is read: a broken file from a non-admin is FORBIDDEN too', async () => {
    await expectRefused(app, IMPORT, { input: { content: '{' } }, who(subjectOf(chomutovArea.support)), 'FORBIDDEN');
  });
});

describe('importProviderRegister: a broken file writes nothing', () => {
  test('a truncated file is BAD_USER_INPUT on content with the line of the error', async () => {
    const res = await expectBadInput(app, IMPORT, { input: { content: fixture('rpss-truncated.json') } }, who(globalAdmin), ['content']);
    expect(res.errors![0].message).toMatch(/Soubor není platný JSON na řádku \d+, sloupci \d+/);
  });

  test('a record without the IČO of its provider is named, in Czech and in English', async () => {
    const bad = fixture('rpss-missing-ico.json');
    const res = await expectBadInput(app, IMPORT, { input: { content: bad } }, who(globalAdmin), ['ico']);
    expect(res.errors![0].extensions!.fields).toEqual([{ field: 'polozky[1].poskytovatel.ico', message: 'Záznam 2 (služba 2000033): chybí IČO poskytovatele.' }]);
    const en = await expectRefused(app, IMPORT, { input: { content: bad } }, { as: globalAdmin, headers: { 'accept-language': 'en' } }, 'BAD_USER_INPUT');
    expect(en.errors![0].message).toContain("Record 2 (service 2000033): the provider's company number (IČO) is missing.");
  });

  test('an unknown kind of service is named with its code and record', async () => {
    const res = await expectBadInput(app, IMPORT, { input: { content: fixture('rpss-unknown-type.json') } }, who(globalAdmin), ['druhSocialniSluzby']);
    expect(res.errors![0].message).toContain('Záznam 3 (služba 3000066): neznámý druh sociální služby „DruhSocialniSluzby/99“.');
  });

  test('other shapes: not the register format, no services, a bad IČO check digit, the same service twice', async () => {
    const as = who(globalAdmin);
    await expectBadInput(app, IMPORT, { input: { content: '[1, 2]' } }, as, ['content']);
    await expectBadInput(app, IMPORT, { input: { content: '{"polozky": []}' } }, as, ['content']);
    const sample = JSON.parse(SAMPLE) as { polozky: Array<{ identifikator: string; poskytovatel: { ico: string } }> };
    const badIco = structuredClone(sample);
    badIco.polozky[0].poskytovatel.ico = '26593018';
    const res = await expectBadInput(app, IMPORT, { input: { content: JSON.stringify(badIco) } }, as, ['ico']);
    expect(res.errors![0].message).toContain('IČO „26593018“ není platné');
    const twice = structuredClone(sample);
    twice.polozky[3].identifikator = twice.polozky[0].identifikator;
    await expectBadInput(app, IMPORT, { input: { content: JSON.stringify(twice) } }, as, ['identifikator']);
  });
});

describe('the catalogue', () => {
  test('before any import it is empty, and anyone may read it', async () => {
    const res = await api.gql<Names>(NAMES, {});
    expect(res.data!.providers).toEqual({ totalCount: 0, edges: [], pageInfo: { hasNextPage: false, endCursor: null } });
  });

  test('a global admin imports the sample: three providers and six services are created', async () => {
    const res = await api.gql<{ importProviderRegister: Summary }>(IMPORT, { input: { content: SAMPLE } }, who(globalAdmin));
    expect(res.errors).toBeUndefined();
    expect(res.data!.importProviderRegister).toEqual({
      sha256: createHash('sha256').update(SAMPLE, 'utf8').digest('hex'),
      sizeBytes: Buffer.byteLength(SAMPLE),
      providersInFile: 3,
      servicesInFile: 6,
      providersCreated: 3,
      providersUpdated: 0,
      providersUnchanged: 0,
      servicesCreated: 6,
      servicesUpdated: 0,
      servicesUnchanged: 0,
      servicesEnded: 0,
    });
    const log = await app.em().getConnection().execute<Array<{ imported_by: string }>>('select imported_by from provider_register_import');
    expect(log).toEqual([{ imported_by: globalAdmin }]);
  });

  test('anonymous readers see providers with contacts, services, target groups, capacities and facilities', async () => {
    const list = await api.gql<{ providers: { totalCount: number; edges: Array<{ node: { id: string; name: string } }> } }>(
      '{ providers(first: 10) { totalCount edges { node { id name } } } }',
    );
    expect(list.data!.providers.totalCount).toBe(3);
    const id = list.data!.providers.edges.find((e) => e.node.name === 'Domov Na Stráni, o.p.s.')!.node.id;
    const one = await api.gql(
      `query($id: ID!) { provider(id: $id) { ico name legalFormCode legalForm emails phones websites address { text municipalityCode }
        services { identifier serviceType serviceTypeLabel name active providedFrom providedTo municipalityCodes
          municipalities { name } emails targetGroups { code label }
          forms { form continuous capacities { count unit description } }
          facilities { name addressWithheld address { street houseNumber orientationNumber postcode text } }
          provider { name } } } }`,
      { id },
    );
    expect(one.errors).toBeUndefined();
    expect(one.data).toEqual({
      provider: {
        ico: '26407787',
        name: 'Domov Na Stráni, o.p.s.',
        legalFormCode: '141',
        legalForm: 'obecně prospěšná společnost',
        emails: ['domov@nastrani.example.cz'],
        phones: ['474 651 003'],
        websites: ['https://www.nastrani.example.cz'],
        address: { text: 'Na Stráni 1802/14, 431 11', municipalityCode: JIRKOV },
        services: [
          {
            identifier: '3000055',
            serviceType: 'HOMES_FOR_SENIORS',
            serviceTypeLabel: 'domovy pro seniory',
            name: 'Domov Na Stráni',
            active: true,
            providedFrom: '2007-01-01',
            providedTo: null,
            municipalityCodes: [JIRKOV],
            municipalities: [{ name: 'Jirkov' }],
            emails: ['socialni@nastrani.example.cz'],
            targetGroups: [
              { code: 'CilovaSkupinaOsoby/24', label: 'senioři' },
              { code: 'CilovaSkupinaOsoby/30', label: 'osoby žijící s demencí' },
            ],
            forms: [{ form: 'RESIDENTIAL', continuous: true, capacities: [{ count: 60, unit: 'BEDS', description: 'Maximální kapacita 60 lůžek s účinností od 01.01.2020.' }] }],
            facilities: [
              {
                name: 'Domov Na Stráni',
                addressWithheld: false,
                address: { street: 'Na Stráni', houseNumber: 1802, orientationNumber: '14', postcode: '43111', text: 'Na Stráni 1802/14, 431 11' },
              },
            ],
            provider: { name: 'Domov Na Stráni, o.p.s.' },
          },
          {
            identifier: '3000066',
            serviceType: 'RESPITE_CARE',
            serviceTypeLabel: 'odlehčovací služby',
            name: 'Odlehčovací služba Na Stráni',
            active: true,
            providedFrom: '2016-04-01',
            providedTo: null,
            municipalityCodes: [JIRKOV],
            municipalities: [{ name: 'Jirkov' }],
            emails: [],
            targetGroups: [
              { code: 'CilovaSkupinaOsoby/24', label: 'senioři' },
              { code: 'CilovaSkupinaOsoby/26', label: 'pečující osoby' },
            ],
            forms: [{ form: 'RESIDENTIAL', continuous: true, capacities: [{ count: 4, unit: 'BEDS', description: 'Maximální kapacita 4 lůžka.' }] }],
            facilities: [
              {
                name: 'Odlehčovací služba Na Stráni',
                addressWithheld: false,
                address: { street: 'Na Stráni', houseNumber: 1802, orientationNumber: '14', postcode: '43111', text: 'Na Stráni 1802/14, 431 11' },
              },
            ],
            provider: { name: 'Domov Na Stráni, o.p.s.' },
          },
        ],
      },
    });
  });

  test('labels follow Accept-Language; a target group without a known name keeps its code', async () => {
    const res = await api.gql<{ providers: { edges: Array<{ node: { legalForm: string; services: Array<{ serviceTypeLabel: string; targetGroups: Array<{ code: string; label: string | null }> }> } }> } }>(
      '{ providers(filter: { search: "tísni" }) { edges { node { legalForm services { serviceTypeLabel targetGroups { code label } } } } } }',
      {},
      { headers: { 'accept-language': 'en' } },
    );
    const node = res.data!.providers.edges[0].node;
    expect(node.legalForm).toBe('public benefit company');
    expect(node.services.map((s) => s.serviceTypeLabel)).toEqual(['outreach programmes', 'social activation services for families with children']);
    expect(node.services[0].targetGroups).toEqual([{ code: 'CilovaSkupinaOsoby/12', label: null }]);
  });

  test('provider(id): an unknown id is NOT_FOUND, a malformed one BAD_USER_INPUT', async () => {
    expect(codes(await api.gql('{ provider(id: "00000000-0000-4000-8000-000000000000") { name } }'))).toEqual(['NOT_FOUND']);
    expect(codes(await api.gql('{ provider(id: "x") { name } }'))).toEqual(['BAD_USER_INPUT']);
  });

  test('filters: kind, area, municipality, target group, search by name or IČO; pages by name', async () => {
    expect(await names({ serviceType: 'HOMES_FOR_SENIORS' })).toEqual(['Domov Na Stráni, o.p.s.']);
    expect(await names({ areaId: chomutovArea.area.id })).toEqual(['Domov Na Stráni, o.p.s.', 'Člověk v tísni, o.p.s.'].sort());
    expect(await names({ areaId: krumlovArea.area.id })).toEqual(['Pečovatelská služba Vltava, o.p.s.']);
    expect(await names({ municipalityId: jirkovId })).toEqual(['Domov Na Stráni, o.p.s.', 'Člověk v tísni, o.p.s.'].sort());
    expect(await names({ targetGroup: '30' })).toEqual(['Domov Na Stráni, o.p.s.']);
    expect(await names({ targetGroup: 'CilovaSkupinaOsoby/26' })).toEqual(['Domov Na Stráni, o.p.s.', 'Pečovatelská služba Vltava, o.p.s.'].sort());
    expect(await names({ search: 'vltava' })).toEqual(['Pečovatelská služba Vltava, o.p.s.']);
    expect(await names({ search: '2659' })).toEqual(['Člověk v tísni, o.p.s.']);
    // The service criteria hold for one service: a home for seniors, but not in Krumlov.
    expect(await names({ serviceType: 'HOMES_FOR_SENIORS', areaId: krumlovArea.area.id })).toEqual([]);
    expect(await names({ serviceType: 'HOME_CARE', areaId: chomutovArea.area.id })).toEqual([]);

    const first = await api.gql<Names>(NAMES, { first: 2 });
    expect(first.data!.providers.totalCount).toBe(3);
    expect(first.data!.providers.pageInfo.hasNextPage).toBe(true);
    const rest = await api.gql<Names>(NAMES, { first: 2, after: first.data!.providers.pageInfo.endCursor });
    expect(rest.data!.providers.pageInfo.hasNextPage).toBe(false);
    const paged = [...first.data!.providers.edges, ...rest.data!.providers.edges].map((e) => e.node.name);
    expect(new Set(paged).size).toBe(3);

    expect(codes(await api.gql(NAMES, { filter: { areaId: '00000000-0000-4000-8000-000000000000' } }))).toEqual(['NOT_FOUND']);
    expect(codes(await api.gql(NAMES, { filter: { targetGroup: 'senioři' } }))).toEqual(['BAD_USER_INPUT']);
    expect(codes(await api.gql(NAMES, { after: 'nonsense' }))).toEqual(['BAD_USER_INPUT']);
  });

  test('importing the same file again changes nothing and duplicates nothing', async () => {
    const before = await catalogueFingerprint();
    const res = await api.gql<{ importProviderRegister: Summary }>(IMPORT, { input: { content: SAMPLE } }, who(globalAdmin));
    expect(res.errors).toBeUndefined();
    expect(res.data!.importProviderRegister).toMatchObject({
      providersCreated: 0,
      providersUpdated: 0,
      providersUnchanged: 3,
      servicesCreated: 0,
      servicesUpdated: 0,
      servicesUnchanged: 6,
      servicesEnded: 0,
    });
    expect(await catalogueFingerprint()).toEqual(before);
    const log = await app.em().getConnection().execute<Array<{ n: string }>>('select count(*) as n from provider_register_import');
    expect(Number(log[0].n)).toBe(2);
  });

  test('importing the changed file updates the changed service, adds the new one and marks the missing one removed', async () => {
    const res = await api.gql<{ importProviderRegister: Summary }>(IMPORT, { input: { content: CHANGED } }, who(globalAdmin));
    expect(res.errors).toBeUndefined();
    expect(res.data!.importProviderRegister).toMatchObject({
      providersInFile: 3,
      servicesInFile: 6,
      providersCreated: 0,
      providersUpdated: 0,
      providersUnchanged: 3,
      servicesCreated: 1,
      servicesUpdated: 1,
      servicesUnchanged: 4,
      servicesEnded: 1,
    });
    const all = await api.gql<{ providers: { edges: Array<{ node: { services: Array<{ identifier: string; active: boolean; removedAt: string | null; forms: Array<{ capacities: Array<{ count: number }> }> }> } }> } }>(
      '{ providers(filter: { search: "Stráni" }) { edges { node { services(activeOnly: false) { identifier active removedAt forms { capacities { count } } } } } } }',
    );
    const services = all.data!.providers.edges[0].node.services;
    expect(services.map((s) => [s.identifier, s.active, s.removedAt === null, s.forms[0].capacities[0].count])).toEqual([
      ['3000055', true, true, 64],
      ['3000066', false, false, 4],
      ['3000077', true, true, 40],
    ]);
    const active = await api.gql<{ providers: { edges: Array<{ node: { services: Array<{ identifier: string }> } }> } }>(
      '{ providers(filter: { search: "Stráni" }) { edges { node { services { identifier } } } } }',
    );
    expect(active.data!.providers.edges[0].node.services.map((s) => s.identifier)).toEqual(['3000055', '3000077']);
    // The removed respite service no longer counts; the new home-care service does.
    expect(await names({ serviceType: 'RESPITE_CARE' })).toEqual([]);
    expect(await names({ serviceType: 'HOME_CARE', areaId: chomutovArea.area.id })).toEqual(['Domov Na Stráni, o.p.s.']);
    expect(await names({ serviceType: 'HOME_CARE', municipalityId: jirkovId })).toEqual([]);
    const rows = await app.em().getConnection().execute<Array<{ n: string }>>('select count(*) as n from social_service');
    expect(Number(rows[0].n)).toBe(7);
  });

  test('a service back in the register is active again', async () => {
    const res = await api.gql<{ importProviderRegister: Summary }>(IMPORT, { input: { content: SAMPLE } }, who(globalAdmin));
    expect(res.data!.importProviderRegister).toMatchObject({ servicesCreated: 0, servicesUpdated: 2, servicesUnchanged: 4, servicesEnded: 1 });
    expect(await names({ serviceType: 'RESPITE_CARE' })).toEqual(['Domov Na Stráni, o.p.s.']);
  });
});

test('socialServiceTypes: the 33 kinds of the law in its order, with labels in both languages', async () => {
  const res = await api.gql<{ socialServiceTypes: Array<{ type: string; paragraph: string; registerCode: string; label: string; labelCs: string; labelEn: string }> }>(
    '{ socialServiceTypes { type paragraph registerCode label labelCs labelEn } }',
    {},
    { headers: { 'accept-language': 'en' } },
  );
  const types = res.data!.socialServiceTypes;
  expect(types).toHaveLength(33);
  expect(new Set(types.map((t) => t.type))).toEqual(new Set(Object.values(SocialServiceType)));
  expect(new Set(types.map((t) => t.registerCode)).size).toBe(33);
  expect(types[0]).toEqual({
    type: 'PROFESSIONAL_SOCIAL_COUNSELLING',
    paragraph: '§37',
    registerCode: 'DruhSocialniSluzby/1',
    label: 'professional social counselling',
    labelCs: 'odborné sociální poradenství',
    labelEn: 'professional social counselling',
  });
  expect(types.find((t) => t.type === 'HOMES_FOR_SENIORS')).toMatchObject({ paragraph: '§49', registerCode: 'DruhSocialniSluzby/13' });
  expect(types.at(-1)).toMatchObject({ type: 'SOCIAL_REHABILITATION', paragraph: '§70', registerCode: 'DruhSocialniSluzby/33' });
});

describe('the parser', () => {
  const one = (item: Record<string, unknown>): string =>
    JSON.stringify({
      polozky: [
        {
          identifikator: '4000011',
          druhSocialniSluzby: { id: 'DruhSocialniSluzby/34' },
          poskytovatel: { ico: 26593017, nazev: 'Člověk v tísni, o.p.s.' },
          ...item,
        },
      ],
    });

  test('a withheld address is never kept, even when the file carries one; an ended facility serves no municipality', () => {
    const parsed = parseProviderRegister(
      one({
        zarizeni: [
          { nazev: 'Intervenční centrum', utajenaAdresa: true, adresa: { obec: { id: `Obec/${CHOMUTOV}` }, ulice: { nazev: 'Tajná' } } },
          { nazev: 'Dřívější pobočka', adresa: { obec: { id: `Obec/${JIRKOV}` } }, poskytujeOd: '2010-01-01', poskytujeDo: '2015-12-31' },
        ],
      }),
      '2026-11-25',
    );
    const service = parsed.services[0];
    expect(service.serviceType).toBe(SocialServiceType.INTERVENTION_CENTRES);
    expect(service.facilities[0]).toEqual({ name: 'Intervenční centrum', address: null, addressWithheld: true, from: null, to: null });
    expect(service.municipalityCodes).toEqual([]);
    // An IČO given as a number keeps its leading zeros as text.
    expect(parsed.providers.get('26593017')?.name).toBe('Člověk v tísni, o.p.s.');
  });

  test('a kind may be given by its Czech name; forms and capacity units map to their enums', () => {
    const parsed = parseProviderRegister(
      one({
        druhSocialniSluzby: { nazev: { cs: 'Terénní programy' } },
        formy: [{ forma: { id: 'FormaSocialniSluzby/amb' }, kapacity: [{ pocet: '5', typ: { id: 'TypKapacitySocialniSluzby/hovor' } }] }],
      }),
      '2026-11-25',
    );
    expect(parsed.services[0].serviceType).toBe(SocialServiceType.OUTREACH_PROGRAMMES);
    expect(parsed.services[0].forms).toEqual([{ form: ServiceDeliveryForm.OUTPATIENT, continuous: null, capacities: [{ count: 5, unit: 'CALLS', description: null }] }]);
  });

  test('every problem of a file is listed, each with its path', () => {
    try {
      parseProviderRegister(one({ identifikator: 'abc', druhSocialniSluzby: null, poskytovatel: { ico: '1', nazev: '' }, datumPoskytovaniOd: '1.1.2020' }), '2026-11-25');
      throw new Error('expected a RegisterFileError');
    } catch (err) {
      expect(err).toBeInstanceOf(RegisterFileError);
      expect((err as RegisterFileError).problems.map((p) => p.field)).toEqual([
        'polozky[0].identifikator',
        'polozky[0].druhSocialniSluzby',
        'polozky[0].poskytovatel.ico',
        'polozky[0].poskytovatel.nazev',
        'polozky[0].datumPoskytovaniOd',
      ]);
    }
  });

  test('each kind of the law has its register code, and the codes are distinct', () => {
    expect(SOCIAL_SERVICE_TYPES).toHaveLength(33);
    expect(new Set(SOCIAL_SERVICE_TYPES.map((t) => t.registerCode)).size).toBe(33);
  });
});
