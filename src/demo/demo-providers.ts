import type { EntityManager } from '@mikro-orm/postgresql';
import { pragueDay } from '../common/dates';
import { Municipality } from '../entities/municipality.entity';
import { Person } from '../entities/person.entity';
import { PlanningArea } from '../entities/planning-area.entity';
import { Provider } from '../entities/provider.entity';
import { createServices } from '../services/services';
import { DEMO_MUNICIPALITY_CODES } from './demo-data';
import register from './demo-provider-register.json';

/**
 * Loads the demo provider catalogue (src/demo/demo-provider-register.json, a fictional extract in
 * the register's open-data format) through the same import as `importProviderRegister`. Only into
 * the demo database (its areas and coordinator are there) and only while the catalogue is empty,
 * so it runs once and never into a real catalogue. Returns whether it loaded anything.
 */
export async function loadDemoProviders(em: EntityManager): Promise<boolean> {
  if ((await em.count(Provider, {})) > 0) return false;
  const demoArea = await em.findOne(PlanningArea, { name: 'ORP Chomutov' });
  if (!demoArea || (await em.count(Person, { areaId: demoArea.id, subject: 'demo-chomutov-coordinator' })) === 0) return false;
  await em.transactional(async (tx) => {
    // The demo creates its municipalities with their codes; a demo database seeded before they had
    // codes gets them here, so that the catalogue lists the services per area.
    for (const { area, name, code } of DEMO_MUNICIPALITY_CODES) {
      const areaId = (await tx.findOne(PlanningArea, { name: area }))?.id;
      const found = areaId ? await tx.findOne(Municipality, { areaId, name, code: null }) : null;
      if (found) found.code = code;
    }
    await tx.flush();
    await createServices().providers.importContent(tx, JSON.stringify(register), 'demo-data', pragueDay(new Date()));
  });
  return true;
}
