import { DECIDED_PHASES } from '../domain/enums';
import type { Locale } from '../domain/text';
import type { DraftDefinition } from './workflow-definition';

/** A name as a Mermaid state id: a draft's names are not checked yet, and nothing typed may break the diagram. */
const id = (name: string): string => name.replace(/[^A-Za-z0-9_]/g, '_') || '_';
/** A label on one line, without the characters Mermaid reads as syntax. */
const text = (label: string): string => label.replace(/[:;#\r\n]+/g, ' ').trim();

/** A Mermaid `stateDiagram-v2` of a definition (published or drafted), with labels in the given language. */
export function mermaidDiagram(def: Pick<DraftDefinition, 'initial' | 'stages' | 'transitions'>, locale: Locale): string {
  const lines = ['stateDiagram-v2'];
  if (def.initial) lines.push(`  [*] --> ${id(def.initial)}`);
  for (const s of def.stages) lines.push(`  ${id(s.key)} : ${text(s.label[locale])}`);
  for (const t of def.transitions) {
    for (const from of t.from) lines.push(`  ${id(from)} --> ${id(t.to)} : ${text(t.event)}`);
  }
  for (const s of def.stages.filter((x) => DECIDED_PHASES.includes(x.phase))) lines.push(`  ${id(s.key)} --> [*]`);
  return lines.join('\n');
}
