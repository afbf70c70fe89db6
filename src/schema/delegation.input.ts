import { GraphQLLocalDate } from 'graphql-scalars';
import { IsEnum, IsOptional, IsUUID, Length } from 'class-validator';
import { Field, ID, InputType } from 'type-graphql';
import { DelegatedPower } from '../entities/enums';
import './enums';
import { IsPlainText } from './validators';

@InputType({ description: "A chair's power delegated to another member of the body for a term." })
export class GrantDelegationInput {
  @Field(() => ID, { description: 'The body whose chair\'s power is delegated.' })
  @IsUUID('all')
  bodyId!: string;

  @Field(() => ID, { description: 'Who may act under it: a member of the body (not a guest), not its chair.' })
  @IsUUID('all')
  delegatePersonId!: string;

  @Field(() => DelegatedPower, { description: 'Which power: all of the chair\'s (a deputy acting for the chair), convening, or verifying minutes.' })
  @IsEnum(DelegatedPower)
  power!: DelegatedPower;

  @Field(() => GraphQLLocalDate, { nullable: true, description: 'First day (YYYY-MM-DD); today when omitted.' })
  @IsOptional()
  validFrom?: string;

  @Field(() => GraphQLLocalDate, { nullable: true, description: 'Last day (YYYY-MM-DD); open-ended when omitted (until revoked, or the delegate leaves the body).' })
  @IsOptional()
  validTo?: string | null;

  @Field(() => String, { nullable: true, description: 'Why or under which decision, e.g. "Usnesení MS č. 4/2026" or "Dovolená předsedy".' })
  @IsOptional()
  @Length(1, 500)
  @IsPlainText()
  note?: string | null;
}

@InputType({ description: 'Ends a delegation now.' })
export class RevokeDelegationInput {
  @Field(() => ID, { description: 'The delegation.' })
  @IsUUID('all')
  delegationId!: string;
}
