import { Field, Int, ObjectType } from 'type-graphql';
import { PageInfo } from './page-info.type';
import { PersonType } from './person.type';

@ObjectType('PersonEdge', { description: 'A person in a page of people.' })
export class PersonEdge {
  @Field(() => String, { description: 'Opaque cursor of this item.' })
  cursor!: string;

  @Field(() => PersonType, { description: 'The person.' })
  node!: PersonType;
}

@ObjectType('PersonConnection', { description: 'A page of people, sorted by name.' })
export class PersonConnection {
  @Field(() => [PersonEdge], { description: 'The people on this page.' })
  edges!: PersonEdge[];

  @Field(() => PageInfo, { description: 'Paging information.' })
  pageInfo!: PageInfo;

  @Field(() => Int, { description: 'How many people match, over all pages.' })
  totalCount!: number;
}
