import { IsEnum, IsInt, IsOptional, IsUUID, Length, Max, Min } from 'class-validator';
import { Field, ID, InputType, Int } from 'type-graphql';
import { BodyKind, Convener, MinuteTaker, QuorumRule, TargetGroup } from '../entities/enums';
import './enums';
import { IsPlainText } from './validators';

@InputType({
  description:
    'A new body. Rules left out take the defaults of its kind: materials 5 days ahead for working and steering groups, 3 for the commission, 7 for council and assembly; minutes within 7 days (14 for council and assembly); working groups and the assembly public, the rest not; quorum by majority; working groups convened by their chair or the coordinator, the steering group by the coordinator, the others by their chair.',
})
export class CreateBodyInput {
  @Field(() => ID, { description: 'The area.' })
  @IsUUID('all')
  areaId!: string;

  @Field(() => BodyKind, { description: 'Kind of body.' })
  @IsEnum(BodyKind)
  kind!: BodyKind;

  @Field(() => String, { description: 'Name, unique in the area.' })
  @Length(1, 200)
  @IsPlainText()
  name!: string;

  @Field(() => String, { nullable: true, description: 'Short name, e.g. "KS".' })
  @IsOptional()
  @Length(1, 20)
  @IsPlainText()
  shortName?: string | null;

  @Field(() => String, { nullable: true, description: 'What the body does.' })
  @IsOptional()
  @Length(1, 2000)
  @IsPlainText()
  description?: string | null;

  @Field(() => TargetGroup, { nullable: true, description: 'Target group of a working group.' })
  @IsOptional()
  targetGroup?: TargetGroup | null;

  @Field(() => ID, { nullable: true, description: 'The body this one reports to: of the same area and of a later kind.' })
  @IsOptional()
  @IsUUID('all')
  reportsToBodyId?: string | null;

  @Field(() => Boolean, { nullable: true, description: 'Whether the body and its meetings are public.' })
  @IsOptional()
  isPublic?: boolean;

  @Field(() => Int, { nullable: true, description: 'Days before a meeting the written materials are due (0–60).' })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(60)
  materialsLeadDays?: number;

  @Field(() => Int, { nullable: true, description: 'Days after a meeting within which the minutes go out (1–90).' })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(90)
  minutesDueDays?: number;

  @Field(() => QuorumRule, { nullable: true, description: 'What makes a quorum.' })
  @IsOptional()
  quorumRule?: QuorumRule;

  @Field(() => Convener, { nullable: true, description: 'Who convenes the meetings.' })
  @IsOptional()
  convener?: Convener;

  @Field(() => MinuteTaker, { nullable: true, description: 'Who writes the minutes; the coordinator when omitted.' })
  @IsOptional()
  minuteTaker?: MinuteTaker;
}

@InputType({ description: 'Changes to a body; omitted fields stay, null clears an optional field. The kind cannot change.' })
export class UpdateBodyInput {
  @Field(() => ID, { description: 'The body.' })
  @IsUUID('all')
  bodyId!: string;

  @Field(() => String, { nullable: true, description: 'New name; omit to keep (null is refused).' })
  @IsOptional()
  @Length(1, 200)
  @IsPlainText()
  name?: string;

  @Field(() => String, { nullable: true, description: 'New short name, or null to clear.' })
  @IsOptional()
  @Length(1, 20)
  @IsPlainText()
  shortName?: string | null;

  @Field(() => String, { nullable: true, description: 'New description, or null to clear.' })
  @IsOptional()
  @Length(1, 2000)
  @IsPlainText()
  description?: string | null;

  @Field(() => TargetGroup, { nullable: true, description: 'New target group, or null to clear.' })
  @IsOptional()
  targetGroup?: TargetGroup | null;

  @Field(() => ID, { nullable: true, description: 'New parent body, or null to detach.' })
  @IsOptional()
  @IsUUID('all')
  reportsToBodyId?: string | null;

  @Field(() => Boolean, { nullable: true, description: 'Whether public; omit to keep (null is refused).' })
  @IsOptional()
  isPublic?: boolean | null;

  @Field(() => Int, { nullable: true, description: 'Days before a meeting the materials are due (0–60); omit to keep (null is refused).' })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(60)
  materialsLeadDays?: number | null;

  @Field(() => Int, { nullable: true, description: 'Days after a meeting the minutes go out (1–90); omit to keep (null is refused).' })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(90)
  minutesDueDays?: number | null;

  @Field(() => QuorumRule, { nullable: true, description: 'What makes a quorum; omit to keep (null is refused).' })
  @IsOptional()
  quorumRule?: QuorumRule | null;

  @Field(() => Convener, { nullable: true, description: 'Who convenes the meetings; omit to keep (null is refused).' })
  @IsOptional()
  convener?: Convener | null;

  @Field(() => MinuteTaker, { nullable: true, description: 'Who writes the minutes; omit to keep (null is refused).' })
  @IsOptional()
  minuteTaker?: MinuteTaker | null;
}
