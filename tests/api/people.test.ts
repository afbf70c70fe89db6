import { Person } from '../../src/entities/person.entity';
import type { Organisation } from '../../src/entities/organisation.entity';
import { aGlobalAdmin, anOrganisation, anOrganisedArea, aPerson } from '../support/factories';
import { expectBadInput, expectRefused, leakChecked, subjectOf, who, type Api } from '../support/api-assertions';
import { codes, startTestApp, type TestApp } from '../support/test-app';

/** People of an area: createPerson, updatePerson, and who sees their contacts. */

let app: TestApp;
let api: Api;
let a: Awaited<ReturnType<typeof anOrganisedArea>>;
let b: Awaited<ReturnType<typeof anOrganisedArea>>;
let globalAdmin: string;
/** Organisations of area A (and one of B). */
let diakonie: Organisation;
let spolek: Organisation;
let vetrelec: Organisation;
let cizi: Organisation;

beforeAll(async () => {
  app = await startTestApp();
  api = leakChecked(app);
  a = await anOrganisedArea(app.em());
  b = await anOrganisedArea(app.em());
  globalAdmin = await aGlobalAdmin(app.em());
  diakonie = await anOrganisation(app.em(), a.area, { name: 'Diakonie' });
  spolek = await anOrganisation(app.em(), a.area, { name: 'Spolek Senioři' });
  vetrelec = await anOrganisation(app.em(), a.area, { name: 'Vetřelec' });
  cizi = await anOrganisation(app.em(), b.area, { name: 'Cizí' });
});
afterAll(async () => {
  await app.close();
});

const row = (id: string): Promise<Person> => app.em().findOneOrFail(Person, { id });
/** The organisation id a person's row refers to. */
const organisationOf = async (id: string): Promise<string | null> => (await row(id)).organisation?.id ?? null;

describe('createPerson', () => {
  const CREATE = 'mutation($input: CreatePersonInput!) { createPerson(input: $input) { id name email phone organisation { name } subject } }';
  type Created = { createPerson: { id: string } };

  test('the admin adds a person with contacts and a login; the row is in the area', async () => {
    const input = { areaId: a.area.id, name: 'Marie Nová', email: 'marie.nova@example.cz', phone: '+420 777 000 111', organisationId: diakonie.id, subject: 'marie-nova' };
    const res = await api.gql<Created>(CREATE, { input }, who(subjectOf(a.admin)));
    expect(res.errors).toBeUndefined();
    expect(res.data!.createPerson).toEqual({ id: expect.any(String) as unknown, name: 'Marie Nová', email: 'marie.nova@example.cz', phone: '+420 777 000 111', organisation: { name: 'Diakonie' }, subject: 'marie-nova' });
    const p = await row(res.data!.createPerson.id);
    expect({ areaId: p.areaId, name: p.name, email: p.email, phone: p.phone, organisation: p.organisation?.id, subject: p.subject }).toEqual({
      areaId: a.area.id,
      name: 'Marie Nová',
      email: 'marie.nova@example.cz',
      phone: '+420 777 000 111',
      organisation: diakonie.id,
      subject: 'marie-nova',
    });
  });

  test('the coordinator adds a person with a name only; the optional fields are null; a login only the admin links', async () => {
    await expectRefused(app, CREATE, { input: { areaId: a.area.id, name: 'Jan S Účtem', subject: 'jan-s-uctem' } }, who(subjectOf(a.coordinator)), 'FORBIDDEN');
    const res = await api.gql<Created>(CREATE, { input: { areaId: a.area.id, name: 'Jan Bez Kontaktu' } }, who(subjectOf(a.coordinator)));
    expect(res.data!.createPerson).toEqual({ id: expect.any(String) as unknown, name: 'Jan Bez Kontaktu', email: null, phone: null, organisation: null, subject: null });
    const p = await row(res.data!.createPerson.id);
    expect([p.areaId, p.email, p.phone, p.subject]).toEqual([a.area.id, null, null, null]);
  });

  test('UNAUTHENTICATED without a token; nothing written', async () => {
    await expectRefused(app, CREATE, { input: { areaId: a.area.id, name: 'Tajný Host' } }, {}, 'UNAUTHENTICATED');
    expect(await app.em().count(Person, { name: 'Tajný Host' })).toBe(0);
  });

  test('FORBIDDEN for a member, a chair, support and the clerk; nothing written', async () => {
    for (const p of [a.member, a.chair, a.support, a.clerk, a.steeringMember]) {
      await expectRefused(app, CREATE, { input: { areaId: a.area.id, name: 'Tajný Host' } }, who(subjectOf(p)), 'FORBIDDEN');
    }
    expect(await app.em().count(Person, { name: 'Tajný Host' })).toBe(0);
  });

  test("NOT_FOUND for another area's coordinator and for a signed-in stranger; nothing written", async () => {
    await expectRefused(app, CREATE, { input: { areaId: b.area.id, name: 'Tajný Host' } }, who(subjectOf(a.coordinator)), 'NOT_FOUND');
    await expectRefused(app, CREATE, { input: { areaId: a.area.id, name: 'Tajný Host' } }, who('nobody-known'), 'NOT_FOUND');
    expect(await app.em().count(Person, { name: 'Tajný Host' })).toBe(0);
  });

  test('BAD_USER_INPUT naming the field: bad e-mail or phone, empty name, malformed area id, blank subject; nothing written', async () => {
    const as = who(subjectOf(a.coordinator));
    const before = await app.em().count(Person, { areaId: a.area.id });
    await expectBadInput(app, CREATE, { input: { areaId: a.area.id, name: 'Osoba', email: 'not-an-email' } }, as, ['email']);
    await expectBadInput(app, CREATE, { input: { areaId: a.area.id, name: 'Osoba', phone: 'call me maybe' } }, as, ['phone']);
    await expectBadInput(app, CREATE, { input: { areaId: a.area.id, name: '' } }, as, ['name']);
    await expectBadInput(app, CREATE, { input: { areaId: a.area.id, name: 'Osoba', subject: '  ' } }, as, ['subject']);
    await expectBadInput(app, CREATE, { input: { areaId: 'x', name: 'Osoba' } }, as, ['areaId']);
    await expectBadInput(app, CREATE, { input: { areaId: a.area.id, name: '', email: 'bad' } }, as, ['name', 'email']);
    expect(await app.em().count(Person, { areaId: a.area.id })).toBe(before);
  });

  test('CONFLICT for a subject another person of the area has; another area may use it', async () => {
    await expectRefused(app, CREATE, { input: { areaId: a.area.id, name: 'Dvojník', subject: subjectOf(a.member) } }, who(subjectOf(a.admin)), 'CONFLICT');
    expect(await app.em().count(Person, { areaId: a.area.id, subject: subjectOf(a.member) })).toBe(1);
    expect(await app.em().count(Person, { name: 'Dvojník' })).toBe(0);
    const elsewhere = await api.gql<Created>(CREATE, { input: { areaId: b.area.id, name: 'Marie Nová', subject: 'marie-nova' } }, who(subjectOf(b.admin)));
    expect(elsewhere.errors).toBeUndefined();
    expect(await app.em().count(Person, { subject: 'marie-nova' })).toBe(2);
  });
});

describe('updatePerson', () => {
  const UPDATE = 'mutation($input: UpdatePersonInput!) { updatePerson(input: $input) { id name email phone organisation { name } subject } }';

  test("the coordinator changes a member's organisation and e-mail, and clears the phone; the row follows", async () => {
    const res = await api.gql(UPDATE, { input: { personId: a.member.id, organisationId: spolek.id, email: 'petr.clen@example.cz', phone: null } }, who(subjectOf(a.coordinator)));
    expect(res.errors).toBeUndefined();
    expect(res.data).toEqual({
      updatePerson: { id: a.member.id, name: 'Petr Člen', email: 'petr.clen@example.cz', phone: null, organisation: { name: 'Spolek Senioři' }, subject: a.member.subject },
    });
    const p = await row(a.member.id);
    expect([p.organisation?.id, p.email, p.phone, p.name]).toEqual([spolek.id, 'petr.clen@example.cz', null, 'Petr Člen']);
  });

  test('the admin changes the login subject', async () => {
    const person = await aPerson(app.em(), a.area, { name: 'Alois Přihlášený' });
    const res = await api.gql(UPDATE, { input: { personId: person.id, subject: 'alois-new-sub' } }, who(subjectOf(a.admin)));
    expect(res.data).toMatchObject({ updatePerson: { subject: 'alois-new-sub' } });
    expect((await row(person.id)).subject).toBe('alois-new-sub');
  });

  test('a person changes their own phone and name, but not their login subject', async () => {
    const own = await api.gql(UPDATE, { input: { personId: a.chair.id, phone: '+420 603 000 000', name: 'Jana Předsedová' } }, who(subjectOf(a.chair)));
    expect(own.errors).toBeUndefined();
    expect(own.data).toMatchObject({ updatePerson: { phone: '+420 603 000 000' } });
    expect((await row(a.chair.id)).phone).toBe('+420 603 000 000');
    await expectRefused(app, UPDATE, { input: { personId: a.chair.id, subject: 'someone-else' } }, who(subjectOf(a.chair)), 'FORBIDDEN');
    expect((await row(a.chair.id)).subject).toBe(a.chair.subject);
  });

  test('a person cannot set or clear their own organisation: it decides conflicts of interest and guarantorships', async () => {
    await expectRefused(app, UPDATE, { input: { personId: a.chair.id, organisationId: diakonie.id } }, who(subjectOf(a.chair)), 'FORBIDDEN');
    await expectRefused(app, UPDATE, { input: { personId: a.member.id, organisationId: null } }, who(subjectOf(a.member)), 'FORBIDDEN');
    expect([await organisationOf(a.chair.id), await organisationOf(a.member.id)]).toEqual([null, spolek.id]);
  });

  test("another area's organisation is NOT_FOUND; the coordinator clears one with null", async () => {
    await expectRefused(app, UPDATE, { input: { personId: a.outsider.id, organisationId: cizi.id } }, who(subjectOf(a.coordinator)), 'NOT_FOUND');
    const set = await api.gql(UPDATE, { input: { personId: a.outsider.id, organisationId: vetrelec.id } }, who(subjectOf(a.coordinator)));
    expect(set.data).toMatchObject({ updatePerson: { organisation: { name: 'Vetřelec' } } });
    const cleared = await api.gql(UPDATE, { input: { personId: a.outsider.id, organisationId: null } }, who(subjectOf(a.coordinator)));
    expect(cleared.data).toMatchObject({ updatePerson: { organisation: null } });
    expect(await organisationOf(a.outsider.id)).toBeNull();
  });

  test('UNAUTHENTICATED without a token; the row unchanged', async () => {
    await expectRefused(app, UPDATE, { input: { personId: a.member.id, organisationId: vetrelec.id } }, {}, 'UNAUTHENTICATED');
    expect(await organisationOf(a.member.id)).toBe(spolek.id);
  });

  test('FORBIDDEN for a chair, support and the clerk on someone they can see; the row unchanged', async () => {
    for (const p of [a.chair, a.support, a.clerk]) {
      await expectRefused(app, UPDATE, { input: { personId: a.member.id, organisationId: vetrelec.id } }, who(subjectOf(p)), 'FORBIDDEN');
    }
    expect(await organisationOf(a.member.id)).toBe(spolek.id);
  });

  test("NOT_FOUND for another area's person, and for a member on someone they cannot see; the rows unchanged", async () => {
    await expectRefused(app, UPDATE, { input: { personId: b.member.id, organisationId: cizi.id } }, who(subjectOf(a.coordinator)), 'NOT_FOUND');
    await expectRefused(app, UPDATE, { input: { personId: b.member.id, organisationId: cizi.id } }, who(subjectOf(a.admin)), 'NOT_FOUND');
    // The steering group is not public: a working-group member does not know its people.
    await expectRefused(app, UPDATE, { input: { personId: a.steeringMember.id, organisationId: vetrelec.id } }, who(subjectOf(a.member)), 'NOT_FOUND');
    await expectRefused(app, UPDATE, { input: { personId: '00000000-0000-4000-8000-000000000000', organisationId: vetrelec.id } }, who(subjectOf(a.coordinator)), 'NOT_FOUND');
    expect(await organisationOf(b.member.id)).toBeNull();
    expect(await organisationOf(a.steeringMember.id)).toBeNull();
  });

  test('BAD_USER_INPUT naming the field: malformed id, bad e-mail, bad phone, empty or null name; the row unchanged', async () => {
    const as = who(subjectOf(a.coordinator));
    await expectBadInput(app, UPDATE, { input: { personId: 'not-a-uuid', organisationId: spolek.id } }, as, ['personId']);
    await expectBadInput(app, UPDATE, { input: { personId: a.member.id, organisationId: 'Spolek Senioři' } }, as, ['organisationId']);
    await expectBadInput(app, UPDATE, { input: { personId: a.member.id, email: 'petr@' } }, as, ['email']);
    await expectBadInput(app, UPDATE, { input: { personId: a.member.id, phone: '12' } }, as, ['phone']);
    await expectBadInput(app, UPDATE, { input: { personId: a.member.id, name: '' } }, as, ['name']);
    await expectBadInput(app, UPDATE, { input: { personId: a.member.id, name: null } }, as, ['name']);
    const p = await row(a.member.id);
    expect([p.name, p.email]).toEqual(['Petr Člen', 'petr.clen@example.cz']);
  });

  test('CONFLICT when given the subject of another person of the area; the row unchanged', async () => {
    await expectRefused(app, UPDATE, { input: { personId: a.outsider.id, subject: subjectOf(a.member) } }, who(subjectOf(a.admin)), 'CONFLICT');
    expect((await row(a.outsider.id)).subject).toBe(a.outsider.subject);
  });
});

describe('contacts', () => {
  const PERSON = 'query($id: ID!) { person(id: $id) { id name organisation { name } email phone subject } }';

  test("a plain member asking for another member's contacts gets FORBIDDEN on each of those fields, and the name", async () => {
    const res = await api.gql(PERSON, { id: a.chair.id }, who(subjectOf(a.member)));
    expect(res.data).toEqual({ person: { id: a.chair.id, name: 'Jana Předsedová', organisation: null, email: null, phone: null, subject: null } });
    expect(res.errors!.map((e) => [e.extensions?.code, e.path?.join('.')])).toEqual([
      ['FORBIDDEN', 'person.email'],
      ['FORBIDDEN', 'person.phone'],
      ['FORBIDDEN', 'person.subject'],
    ]);
  });

  test('support and the clerk read the whole area but not the contacts', async () => {
    for (const p of [a.support, a.clerk]) {
      const res = await api.gql(PERSON, { id: a.member.id }, who(subjectOf(p)));
      expect(res.data).toMatchObject({ person: { name: 'Petr Člen', email: null, phone: null, subject: null } });
      expect(codes(res)).toEqual(['FORBIDDEN', 'FORBIDDEN', 'FORBIDDEN']);
    }
  });

  test('the public reading a public body sees names and sides, and FORBIDDEN instead of e-mails', async () => {
    const res = await api.gql<{ body: { memberships: Array<{ triadSide: string; person: { name: string; email: string | null } }> } }>(
      'query($id: ID!) { body(id: $id) { memberships { triadSide person { name email } } } }',
      { id: a.group.id },
    );
    expect(res.data!.body.memberships.map((m) => [m.person.name, m.triadSide, m.person.email])).toEqual([
      ['Jana Předsedová', 'COMMISSIONER', null],
      ['Petr Člen', 'SERVICE_USER', null],
    ]);
    expect(codes(res)).toEqual(['FORBIDDEN', 'FORBIDDEN']);
  });

  test('the person, the coordinator, the admin and a global admin see them', async () => {
    const expected = { person: { id: a.member.id, name: 'Petr Člen', organisation: { name: 'Spolek Senioři' }, email: 'petr.clen@example.cz', phone: null, subject: a.member.subject } };
    for (const as of [subjectOf(a.member), subjectOf(a.coordinator), subjectOf(a.admin), globalAdmin]) {
      const res = await api.gql(PERSON, { id: a.member.id }, who(as));
      expect(res.errors).toBeUndefined();
      expect(res.data).toEqual(expected);
    }
    const me = await api.gql('{ me { person { email phone } } }', {}, who(subjectOf(a.chair)));
    expect(me.errors).toBeUndefined();
    expect(me.data).toEqual({ me: { person: { email: a.chair.email, phone: '+420 603 000 000' } } });
  });

  test("another area's coordinator sees neither the person nor the contacts", async () => {
    const res = await api.gql(PERSON, { id: a.steeringMember.id }, who(subjectOf(b.coordinator)));
    expect(codes(res)).toEqual(['NOT_FOUND']);
    expect(res.data).toEqual({ person: null });
    // A public body's member is visible to anyone, but the contacts are not another area's business.
    const seated = await api.gql(PERSON, { id: a.member.id }, who(subjectOf(b.coordinator)));
    expect(seated.data).toMatchObject({ person: { name: 'Petr Člen', email: null, phone: null, subject: null } });
    expect(codes(seated)).toEqual(['FORBIDDEN', 'FORBIDDEN', 'FORBIDDEN']);
  });
});
