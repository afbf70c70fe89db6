import { Field, ObjectType } from 'type-graphql';

@ObjectType('PageInfo', { description: 'Where a page of a cursor connection stands.' })
export class PageInfo {
  @Field(() => Boolean, { description: 'Whether more items follow this page.' })
  hasNextPage!: boolean;

  @Field(() => String, { nullable: true, description: 'Cursor of the last item on this page; pass it as `after` for the next page.' })
  endCursor!: string | null;
}
