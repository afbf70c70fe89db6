import { randomUUID } from 'node:crypto';
import { ArrayType, Entity, Enum, ManyToOne, PrimaryKey, Property, type Opt, type Rel } from '@mikro-orm/core';

/**
 * The kinds of social services of zákon 108/2006 Sb., o sociálních službách (§37–§70), in the
 * order of the law. Their register codes, paragraphs and labels are in
 * src/services/social-service-types.ts.
 */
export enum SocialServiceType {
  PROFESSIONAL_SOCIAL_COUNSELLING = 'PROFESSIONAL_SOCIAL_COUNSELLING',
  PERSONAL_ASSISTANCE = 'PERSONAL_ASSISTANCE',
  HOME_CARE = 'HOME_CARE',
  EMERGENCY_CARE = 'EMERGENCY_CARE',
  GUIDE_AND_READING_SERVICES = 'GUIDE_AND_READING_SERVICES',
  SUPPORTED_INDEPENDENT_LIVING = 'SUPPORTED_INDEPENDENT_LIVING',
  RESPITE_CARE = 'RESPITE_CARE',
  DAY_SERVICE_CENTRES = 'DAY_SERVICE_CENTRES',
  DAY_CARE_CENTRES = 'DAY_CARE_CENTRES',
  WEEKLY_CARE_CENTRES = 'WEEKLY_CARE_CENTRES',
  HOMES_FOR_PEOPLE_WITH_DISABILITIES = 'HOMES_FOR_PEOPLE_WITH_DISABILITIES',
  HOMES_FOR_SENIORS = 'HOMES_FOR_SENIORS',
  SPECIAL_REGIME_HOMES = 'SPECIAL_REGIME_HOMES',
  SHELTERED_HOUSING = 'SHELTERED_HOUSING',
  SOCIAL_SERVICES_IN_INPATIENT_HEALTH_CARE = 'SOCIAL_SERVICES_IN_INPATIENT_HEALTH_CARE',
  EARLY_INTERVENTION = 'EARLY_INTERVENTION',
  CRISIS_HELPLINE = 'CRISIS_HELPLINE',
  INTERPRETING_SERVICES = 'INTERPRETING_SERVICES',
  SHELTERS = 'SHELTERS',
  HALFWAY_HOUSES = 'HALFWAY_HOUSES',
  CONTACT_CENTRES = 'CONTACT_CENTRES',
  CRISIS_ASSISTANCE = 'CRISIS_ASSISTANCE',
  INTERVENTION_CENTRES = 'INTERVENTION_CENTRES',
  LOW_THRESHOLD_DAY_CENTRES = 'LOW_THRESHOLD_DAY_CENTRES',
  LOW_THRESHOLD_FACILITIES_FOR_CHILDREN_AND_YOUTH = 'LOW_THRESHOLD_FACILITIES_FOR_CHILDREN_AND_YOUTH',
  NIGHT_SHELTERS = 'NIGHT_SHELTERS',
  AFTERCARE_SERVICES = 'AFTERCARE_SERVICES',
  SOCIAL_ACTIVATION_FOR_FAMILIES_WITH_CHILDREN = 'SOCIAL_ACTIVATION_FOR_FAMILIES_WITH_CHILDREN',
  SOCIAL_ACTIVATION_FOR_SENIORS_AND_PEOPLE_WITH_DISABILITIES = 'SOCIAL_ACTIVATION_FOR_SENIORS_AND_PEOPLE_WITH_DISABILITIES',
  SOCIAL_THERAPEUTIC_WORKSHOPS = 'SOCIAL_THERAPEUTIC_WORKSHOPS',
  THERAPEUTIC_COMMUNITIES = 'THERAPEUTIC_COMMUNITIES',
  OUTREACH_PROGRAMMES = 'OUTREACH_PROGRAMMES',
  SOCIAL_REHABILITATION = 'SOCIAL_REHABILITATION',
}

/** How a service is delivered (forma poskytování, register code list FormaSocialniSluzby). */
export enum ServiceDeliveryForm {
  RESIDENTIAL = 'RESIDENTIAL',
  OUTPATIENT = 'OUTPATIENT',
  FIELD = 'FIELD',
}

/** What a registered capacity counts (register code list TypKapacitySocialniSluzby). */
export enum CapacityUnit {
  CLIENTS = 'CLIENTS',
  CONTACTS = 'CONTACTS',
  INTERVENTIONS = 'INTERVENTIONS',
  BEDS = 'BEDS',
  CALLS = 'CALLS',
}

/** An address as the register gives it (RÚIAN parts; the municipality only as its code). */
export interface RegisterAddress {
  street: string | null;
  houseNumber: number | null;
  orientationNumber: string | null;
  postcode: string | null;
  municipalityCode: number | null;
  addressPointCode: number | null;
}

/** A place where a service is provided (zařízení); a withheld address (utajená adresa) is never stored. */
export interface ServiceFacility {
  name: string | null;
  address: RegisterAddress | null;
  addressWithheld: boolean;
  from: string | null;
  to: string | null;
}

/** One form of a service with its registered maximum capacities (not free places). */
export interface ServiceFormCapacity {
  form: ServiceDeliveryForm;
  continuous: boolean | null;
  capacities: Array<{ count: number | null; unit: CapacityUnit; description: string | null }>;
}

const integers = new ArrayType<number>((value) => Number(value));

/** Columns of providers and services alike: key, public contacts of the organisation, timestamps. */
abstract class CatalogueEntry {
  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  @Property({ type: ArrayType, columnType: 'text[]' })
  emails: string[] = [];

  @Property({ type: ArrayType, columnType: 'text[]' })
  phones: string[] = [];

  @Property({ type: ArrayType, columnType: 'text[]' })
  websites: string[] = [];

  @Property({ type: 'datetime', defaultRaw: 'now()' })
  createdAt: Opt<Date> = new Date();

  @Property({ type: 'datetime', defaultRaw: 'now()', onUpdate: () => new Date() })
  updatedAt: Opt<Date> = new Date();
}

/**
 * A registered provider of social services, identified by its company number (IČO). The
 * catalogue is national: providers and their services belong to no planning area.
 */
@Entity({ tableName: 'provider' })
export class Provider extends CatalogueEntry {
  @Property({ type: 'text' })
  ico!: string;

  @Property({ type: 'text' })
  name!: string;

  /** Code of the legal form (ČSÚ číselník právních forem), e.g. "706" for a spolek. */
  @Property({ type: 'text', nullable: true })
  legalFormCode: string | null = null;

  /** Registered office (sídlo), when the register gives it. */
  @Property({ type: 'json', nullable: true })
  address: RegisterAddress | null = null;
}

/** A registered social service of a provider, identified by its register identifier. */
@Entity({ tableName: 'social_service' })
export class SocialService extends CatalogueEntry {
  @ManyToOne(() => Provider, { fieldName: 'provider_id' })
  provider!: Rel<Provider>;

  /** The register's identifier of the service (identifikátor sociální služby). */
  @Property({ type: 'text' })
  identifier!: string;

  @Enum({ items: () => SocialServiceType })
  serviceType!: SocialServiceType;

  @Property({ type: 'date', nullable: true })
  providedFrom: string | null = null;

  /** Last day the register says the service is provided; null while open-ended. */
  @Property({ type: 'date', nullable: true })
  providedTo: string | null = null;

  /** Register codes of the target groups, e.g. "CilovaSkupinaOsoby/24". */
  @Property({ type: ArrayType, columnType: 'text[]' })
  targetGroups: string[] = [];

  @Property({ type: 'json' })
  forms: ServiceFormCapacity[] = [];

  @Property({ type: 'json' })
  facilities: ServiceFacility[] = [];

  /** Codes (kód obce) of the municipalities of its facilities: the municipalities it serves. */
  @Property({ type: integers, columnType: 'integer[]' })
  municipalityCodes: number[] = [];

  /** When an import found the service no longer in the register for its provider. */
  @Property({ type: 'datetime', nullable: true })
  removedAt: Date | null = null;
}

/** One import of the register: the file's digest, what it changed, who ran it and when. */
@Entity({ tableName: 'provider_register_import' })
export class ProviderRegisterImport {
  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  @Property({ type: 'text' })
  sha256!: string;

  @Property({ type: 'integer' })
  sizeBytes!: number;

  @Property({ type: 'integer' })
  providersInFile!: number;

  @Property({ type: 'integer' })
  servicesInFile!: number;

  @Property({ type: 'integer' })
  providersCreated!: number;

  @Property({ type: 'integer' })
  providersUpdated!: number;

  @Property({ type: 'integer' })
  providersUnchanged!: number;

  @Property({ type: 'integer' })
  servicesCreated!: number;

  @Property({ type: 'integer' })
  servicesUpdated!: number;

  @Property({ type: 'integer' })
  servicesUnchanged!: number;

  @Property({ type: 'integer' })
  servicesEnded!: number;

  /** Token subject of whoever ran the import ("demo-data" for the demo catalogue). */
  @Property({ type: 'text' })
  importedBy!: string;

  @Property({ type: 'datetime', defaultRaw: 'now()' })
  importedAt: Opt<Date> = new Date();
}
