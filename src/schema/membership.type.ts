import { GraphQLLocalDate } from 'graphql-scalars';
import { Field, ID, ObjectType } from 'type-graphql';
import { MembershipRole, TriadSide } from '../entities/enums';
import type { Membership } from '../entities/membership.entity';
import './enums';

@ObjectType('Membership', { description: "A person's seat in a body for a period, on one side of the triad." })
export class MembershipType {
  @Field(() => ID, { description: 'Identifier of the membership.' })
  id!: string;

  @Field(() => MembershipRole, { description: 'Role in the body.' })
  role!: MembershipRole;

  @Field(() => TriadSide, { description: 'Side of the triad the person represents in this body.' })
  triadSide!: TriadSide;

  @Field(() => Boolean, { description: 'Whether the person votes.' })
  votingRight!: boolean;

  @Field(() => GraphQLLocalDate, { description: 'First day of the seat (YYYY-MM-DD).' })
  validFrom!: string;

  @Field(() => GraphQLLocalDate, { nullable: true, description: 'Last day of the seat (YYYY-MM-DD); null when open-ended.' })
  validTo!: string | null;

  areaId!: string;
  bodyId!: string;
  personId!: string;
  organisationId!: string | null;

  static from(this: void, m: Membership): MembershipType {
    return Object.assign(new MembershipType(), {
      id: m.id,
      role: m.role,
      triadSide: m.triadSide,
      votingRight: m.votingRight,
      validFrom: m.validFrom,
      validTo: m.validTo,
      organisationId: m.organisation?.id ?? null,
      areaId: m.areaId,
      bodyId: m.body.id,
      personId: m.person.id,
    });
  }
}
