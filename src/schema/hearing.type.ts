import { IsDate, IsEmail, IsEnum, IsOptional, IsUUID, Length } from 'class-validator';
import { Field, ID, InputType, ObjectType } from 'type-graphql';
import { HearingDecision } from '../entities/enums';
import './enums';
import { IsPlainText } from './validators';

@ObjectType('PublicHearing', { description: 'A public hearing (veřejné projednání) of a plan draft.' })
export class HearingType {
  @Field(() => ID, { description: 'Identifier.' })
  id!: string;

  @Field(() => Date, { description: 'When comments open.' })
  opensAt!: Date;

  @Field(() => Date, { description: 'When comments close.' })
  closesAt!: Date;

  areaId!: string;
}

@ObjectType('HearingComment', { description: 'A comment of the public hearing and its answer. The author\'s e-mail is never shown.' })
export class HearingCommentType {
  @Field(() => ID, { description: 'Identifier.' })
  id!: string;

  @Field(() => String, { nullable: true, description: 'Name the author gave, if any.' })
  authorName!: string | null;

  @Field(() => String, { description: 'The comment.' })
  text!: string;

  @Field(() => HearingDecision, { nullable: true, description: 'The answer; null while unanswered.' })
  decision!: HearingDecision | null;

  @Field(() => String, { nullable: true, description: 'Justification of the answer.' })
  justification!: string | null;

  @Field(() => Date, { description: 'When submitted.' })
  submittedAt!: Date;
}

@ObjectType('HearingSettlement', { description: 'The settlement table of a plan\'s public hearing, publishable as the plan\'s annex.' })
export class HearingSettlementType {
  @Field(() => [HearingCommentType], { description: 'Every comment with its answer.' })
  comments!: HearingCommentType[];

  @Field(() => String, { description: 'The table in Markdown.' })
  markdown!: string;

  @Field(() => String, { description: 'The table as CSV the way Czech Excel opens it: UTF-8 with a byte-order mark, cells quoted and separated by `;`, lines ending CRLF; a cell that would start a formula (`= + - @`) is prefixed with an apostrophe.' })
  csv!: string;
}

@InputType({ description: 'Opens the public hearing of a plan. The coordinator.' })
export class OpenPublicHearingInput {
  @Field(() => ID, { description: 'The plan.' })
  @IsUUID('all')
  planId!: string;

  @Field(() => Date, { nullable: true, description: 'When comments open; now when omitted.' })
  @IsOptional()
  @IsDate()
  opensAt?: Date | null;

  @Field(() => Date, { description: 'When comments close.' })
  @IsDate()
  closesAt!: Date;
}

@InputType({ description: 'A comment to a public hearing; anyone, also without signing in, while it is open.' })
export class SubmitHearingCommentInput {
  @Field(() => ID, { description: 'The hearing.' })
  @IsUUID('all')
  hearingId!: string;

  @Field(() => String, { nullable: true, description: 'Your name (optional, shown in the settlement).' })
  @IsOptional()
  @Length(1, 200)
  @IsPlainText()
  name?: string | null;

  @Field(() => String, { nullable: true, description: 'Your e-mail for the answer (optional, never shown).' })
  @IsOptional()
  @IsEmail()
  @Length(3, 254)
  email?: string | null;

  @Field(() => String, { description: 'The comment, up to 5,000 characters.' })
  @Length(1, 5000)
  @IsPlainText()
  text!: string;
}

@InputType({ description: 'The answer to a hearing comment. The coordinator.' })
export class AnswerHearingCommentInput {
  @Field(() => ID, { description: 'The comment.' })
  @IsUUID('all')
  commentId!: string;

  @Field(() => HearingDecision, { description: 'Accepted, partially accepted or rejected.' })
  @IsEnum(HearingDecision)
  decision!: HearingDecision;

  @Field(() => String, { description: 'Justification.' })
  @Length(1, 5000)
  @IsPlainText()
  justification!: string;
}
