import { Field, Int, ObjectType } from 'type-graphql';
import { OrganisationType } from './organisation.type';
import { PageInfo } from './page-info.type';

@ObjectType('OrganisationEdge', { description: 'An organisation in a page of organisations.' })
export class OrganisationEdge {
  @Field(() => String, { description: 'Opaque cursor of this item.' })
  cursor!: string;

  @Field(() => OrganisationType, { description: 'The organisation.' })
  node!: OrganisationType;
}

@ObjectType('OrganisationConnection', { description: 'A page of organisations, sorted by name.' })
export class OrganisationConnection {
  @Field(() => [OrganisationEdge], { description: 'The organisations on this page.' })
  edges!: OrganisationEdge[];

  @Field(() => PageInfo, { description: 'Paging information.' })
  pageInfo!: PageInfo;

  @Field(() => Int, { description: 'How many organisations match, over all pages.' })
  totalCount!: number;
}
