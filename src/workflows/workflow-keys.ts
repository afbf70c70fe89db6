import { latestVersions } from './workflow-registry';

/** Keys of the approval workflow definitions an area may choose. */
export const WORKFLOW_KEYS: readonly string[] = [...latestVersions().keys()];

export function isWorkflowKey(key: string): boolean {
  return WORKFLOW_KEYS.includes(key);
}
