import { GraphQLLocalDate } from 'graphql-scalars';
import { Field, ID, ObjectType } from 'type-graphql';
import type { Delegation } from '../entities/delegation.entity';
import { DelegatedPower } from '../entities/enums';
import './enums';

@ObjectType('Delegation', {
  description:
    "A chair's power delegated to another member of the body for a term (a deputy acting for the chair, a secretary convening, a member verifying minutes). Acts done under it record on whose behalf.",
})
export class DelegationType {
  @Field(() => ID, { description: 'Identifier of the delegation.' })
  id!: string;

  @Field(() => DelegatedPower, { description: 'Which of the chair\'s powers.' })
  power!: DelegatedPower;

  @Field(() => GraphQLLocalDate, { description: 'First day (YYYY-MM-DD).' })
  validFrom!: string;

  @Field(() => GraphQLLocalDate, { nullable: true, description: 'Last day (YYYY-MM-DD); null when open-ended.' })
  validTo!: string | null;

  @Field(() => Date, { nullable: true, description: 'When it was revoked; null while it stands.' })
  revokedAt!: Date | null;

  note!: string | null;

  areaId!: string;
  bodyId!: string;
  delegateId!: string;
  forPersonId!: string | null;
  grantedById!: string | null;

  static from(this: void, d: Delegation): DelegationType {
    return Object.assign(new DelegationType(), {
      id: d.id,
      power: d.power,
      validFrom: d.validFrom,
      validTo: d.validTo,
      revokedAt: d.revokedAt,
      note: d.note,
      areaId: d.areaId,
      bodyId: d.bodyId,
      delegateId: d.delegateId,
      forPersonId: d.forPersonId,
      grantedById: d.grantedById,
    });
  }
}
