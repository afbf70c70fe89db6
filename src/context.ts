import type { EntityManager } from '@mikro-orm/postgresql';
import type { Viewer } from './auth/viewer';
import type { Locale } from './i18n/locale';
import type { Loaders } from './data/loaders';
import type { Logger } from './logger';
import type { WorkflowRegistry } from './workflows/workflow-registry';
import type { Services } from './services/services';
import type { ChangeHub } from './live/change-hub';

/** Built once per request and passed explicitly to every resolver and service. */
export interface RequestContext {
  requestId: string;
  locale: Locale;
  viewer: Viewer;
  /** A fork of the ORM's EntityManager for this request only. */
  em: EntityManager;
  /** The request's instant and its calendar day in Prague (YYYY-MM-DD); rules are judged on it. */
  now: Date;
  today: string;
  loaders: Loaders;
  /** The application's services (created once, in src/services/services.ts). */
  services: Services;
  logger: Logger;
  /** The client's address (behind trusted proxies, from X-Forwarded-For); for rate limits only. */
  clientAddress: string;
  /** The service's own address as clients reach it (PUBLIC_URL, or the request's scheme and host), without a trailing slash; for links it hands out. */
  publicBaseUrl: string;
  /** Limits configured for this deployment. */
  limits: { hearingCommentsPerHour: number };
  /** The approval workflows this deployment runs, compiled and checked at start-up. */
  workflows: WorkflowRegistry;
}

/**
 * The context of one subscription (GraphQL over WebSocket): a request context that starts afresh
 * for each event it sends, so that every event is read as a new request of its subscriber would be.
 */
export interface LiveContext extends RequestContext {
  /** This process's change signals. */
  changes: ChangeHub;
  /** Begins the next event: a new EntityManager and loaders, the instant and day, the viewer read again when stale. */
  renew(): Promise<void>;
  /** Drops the subscriber: it fell too far behind its events. */
  tooSlow(): void;
}
