import { GraphQLLocalDate } from 'graphql-scalars';
import { Field, ID, ObjectType } from 'type-graphql';
import type { AreaRole } from '../entities/area-role.entity';
import { AreaRoleKind } from '../entities/enums';
import './enums';

@ObjectType('AreaRoleAssignment', { description: 'An area role held by a person for a period.' })
export class AreaRoleType {
  @Field(() => ID, { description: 'Identifier of the assignment.' })
  id!: string;

  @Field(() => AreaRoleKind, { description: 'The role.' })
  role!: AreaRoleKind;

  @Field(() => GraphQLLocalDate, { description: 'First day the role counts (YYYY-MM-DD).' })
  validFrom!: string;

  @Field(() => GraphQLLocalDate, { nullable: true, description: 'Last day the role counts (YYYY-MM-DD); null when open-ended.' })
  validTo!: string | null;

  @Field(() => Date, { nullable: true, description: 'When the role was revoked; a revoked role no longer counts.' })
  revokedAt!: Date | null;

  areaId!: string;
  personId!: string;

  static from(this: void, r: AreaRole): AreaRoleType {
    return Object.assign(new AreaRoleType(), {
      id: r.id,
      role: r.role,
      validFrom: r.validFrom,
      validTo: r.validTo,
      revokedAt: r.revokedAt,
      areaId: r.areaId,
      personId: r.person.id,
    });
  }
}
