/** Keys of the approval workflow definitions an area may choose. */
export const WORKFLOW_KEYS = ['standard', 'novy-jicin', 'cesky-krumlov'] as const;

export function isWorkflowKey(key: string): boolean {
  return (WORKFLOW_KEYS as readonly string[]).includes(key);
}
