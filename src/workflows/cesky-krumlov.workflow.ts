import { standardWorkflow } from './standard.workflow';
import type { WorkflowDefinition } from './workflow-definition';

const LABELS: Record<string, { cs: string; en: string }> = {
  WORKING_GROUP: { cs: 'KS – koordinační skupina', en: 'KS – coordination group' },
  STEERING_GROUP: { cs: 'MS – manažerská skupina', en: 'MS – managerial group' },
  SOCIAL_COMMISSION: { cs: 'SK – sociální komise', en: 'SK – social commission' },
  COUNCIL: { cs: 'RM – rada města', en: 'RM – town council' },
  ASSEMBLY: { cs: 'ZM – zastupitelstvo města', en: 'ZM – town assembly' },
};

/** Český Krumlov: the standard pipeline under its own names, KS → MS → SK → RM/ZM. */
export const ceskyKrumlovWorkflow: WorkflowDefinition = {
  ...standardWorkflow,
  key: 'cesky-krumlov',
  version: 1,
  name: { cs: 'Český Krumlov: KS → MS → SK → RM/ZM', en: 'Český Krumlov: KS → MS → SK → RM/ZM' },
  stages: standardWorkflow.stages.map((s) => ({ ...s, label: LABELS[s.key] ?? s.label })),
};
