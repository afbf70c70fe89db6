import { Field, ObjectType } from 'type-graphql';

@ObjectType('Viewer', { description: 'Who is asking: the signed-in identity, or the anonymous public.' })
export class ViewerType {
  @Field(() => Boolean, { description: 'False for the anonymous public (no token).' })
  authenticated!: boolean;

  @Field(() => String, { nullable: true, description: "The token's subject (`sub`)." })
  subject!: string | null;

  @Field(() => Boolean, { description: 'Whether the viewer administers every area.' })
  isGlobalAdmin!: boolean;
}
