import { Field, Int, ObjectType } from 'type-graphql';
import { MeetingType } from './meeting.type';
import { PageInfo } from './page-info.type';

@ObjectType('MeetingEdge', { description: 'A meeting in a page of meetings.' })
export class MeetingEdge {
  @Field(() => String, { description: 'Opaque cursor of this item.' })
  cursor!: string;

  @Field(() => MeetingType, { description: 'The meeting.' })
  node!: MeetingType;
}

@ObjectType('MeetingConnection', { description: 'A page of meetings, by start time.' })
export class MeetingConnection {
  @Field(() => [MeetingEdge], { description: 'The meetings on this page.' })
  edges!: MeetingEdge[];

  @Field(() => PageInfo, { description: 'Paging information.' })
  pageInfo!: PageInfo;

  @Field(() => Int, { description: 'How many meetings match, over all pages.' })
  totalCount!: number;
}
