import { anOrganisedArea } from '../support/factories';
import { startTestApp, type TestApp } from '../support/test-app';

let app: TestApp;
beforeAll(async () => {
  app = await startTestApp();
});
afterAll(async () => {
  await app.close();
});

test('a coordinator lists the bodies of the area', async () => {
  const world = await anOrganisedArea(app.em());
  const res = await app.gql<{ area: { bodies: Array<{ name: string }> } }>(
    'query($id: ID!) { area(id: $id) { name bodies { name kind memberships { person { name email } triadSide } } } }',
    { id: world.area.id },
    { as: world.coordinator.subject as string },
  );
  expect(res.errors).toBeUndefined();
  expect(res.data?.area.bodies.map((b) => b.name)).toEqual(['PS Senioři', 'Řídící skupina']);
});
