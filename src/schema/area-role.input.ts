import { GraphQLLocalDate } from 'graphql-scalars';
import { IsEnum, IsOptional, IsUUID } from 'class-validator';
import { Field, ID, InputType } from 'type-graphql';
import { AreaRoleKind } from '../entities/enums';
import './enums';

@InputType({ description: 'An area role to grant. Granting a role the person already holds returns the existing assignment.' })
export class GrantAreaRoleInput {
  @Field(() => ID, { description: 'The area.' })
  @IsUUID('all')
  areaId!: string;

  @Field(() => ID, { description: 'The person, of the same area.' })
  @IsUUID('all')
  personId!: string;

  @Field(() => AreaRoleKind, { description: 'The role. Only admins grant ADMIN.' })
  @IsEnum(AreaRoleKind)
  role!: AreaRoleKind;

  @Field(() => GraphQLLocalDate, { nullable: true, description: 'First day the role counts (YYYY-MM-DD); today when omitted.' })
  @IsOptional()
  validFrom?: string;

  @Field(() => GraphQLLocalDate, { nullable: true, description: 'Last day the role counts (YYYY-MM-DD); open-ended when omitted.' })
  @IsOptional()
  validTo?: string;
}

@InputType({ description: 'An area role to revoke.' })
export class RevokeAreaRoleInput {
  @Field(() => ID, { description: 'The area.' })
  @IsUUID('all')
  areaId!: string;

  @Field(() => ID, { description: 'The person.' })
  @IsUUID('all')
  personId!: string;

  @Field(() => AreaRoleKind, { description: 'The role to revoke. Only admins revoke ADMIN.' })
  @IsEnum(AreaRoleKind)
  role!: AreaRoleKind;
}
