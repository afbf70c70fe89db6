import { Field, ID, ObjectType, registerEnumType } from 'type-graphql';
import { DeskChangeKind, type DeskChange } from '../domain/live';

registerEnumType(DeskChangeKind, {
  name: 'DeskChangeKind',
  description: 'What a change of the desk is about.',
  valuesConfig: {
    PROPOSAL: { description: 'A proposal the viewer may see changed (moved, edited or new).' },
    MEETING: { description: 'A meeting the viewer may see changed: its time, place, agenda, attendance or minutes.' },
    NOTIFICATION: { description: 'A notification to the viewer arrived.' },
  },
});

@ObjectType('DeskChange', { description: 'Something on the viewer\'s desk changed: read the desk again, or only the subject.' })
export class DeskChangeType {
  @Field(() => DeskChangeKind, { description: 'What changed.' })
  kind!: DeskChangeKind;

  @Field(() => ID, { description: 'The proposal, meeting or notification that changed.' })
  subjectId!: string;

  @Field(() => ID, { description: 'The area it belongs to.' })
  areaId!: string;

  static from(this: void, c: DeskChange): DeskChangeType {
    return { kind: c.kind, subjectId: c.subjectId, areaId: c.areaId };
  }
}
