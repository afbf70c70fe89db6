import { Field, ID, Int, ObjectType } from 'type-graphql';
import type { Body } from '../entities/body.entity';
import { BodyKind, Convener, MinuteTaker, QuorumRule, TargetGroup } from '../entities/enums';
import './enums';

@ObjectType('Body', { description: 'A body of the planning process (working group, steering group, social commission, council, assembly) with its rules.' })
export class BodyType {
  @Field(() => ID, { description: 'Identifier of the body.' })
  id!: string;

  @Field(() => BodyKind, { description: 'Kind of body; decides which pipeline stage it handles.' })
  kind!: BodyKind;

  @Field(() => String, { description: 'Name, e.g. "Pracovní skupina Senioři".' })
  name!: string;

  @Field(() => String, { nullable: true, description: 'Short name used in the area, e.g. "KS", "MS", "SK".' })
  shortName!: string | null;

  @Field(() => String, { nullable: true, description: 'What the body does.' })
  description!: string | null;

  @Field(() => TargetGroup, { nullable: true, description: 'Target group a working group plans for.' })
  targetGroup!: TargetGroup | null;

  @Field(() => Boolean, { description: 'Whether the body and its meetings are public.' })
  isPublic!: boolean;

  @Field(() => Int, { description: 'Written materials are due this many days before a meeting.' })
  materialsLeadDays!: number;

  @Field(() => Int, { description: 'Minutes go out within this many days after a meeting.' })
  minutesDueDays!: number;

  @Field(() => QuorumRule, { description: 'What makes a quorum.' })
  quorumRule!: QuorumRule;

  @Field(() => Convener, { description: 'Who convenes the meetings.' })
  convener!: Convener;

  @Field(() => MinuteTaker, { description: 'Who writes the minutes.' })
  minuteTaker!: MinuteTaker;

  areaId!: string;
  reportsToId!: string | null;

  static from(this: void, b: Body): BodyType {
    return Object.assign(new BodyType(), {
      id: b.id,
      kind: b.kind,
      name: b.name,
      shortName: b.shortName,
      description: b.description,
      targetGroup: b.targetGroup,
      isPublic: b.isPublic,
      materialsLeadDays: b.materialsLeadDays,
      minutesDueDays: b.minutesDueDays,
      quorumRule: b.quorumRule,
      convener: b.convener,
      minuteTaker: b.minuteTaker,
      areaId: b.areaId,
      reportsToId: b.reportsTo?.id ?? null,
    });
  }
}
