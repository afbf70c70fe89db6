import { councilAndAssembly, DRAFTING_TRANSITIONS, STANDARD_STAGES, workingAndSteeringGroups } from './standard.workflow';
import type { WorkflowDefinition } from './workflow-definition';

/**
 * Nový Jičín: discussion forums (working groups) → steering group → council → assembly, with no
 * social-commission step; the steering group "presents priority proposals to the council and the
 * assembly".
 */
export const novyJicinWorkflow: WorkflowDefinition = {
  key: 'novy-jicin',
  version: 1,
  name: { cs: 'Nový Jičín: bez sociální komise', en: 'Nový Jičín: no social commission' },
  initial: 'DRAFT',
  stages: STANDARD_STAGES.filter((s) => s.key !== 'SOCIAL_COMMISSION').map((s) =>
    s.key === 'WORKING_GROUP' ? { ...s, label: { cs: 'Diskusní fórum', en: 'Discussion forum' } } : s,
  ),
  transitions: [...DRAFTING_TRANSITIONS, ...workingAndSteeringGroups('COUNCIL'), ...councilAndAssembly('STEERING_GROUP')],
};
