import { GraphQLLocalDate } from 'graphql-scalars';
import { IsEnum, IsBoolean, IsOptional, IsUUID } from 'class-validator';
import { Field, ID, InputType } from 'type-graphql';
import { MembershipRole, TriadSide } from '../entities/enums';
import './enums';

@InputType({ description: 'A seat for a person in a body.' })
export class AddMembershipInput {
  @Field(() => ID, { description: 'The body.' })
  @IsUUID('all')
  bodyId!: string;

  @Field(() => ID, { description: 'The person, of the same area.' })
  @IsUUID('all')
  personId!: string;

  @Field(() => MembershipRole, { description: 'Role in the body. A body has at most one chair at a time.' })
  @IsEnum(MembershipRole)
  role!: MembershipRole;

  @Field(() => TriadSide, { description: 'Side of the triad the person represents.' })
  @IsEnum(TriadSide)
  triadSide!: TriadSide;

  @Field(() => Boolean, { nullable: true, description: 'Whether the person votes; true when omitted, except for guests, who never vote.' })
  @IsOptional()
  @IsBoolean()
  votingRight?: boolean;

  @Field(() => GraphQLLocalDate, { nullable: true, description: 'First day (YYYY-MM-DD); today when omitted.' })
  @IsOptional()
  validFrom?: string;

  @Field(() => GraphQLLocalDate, { nullable: true, description: 'Last day (YYYY-MM-DD); open-ended when omitted.' })
  @IsOptional()
  validTo?: string | null;

  @Field(() => ID, {
    nullable: true,
    description: 'The organisation the person represents in the body (e.g. the provider they work for), of the same area. It decides conflicts of interest and who acts for a guarantor organisation.',
  })
  @IsOptional()
  @IsUUID('all')
  organisationId?: string | null;
}

@InputType({ description: 'Ends a seat in a body.' })
export class EndMembershipInput {
  @Field(() => ID, { description: 'The membership.' })
  @IsUUID('all')
  membershipId!: string;

  @Field(() => GraphQLLocalDate, { nullable: true, description: 'Last day of the seat (YYYY-MM-DD); today when omitted. Not before its first day.' })
  @IsOptional()
  validTo?: string;
}
