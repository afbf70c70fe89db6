import { loadViewer } from '../../src/auth/viewer-loader';
import { pragueDay } from '../../src/common/dates';
import type { RequestContext } from '../../src/context';
import { Loaders } from '../../src/data/loaders';
import { createLogger } from '../../src/logger';
import { shippedWorkflows } from '../../src/workflows/workflow-registry';
import { createServices } from '../../src/services/services';
import type { TestApp } from './test-app';

/** The request context the service would build for `subject`, for calling services directly. */
export async function contextFor(app: TestApp, subject: string): Promise<RequestContext> {
  const em = app.em();
  const now = new Date();
  const today = pragueDay(now);
  return { requestId: 'test', locale: 'cs', viewer: await loadViewer(em, subject, today), em, now, today, loaders: new Loaders(em), services: createServices(), logger: createLogger('silent'), clientAddress: '127.0.0.1', publicBaseUrl: 'http://127.0.0.1', limits: { hearingCommentsPerHour: 1000 }, workflows: shippedWorkflows() };
}
