import { Migration20261125000000_organisation } from './Migration20261125000000_organisation';
import { Migration20261125010000_proposals } from './Migration20261125010000_proposals';
import { Migration20261125020000_meetings } from './Migration20261125020000_meetings';
import { Migration20261125030000_resolutions } from './Migration20261125030000_resolutions';
import { Migration20261125040000_minutes } from './Migration20261125040000_minutes';
import { Migration20261125050000_materials } from './Migration20261125050000_materials';
import { Migration20261125060000_notifications } from './Migration20261125060000_notifications';
import { Migration20261125070000_plans } from './Migration20261125070000_plans';
import { Migration20261125080000_risks_stakeholders } from './Migration20261125080000_risks_stakeholders';
import { Migration20261125090000_public_hearing } from './Migration20261125090000_public_hearing';
import { Migration20261125100000_analysis } from './Migration20261125100000_analysis';
import { Migration20261125110000_action_plans } from './Migration20261125110000_action_plans';
import { Migration20261125120000_plan_monitoring } from './Migration20261125120000_plan_monitoring';
import { Migration20261125130000_provider_catalogue } from './Migration20261125130000_provider_catalogue';
import { Migration20261125140000_bench_indexes } from './Migration20261125140000_bench_indexes';
import { Migration20261125150000_personal_data } from './Migration20261125150000_personal_data';
import { Migration20261125160000_area_role_terms } from './Migration20261125160000_area_role_terms';
import { Migration20261125170000_organisations } from './Migration20261125170000_organisations';
import { Migration20261125180000_guarantors } from './Migration20261125180000_guarantors';
import { Migration20261201000000_calendar_feeds } from './Migration20261201000000_calendar_feeds';
import { Migration20261202000000_delegations } from './Migration20261202000000_delegations';
import { Migration20261202000000_email_delivery } from './Migration20261202000000_email_delivery';
import { Migration20261202100000_proposal_phase } from './Migration20261202100000_proposal_phase';
import { Migration20261202120000_notification_body } from './Migration20261202120000_notification_body';
import { Migration20261202130000_indicator_value_corrections } from './Migration20261202130000_indicator_value_corrections';
import { Migration20261202170000_change_signals } from './Migration20261202170000_change_signals';
import { Migration20261203080000_workflow_records } from './Migration20261203080000_workflow_records';
import { Migration20261203120000_meeting_record_rules } from './Migration20261203120000_meeting_record_rules';
import { Migration20261204090000_proposal_handled_bodies } from './Migration20261204090000_proposal_handled_bodies';
import type { ShippedMigration } from './reversal';

/**
 * Every migration, in order. Listed explicitly (not discovered from the folder) so that the same
 * list runs from TypeScript in tests and from the compiled build. Each says what reverting it
 * discards (`downDiscards`, migrations/reversal.ts).
 */
export const migrationsList: ShippedMigration[] = [
  { name: 'Migration20261125000000_organisation', class: Migration20261125000000_organisation },
  { name: 'Migration20261125010000_proposals', class: Migration20261125010000_proposals },
  { name: 'Migration20261125020000_meetings', class: Migration20261125020000_meetings },
  { name: 'Migration20261125030000_resolutions', class: Migration20261125030000_resolutions },
  { name: 'Migration20261125040000_minutes', class: Migration20261125040000_minutes },
  { name: 'Migration20261125050000_materials', class: Migration20261125050000_materials },
  { name: 'Migration20261125060000_notifications', class: Migration20261125060000_notifications },
  { name: 'Migration20261125070000_plans', class: Migration20261125070000_plans },
  { name: 'Migration20261125080000_risks_stakeholders', class: Migration20261125080000_risks_stakeholders },
  { name: 'Migration20261125090000_public_hearing', class: Migration20261125090000_public_hearing },
  { name: 'Migration20261125100000_analysis', class: Migration20261125100000_analysis },
  { name: 'Migration20261125110000_action_plans', class: Migration20261125110000_action_plans },
  { name: 'Migration20261125120000_plan_monitoring', class: Migration20261125120000_plan_monitoring },
  { name: 'Migration20261125130000_provider_catalogue', class: Migration20261125130000_provider_catalogue },
  { name: 'Migration20261125140000_bench_indexes', class: Migration20261125140000_bench_indexes },
  { name: 'Migration20261125150000_personal_data', class: Migration20261125150000_personal_data },
  { name: 'Migration20261125160000_area_role_terms', class: Migration20261125160000_area_role_terms },
  { name: 'Migration20261125170000_organisations', class: Migration20261125170000_organisations },
  { name: 'Migration20261125180000_guarantors', class: Migration20261125180000_guarantors },
  { name: 'Migration20261201000000_calendar_feeds', class: Migration20261201000000_calendar_feeds },
  { name: 'Migration20261202000000_delegations', class: Migration20261202000000_delegations },
  { name: 'Migration20261202000000_email_delivery', class: Migration20261202000000_email_delivery },
  { name: 'Migration20261202100000_proposal_phase', class: Migration20261202100000_proposal_phase },
  { name: 'Migration20261202120000_notification_body', class: Migration20261202120000_notification_body },
  { name: 'Migration20261202130000_indicator_value_corrections', class: Migration20261202130000_indicator_value_corrections },
  { name: 'Migration20261202170000_change_signals', class: Migration20261202170000_change_signals },
  { name: 'Migration20261203080000_workflow_records', class: Migration20261203080000_workflow_records },
  { name: 'Migration20261203120000_meeting_record_rules', class: Migration20261203120000_meeting_record_rules },
  { name: 'Migration20261204090000_proposal_handled_bodies', class: Migration20261204090000_proposal_handled_bodies },
];
