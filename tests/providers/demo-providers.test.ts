import { PlanningArea } from '../../src/entities/planning-area.entity';
import { Provider } from '../../src/entities/provider.entity';
import { loadDemoData } from '../../src/demo/demo-data';
import { loadDemoProviders } from '../../src/demo/demo-providers';
import { startTestApp, type TestApp } from '../support/test-app';

let app: TestApp;
beforeAll(async () => {
  app = await startTestApp();
});
afterAll(async () => {
  await app.close();
});

test('the demo catalogue loads only into the demo database, once, and lists services per demo area', async () => {
  // Not the demo database: nothing is loaded.
  expect(await loadDemoProviders(app.em())).toBe(false);
  expect(await app.em().count(Provider, {})).toBe(0);

  expect(await loadDemoData(app.em())).toBe(true);
  expect(await loadDemoProviders(app.em())).toBe(true);
  expect(await loadDemoProviders(app.em())).toBe(false);
  expect(await app.em().count(Provider, {})).toBe(7);

  const em = app.em();
  const chomutov = await em.findOneOrFail(PlanningArea, { name: 'ORP Chomutov' });
  const krumlov = await em.findOneOrFail(PlanningArea, { name: 'Český Krumlov' });
  const names = async (areaId: string): Promise<string[]> => {
    const res = await app.gql<{ providers: { edges: Array<{ node: { name: string } }> } }>(
      'query($areaId: ID!) { providers(filter: { areaId: $areaId }) { edges { node { name } } } }',
      { areaId },
    );
    expect(res.errors).toBeUndefined();
    return res.data!.providers.edges.map((e) => e.node.name).sort();
  };
  expect(await names(chomutov.id)).toEqual(
    ['Domov Na Stráni, o.p.s.', 'Osobní asistence Podkrušnohoří, o.p.s.', 'Světlo Kadaň, z.s.', 'Terénní programy Podkrušnohoří, o.p.s.', 'Člověk v tísni, o.p.s.'].sort(),
  );
  expect(await names(krumlov.id)).toEqual(['Pečovatelská služba Vltava, o.p.s.', 'Sociální služby Zelený dvůr, o.p.s.']);

  // The shelter's address is withheld, as the register withholds it.
  const shelter = await app.gql<{ providers: { edges: Array<{ node: { services: Array<{ serviceType: string; facilities: Array<{ addressWithheld: boolean; address: unknown }> }> } }> } }>(
    '{ providers(filter: { serviceType: SHELTERS }) { edges { node { services { serviceType facilities { addressWithheld address { text } } } } } } }',
  );
  const service = shelter.data!.providers.edges[0].node.services.find((s) => s.serviceType === 'SHELTERS');
  expect(service?.facilities).toEqual([{ addressWithheld: true, address: null }]);
});
