import { IsOptional } from 'class-validator';
import { ArgsType, Field, Int } from 'type-graphql';
import type { PageArgs } from '../common/cursor';

/**
 * The paging arguments every connection takes (the Relay cursor connection spec). Their
 * combinations and sizes are checked by the service (`pageRequest`), with texts of our own.
 */
@ArgsType()
export class ConnectionArgs implements PageArgs {
  @Field(() => Int, {
    nullable: true,
    description: 'Forward paging: how many items from the start of the list (or after `after`), 1–100. 20 when neither `first` nor `last` is given. Not with `last` or `before`.',
  })
  @IsOptional()
  first?: number | null;

  @Field(() => String, {
    nullable: true,
    description: 'Forward paging: the page starts after this cursor (`pageInfo.endCursor` of the page before, from the same list in the same order). Not with `last` or `before`.',
  })
  @IsOptional()
  after?: string | null;

  @Field(() => Int, {
    nullable: true,
    description: "Backward paging: how many items from the end of the list (or just before `before`), 1–100; they come in the list's own order. Not with `first`.",
  })
  @IsOptional()
  last?: number | null;

  @Field(() => String, {
    nullable: true,
    description: 'Backward paging: the page ends just before this cursor (`pageInfo.startCursor` of the page after, from the same list in the same order); alone, 20 items. Not with `first` or `after`.',
  })
  @IsOptional()
  before?: string | null;
}
