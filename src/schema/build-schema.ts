import 'reflect-metadata';
import type { GraphQLSchema } from 'graphql';
import { buildSchema } from 'type-graphql';
import { AreaRoleResolver } from '../resolvers/area-role.resolver';
import { AreaResolver } from '../resolvers/area.resolver';
import { BodyResolver } from '../resolvers/body.resolver';
import { MembershipResolver } from '../resolvers/membership.resolver';
import { PersonResolver } from '../resolvers/person.resolver';
import { ViewerResolver } from '../resolvers/viewer.resolver';

export const resolvers = [
  ViewerResolver,
  AreaResolver,
  PersonResolver,
  AreaRoleResolver,
  BodyResolver,
  MembershipResolver,
] as const;

/** The schema without permissions: what `schema.graphql` shows. */
export async function buildTriadaSchema(): Promise<GraphQLSchema> {
  return buildSchema({
    resolvers,
    validate: { forbidUnknownValues: true, whitelist: true },
    emitSchemaFile: false,
  });
}
