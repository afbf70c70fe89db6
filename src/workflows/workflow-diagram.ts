import { DECIDED_PHASES } from '../domain/enums';
import type { Locale } from '../domain/text';
import type { WorkflowDefinition } from './workflow-definition';

/** A Mermaid `stateDiagram-v2` of a definition, with labels in the given language. */
export function mermaidDiagram(def: WorkflowDefinition, locale: Locale): string {
  const lines = ['stateDiagram-v2', `  [*] --> ${def.initial}`];
  for (const s of def.stages) lines.push(`  ${s.key} : ${s.label[locale].replace(/:/g, '')}`);
  for (const t of def.transitions) {
    for (const from of t.from) lines.push(`  ${from} --> ${t.to} : ${t.event}`);
  }
  for (const s of def.stages.filter((x) => DECIDED_PHASES.includes(x.phase))) lines.push(`  ${s.key} --> [*]`);
  return lines.join('\n');
}
