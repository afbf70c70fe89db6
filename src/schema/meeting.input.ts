import { GraphQLLocalDate } from 'graphql-scalars';
import { IsBoolean, IsDate, IsEnum, IsInt, IsOptional, IsUrl, IsUUID, Length, Max, Min, ValidateNested, ArrayMaxSize, ArrayMinSize } from 'class-validator';
import { Field, ID, InputType, Int } from 'type-graphql';
import { AttendanceStatus, MeetingStatus, TriadSide } from '../entities/enums';
import './enums';
import { IsPlainText } from './validators';

@InputType({ description: 'A new meeting of a body. Scheduled by the body\'s convener.' })
export class ScheduleMeetingInput {
  @Field(() => ID, { description: 'The body.' })
  @IsUUID('all')
  bodyId!: string;

  @Field(() => String, { description: 'Title, e.g. "4. jednání pracovní skupiny".' })
  @Length(1, 300)
  @IsPlainText()
  title!: string;

  @Field(() => Date, { description: 'Start; not in the past, unless alreadyHeld.' })
  @IsDate()
  startsAt!: Date;

  @Field(() => Date, { nullable: true, description: 'End; after the start.' })
  @IsOptional()
  @IsDate()
  endsAt?: Date | null;

  @Field(() => String, { nullable: true, description: 'Place, e.g. "Chomutov, radnice, nám. 1. máje". A place or an online link is required.' })
  @IsOptional()
  @Length(1, 300)
  @IsPlainText()
  place?: string | null;

  @Field(() => String, { nullable: true, description: 'Online link (https).' })
  @IsOptional()
  @IsUrl({ protocols: ['https'], require_protocol: true })
  @Length(1, 500)
  onlineLink?: string | null;

  @Field(() => Boolean, {
    nullable: true,
    description:
      'Records a meeting already held (its start has come): it stands HELD at once, marked recordedAfterwards, and no invitations or notifications are sent. Without it a start in the past is refused.',
  })
  @IsOptional()
  @IsBoolean()
  alreadyHeld?: boolean | null;
}

@InputType({ description: 'Changes to a planned or convened meeting; omitted fields stay.' })
export class UpdateMeetingInput {
  @Field(() => ID, { description: 'The meeting.' })
  @IsUUID('all')
  meetingId!: string;

  @Field(() => String, { nullable: true, description: 'New title.' })
  @IsOptional()
  @Length(1, 300)
  @IsPlainText()
  title?: string;

  @Field(() => Date, { nullable: true, description: 'New start; not in the past.' })
  @IsOptional()
  @IsDate()
  startsAt?: Date;

  @Field(() => Date, { nullable: true, description: 'New end, or null to clear.' })
  @IsOptional()
  @IsDate()
  endsAt?: Date | null;

  @Field(() => String, { nullable: true, description: 'New place, or null to clear.' })
  @IsOptional()
  @Length(1, 300)
  @IsPlainText()
  place?: string | null;

  @Field(() => String, { nullable: true, description: 'New online link, or null to clear.' })
  @IsOptional()
  @IsUrl({ protocols: ['https'], require_protocol: true })
  @Length(1, 500)
  onlineLink?: string | null;

  @Field(() => GraphQLLocalDate, { nullable: true, description: 'Date of the next meeting (YYYY-MM-DD), as the minutes record it.' })
  @IsOptional()
  nextMeetingDate?: string | null;
}

@InputType({ description: 'Convene, hold or cancel a meeting.' })
export class MeetingActionInput {
  @Field(() => ID, { description: 'The meeting.' })
  @IsUUID('all')
  meetingId!: string;

  @Field(() => String, { nullable: true, description: 'Reason; required to cancel.' })
  @IsOptional()
  @Length(1, 2000)
  @IsPlainText()
  reason?: string | null;
}

@InputType({ description: 'An agenda item. A proposal goes on the agenda only if its materials came by the deadline; later only with an urgency reason recorded by the chair.' })
export class AddAgendaItemInput {
  @Field(() => ID, { description: 'The meeting.' })
  @IsUUID('all')
  meetingId!: string;

  @Field(() => String, { description: 'Title of the item.' })
  @Length(1, 300)
  @IsPlainText()
  title!: string;

  @Field(() => ID, { nullable: true, description: 'Who presents it, a person of the area.' })
  @IsOptional()
  @IsUUID('all')
  presenterPersonId?: string | null;

  @Field(() => ID, { nullable: true, description: 'The proposal the item is about; it must be at the stage this body handles.' })
  @IsOptional()
  @IsUUID('all')
  proposalId?: string | null;

  @Field(() => String, { nullable: true, description: 'Why late materials are taken anyway (chair only); the item is then flagged late.' })
  @IsOptional()
  @Length(1, 2000)
  @IsPlainText()
  urgencyReason?: string | null;
}

@InputType({ description: 'Moves an agenda item to another position.' })
export class MoveAgendaItemInput {
  @Field(() => ID, { description: 'The item.' })
  @IsUUID('all')
  agendaItemId!: string;

  @Field(() => Int, { description: 'New position, from 1.' })
  @IsInt()
  @Min(1)
  @Max(200)
  position!: number;
}

@InputType({ description: 'Attendance of one person.' })
export class AttendanceEntryInput {
  @Field(() => ID, { description: 'The person, of the area.' })
  @IsUUID('all')
  personId!: string;

  @Field(() => AttendanceStatus, { description: 'Present, excused or absent.' })
  @IsEnum(AttendanceStatus)
  status!: AttendanceStatus;

  @Field(() => TriadSide, { nullable: true, description: 'For a guest without a seat: the side they speak for.' })
  @IsOptional()
  guestSide?: TriadSide | null;
}

@InputType({ description: "Records attendance; a person's side and vote are taken from their seat valid on the meeting day, people without a seat are guests." })
export class RecordAttendanceInput {
  @Field(() => ID, { description: 'The meeting.' })
  @IsUUID('all')
  meetingId!: string;

  @Field(() => [AttendanceEntryInput], { description: 'One entry per person; recording a person again replaces the entry.' })
  @ValidateNested({ each: true })
  @ArrayMinSize(1)
  @ArrayMaxSize(200)
  entries!: AttendanceEntryInput[];
}

@InputType({ description: 'Which meetings to list.' })
export class MeetingFilter {
  @Field(() => ID, { description: 'The area.' })
  @IsUUID('all')
  areaId!: string;

  @Field(() => ID, { nullable: true, description: 'Only of this body.' })
  @IsOptional()
  @IsUUID('all')
  bodyId?: string | null;

  @Field(() => Date, { nullable: true, description: 'Starting at or after.' })
  @IsOptional()
  @IsDate()
  from?: Date | null;

  @Field(() => Date, { nullable: true, description: 'Starting before.' })
  @IsOptional()
  @IsDate()
  to?: Date | null;

  @Field(() => MeetingStatus, { nullable: true, description: 'Only in this status.' })
  @IsOptional()
  status?: MeetingStatus | null;
}

@InputType({ description: 'A resolution (usnesení) of a held meeting with its vote. Adopted and tied to a proposal on the agenda, it fires that proposal\'s workflow event.' })
export class RecordResolutionInput {
  @Field(() => ID, { description: 'The meeting.' })
  @IsUUID('all')
  meetingId!: string;

  @Field(() => String, { description: 'Number of the resolution, unique in the meeting, e.g. "PS4/1/2014".' })
  @Length(1, 60)
  @IsPlainText()
  number!: string;

  @Field(() => String, { description: 'Text of the resolution.' })
  @Length(1, 10_000)
  @IsPlainText()
  text!: string;

  @Field(() => Int, { description: 'Votes for.' })
  @IsInt()
  @Min(0)
  @Max(1000)
  votesFor!: number;

  @Field(() => Int, { description: 'Votes against.' })
  @IsInt()
  @Min(0)
  @Max(1000)
  votesAgainst!: number;

  @Field(() => Int, { description: 'Abstentions.' })
  @IsInt()
  @Min(0)
  @Max(1000)
  votesAbstain!: number;

  @Field(() => ID, { nullable: true, description: 'The proposal on the agenda the resolution decides.' })
  @IsOptional()
  @IsUUID('all')
  proposalId?: string | null;

  @Field(() => String, { nullable: true, description: 'The workflow event it fires when adopted, e.g. RECOMMEND or RETURN; required with proposalId.' })
  @IsOptional()
  @Length(2, 40)
  @IsPlainText()
  event?: string | null;

  @Field(() => String, { nullable: true, description: 'Reason passed to the event (to return or reject).' })
  @IsOptional()
  @Length(1, 2000)
  @IsPlainText()
  reason?: string | null;
}

@InputType({ description: "Drafts the meeting's minutes: the first draft, a change to the draft, or a new version of verified minutes." })
export class DraftMinutesInput {
  @Field(() => ID, { description: 'The meeting.' })
  @IsUUID('all')
  meetingId!: string;

  @Field(() => String, { description: 'Text of the minutes (Markdown).' })
  @Length(1, 200_000)
  @IsPlainText()
  text!: string;
}

@InputType({ description: "Verifies or distributes the current version of a meeting's minutes." })
export class MinutesActionInput {
  @Field(() => ID, { description: 'The meeting.' })
  @IsUUID('all')
  meetingId!: string;
}

@InputType({ description: 'A small document sent inline (base64, up to 64 kB); larger ones go to `POST /materials`.' })
export class AttachMaterialInput {
  @Field(() => ID, { nullable: true, description: 'The agenda item; give this or proposalId.' })
  @IsOptional()
  @IsUUID('all')
  agendaItemId?: string | null;

  @Field(() => ID, { nullable: true, description: 'The proposal; give this or agendaItemId.' })
  @IsOptional()
  @IsUUID('all')
  proposalId?: string | null;

  @Field(() => String, { description: 'File name; the same name again makes a new version.' })
  @Length(1, 200)
  @IsPlainText()
  name!: string;

  @Field(() => String, { description: 'Media type: PDF, Office and OpenDocument files, PNG, JPEG, plain text, CSV or Markdown.' })
  @Length(3, 100)
  mediaType!: string;

  @Field(() => String, { description: 'Content, base64.' })
  @Length(4, 90_000)
  contentBase64!: string;
}
