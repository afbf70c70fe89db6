import { Field, ObjectType } from 'type-graphql';
import type { Page } from '../common/cursor';

@ObjectType('PageInfo', {
  description:
    'Where a page of a cursor connection stands (the Relay cursor connection spec). A page goes one way: forward with `first` and `after`, or backward with `last` and `before`; either way its items are in the list\'s own order.',
})
export class PageInfo {
  @Field(() => Boolean, {
    description: 'Whether more items follow this page. Forward: exactly so. Backward: true when `before` was given (the item it names follows), false otherwise (the page is the end of the list).',
  })
  hasNextPage!: boolean;

  @Field(() => Boolean, {
    description: 'Whether more items precede this page. Backward: exactly so. Forward: true when `after` was given (the item it names precedes), false otherwise (the page is the start of the list).',
  })
  hasPreviousPage!: boolean;

  @Field(() => String, { nullable: true, description: 'Cursor of the first item on this page; pass it as `before` for the page before. Null when the page is empty.' })
  startCursor!: string | null;

  @Field(() => String, { nullable: true, description: 'Cursor of the last item on this page; pass it as `after` for the next page. Null when the page is empty.' })
  endCursor!: string | null;

  /** The page info of a page whose edges are these. */
  static of(page: Pick<Page<unknown>, 'hasNextPage' | 'hasPreviousPage'>, edges: ReadonlyArray<{ cursor: string }>): PageInfo {
    return {
      hasNextPage: page.hasNextPage,
      hasPreviousPage: page.hasPreviousPage,
      startCursor: edges[0]?.cursor ?? null,
      endCursor: edges.at(-1)?.cursor ?? null,
    };
  }
}
