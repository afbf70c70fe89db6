import { Migration } from '@mikro-orm/migrations';
import type { DiscardedRows } from './reversal';

/**
 * The public provider catalogue, loaded from the national register of social-service providers
 * (Registr poskytovatelů sociálních služeb, MPSV open data). The catalogue is national: providers
 * and services belong to no area. A service names the municipalities it serves by their codes
 * (kód obce), and `municipality.code` matches them to the municipalities of our areas at query
 * time, so no national row refers to an area-owned one.
 */
export class Migration20261125130000_provider_catalogue extends Migration {
  static readonly downDiscards: readonly DiscardedRows[] = [{ table: 'provider' }, { table: 'social_service' }, { table: 'provider_register_import' }, { table: 'municipality', where: 'code is not null' }];

  override up(): void {
    this.addSql(`
      alter table municipality add column code integer check (code between 500000 and 599999);
      create unique index municipality_area_code_uq on municipality (area_id, code) where code is not null;
      create index municipality_code_idx on municipality (code) where code is not null;

      create table provider (
        id uuid primary key,
        ico text not null check (ico ~ '^[0-9]{8}$'),
        name text not null check (name <> ''),
        legal_form_code text check (legal_form_code ~ '^[0-9]{3}$'),
        emails text[] not null default '{}',
        phones text[] not null default '{}',
        websites text[] not null default '{}',
        address jsonb,
        created_at timestamptz not null default now(),
        updated_at timestamptz not null default now()
      );
      create unique index provider_ico_uq on provider (ico);
      create index provider_name_idx on provider (name, id);

      create table social_service (
        id uuid primary key,
        provider_id uuid not null references provider (id),
        identifier text not null check (identifier ~ '^[0-9]{1,12}$'),
        service_type text not null check (service_type in (
          'PROFESSIONAL_SOCIAL_COUNSELLING', 'PERSONAL_ASSISTANCE', 'HOME_CARE', 'EMERGENCY_CARE',
          'GUIDE_AND_READING_SERVICES', 'SUPPORTED_INDEPENDENT_LIVING', 'RESPITE_CARE', 'DAY_SERVICE_CENTRES',
          'DAY_CARE_CENTRES', 'WEEKLY_CARE_CENTRES', 'HOMES_FOR_PEOPLE_WITH_DISABILITIES', 'HOMES_FOR_SENIORS',
          'SPECIAL_REGIME_HOMES', 'SHELTERED_HOUSING', 'SOCIAL_SERVICES_IN_INPATIENT_HEALTH_CARE', 'EARLY_INTERVENTION',
          'CRISIS_HELPLINE', 'INTERPRETING_SERVICES', 'SHELTERS', 'HALFWAY_HOUSES', 'CONTACT_CENTRES',
          'CRISIS_ASSISTANCE', 'INTERVENTION_CENTRES', 'LOW_THRESHOLD_DAY_CENTRES',
          'LOW_THRESHOLD_FACILITIES_FOR_CHILDREN_AND_YOUTH', 'NIGHT_SHELTERS', 'AFTERCARE_SERVICES',
          'SOCIAL_ACTIVATION_FOR_FAMILIES_WITH_CHILDREN', 'SOCIAL_ACTIVATION_FOR_SENIORS_AND_PEOPLE_WITH_DISABILITIES',
          'SOCIAL_THERAPEUTIC_WORKSHOPS', 'THERAPEUTIC_COMMUNITIES', 'OUTREACH_PROGRAMMES', 'SOCIAL_REHABILITATION'
        )),
        provided_from date,
        provided_to date,
        target_groups text[] not null default '{}',
        forms jsonb not null default '[]',
        facilities jsonb not null default '[]',
        municipality_codes integer[] not null default '{}',
        emails text[] not null default '{}',
        phones text[] not null default '{}',
        websites text[] not null default '{}',
        removed_at timestamptz,
        created_at timestamptz not null default now(),
        updated_at timestamptz not null default now(),
        check (provided_to is null or provided_from is null or provided_to >= provided_from)
      );
      create unique index social_service_identifier_uq on social_service (identifier);
      create index social_service_provider_idx on social_service (provider_id);
      create index social_service_type_idx on social_service (service_type);
      create index social_service_municipalities_idx on social_service using gin (municipality_codes);
      create index social_service_target_groups_idx on social_service using gin (target_groups);

      create table provider_register_import (
        id uuid primary key,
        sha256 text not null check (sha256 ~ '^[0-9a-f]{64}$'),
        size_bytes integer not null check (size_bytes >= 0),
        providers_in_file integer not null check (providers_in_file >= 0),
        services_in_file integer not null check (services_in_file >= 0),
        providers_created integer not null check (providers_created >= 0),
        providers_updated integer not null check (providers_updated >= 0),
        providers_unchanged integer not null check (providers_unchanged >= 0),
        services_created integer not null check (services_created >= 0),
        services_updated integer not null check (services_updated >= 0),
        services_unchanged integer not null check (services_unchanged >= 0),
        services_ended integer not null check (services_ended >= 0),
        imported_by text not null,
        imported_at timestamptz not null default now()
      );
      create index provider_register_import_at_idx on provider_register_import (imported_at);
    `);
  }

  override down(): void {
    this.addSql(`
      drop table provider_register_import;
      drop table social_service;
      drop table provider;
      drop index municipality_code_idx;
      drop index municipality_area_code_uq;
      alter table municipality drop column code;
    `);
  }
}
