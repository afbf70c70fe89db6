import { Field, Int, ObjectType } from 'type-graphql';
import { PageInfo } from './page-info.type';
import { ProposalType } from './proposal.type';

@ObjectType('ProposalEdge', { description: 'A proposal in a page of proposals.' })
export class ProposalEdge {
  @Field(() => String, { description: 'Opaque cursor of this item.' })
  cursor!: string;

  @Field(() => ProposalType, { description: 'The proposal.' })
  node!: ProposalType;
}

@ObjectType('ProposalConnection', { description: 'A page of proposals, newest first.' })
export class ProposalConnection {
  @Field(() => [ProposalEdge], { description: 'The proposals on this page.' })
  edges!: ProposalEdge[];

  @Field(() => PageInfo, { description: 'Paging information.' })
  pageInfo!: PageInfo;

  @Field(() => Int, { description: 'How many proposals match, over all pages.' })
  totalCount!: number;
}
