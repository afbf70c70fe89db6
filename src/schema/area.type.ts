import { Field, ID, ObjectType } from 'type-graphql';
import { AreaKind } from '../entities/enums';
import type { PlanningArea } from '../entities/planning-area.entity';
import './enums';

@ObjectType('Area', { description: 'A planning area (tenant): a town or an ORP district running one planning process. Nothing crosses areas.' })
export class AreaType {
  @Field(() => ID, { description: 'Identifier of the area.' })
  id!: string;

  @Field(() => String, { description: 'Name, e.g. "ORP Chomutov".' })
  name!: string;

  @Field(() => AreaKind, { description: 'Town or ORP district.' })
  kind!: AreaKind;

  @Field(() => String, { description: 'Key of the approval workflow definition the area uses for new proposals.' })
  workflowKey!: string;

  @Field(() => Date, { description: 'When the area was created.' })
  createdAt!: Date;

  static from(this: void, area: PlanningArea): AreaType {
    return Object.assign(new AreaType(), {
      id: area.id,
      name: area.name,
      kind: area.kind,
      workflowKey: area.workflowKey,
      createdAt: area.createdAt,
    });
  }
}
