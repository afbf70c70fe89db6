import { GraphQLLocalDate } from 'graphql-scalars';
import { Field, ID, Int, ObjectType } from 'type-graphql';
import { AttendanceStatus, MeetingStatus, TriadSide } from '../entities/enums';
import type { AgendaItem } from '../entities/agenda-item.entity';
import type { Attendance } from '../entities/attendance.entity';
import type { Meeting } from '../entities/meeting.entity';
import type { Minutes } from '../entities/minutes.entity';
import type { Resolution } from '../entities/resolution.entity';
import { resolutionView } from '../mappers/resolution.mapper';
import './enums';

@ObjectType('Meeting', { description: 'A meeting of a body. Meetings of a non-public body are seen only by its members, the coordinator and support.' })
export class MeetingType {
  @Field(() => ID, { description: 'Identifier of the meeting.' })
  id!: string;

  @Field(() => String, { description: 'Title.' })
  title!: string;

  @Field(() => Date, { description: 'Start.' })
  startsAt!: Date;

  @Field(() => Date, { nullable: true, description: 'End.' })
  endsAt!: Date | null;

  @Field(() => String, { nullable: true, description: 'Place.' })
  place!: string | null;

  @Field(() => String, { nullable: true, description: 'Online link.' })
  onlineLink!: string | null;

  @Field(() => MeetingStatus, { description: 'Status.' })
  status!: MeetingStatus;

  @Field(() => Int, { description: 'Version, raised by every change.' })
  version!: number;

  @Field(() => GraphQLLocalDate, { nullable: true, description: 'Date of the next meeting (YYYY-MM-DD).' })
  nextMeetingDate!: string | null;

  @Field(() => String, { nullable: true, description: 'Why the meeting was cancelled.' })
  cancelReason!: string | null;

  @Field(() => Date, { nullable: true, description: 'When it was convened.' })
  convenedAt!: Date | null;

  @Field(() => Boolean, { description: 'Recorded after it was held (scheduleMeeting with alreadyHeld): never convened here, no invitations were sent.' })
  recordedAfterwards!: boolean;

  entity!: Meeting;

  static from(this: void, m: Meeting): MeetingType {
    return Object.assign(new MeetingType(), {
      id: m.id,
      title: m.title,
      startsAt: m.startsAt,
      endsAt: m.endsAt,
      place: m.place,
      onlineLink: m.onlineLink,
      status: m.status,
      version: m.version,
      nextMeetingDate: m.nextMeetingDate,
      cancelReason: m.cancelReason,
      convenedAt: m.convenedAt,
      recordedAfterwards: m.recordedAfterwards,
      entity: m,
    });
  }
}

@ObjectType('AgendaItem', { description: 'An item of a meeting\'s agenda.' })
export class AgendaItemType {
  @Field(() => ID, { description: 'Identifier of the item.' })
  id!: string;

  @Field(() => Int, { description: 'Position on the agenda, from 1.' })
  position!: number;

  @Field(() => String, { description: 'Title.' })
  title!: string;

  @Field(() => Boolean, { description: 'Whether its materials came after the deadline (taken with an urgency reason).' })
  late!: boolean;

  @Field(() => String, { nullable: true, description: 'Why late materials were taken.' })
  urgencyReason!: string | null;

  presenterId!: string | null;
  proposalId!: string | null;

  static from(this: void, a: AgendaItem): AgendaItemType {
    return Object.assign(new AgendaItemType(), {
      id: a.id,
      position: a.position,
      title: a.title,
      late: a.late,
      urgencyReason: a.urgencyReason,
      presenterId: a.presenter?.id ?? null,
      proposalId: a.proposal?.id ?? null,
    });
  }
}

@ObjectType('AttendanceRecord', { description: 'Whether a person attended, with the side and vote they held that day.' })
export class AttendanceType {
  @Field(() => AttendanceStatus, { description: 'Present, excused or absent.' })
  status!: AttendanceStatus;

  @Field(() => Boolean, { description: 'A guest without a seat in the body.' })
  isGuest!: boolean;

  @Field(() => TriadSide, { nullable: true, description: 'Side of the triad held that day.' })
  triadSide!: TriadSide | null;

  @Field(() => Boolean, { description: 'Whether the person could vote that day.' })
  votingRight!: boolean;

  personId!: string;

  static from(this: void, a: Attendance): AttendanceType {
    return Object.assign(new AttendanceType(), {
      status: a.status,
      isGuest: a.isGuest,
      triadSide: a.triadSide,
      votingRight: a.votingRight,
      personId: a.personId,
    });
  }
}

@ObjectType('Quorum', { description: 'Whether the body can decide: present voting members against its quorum rule.' })
export class QuorumType {
  @Field(() => Int, { description: 'Voting members present.' })
  presentVoting!: number;

  @Field(() => Int, { description: 'Voting members of the body on the meeting day.' })
  totalVoting!: number;

  @Field(() => Int, { description: 'How many must be present.' })
  required!: number;

  @Field(() => Boolean, { description: 'Whether the quorum is reached.' })
  reached!: boolean;
}

@ObjectType('TriadRepresentation', { description: 'Which sides of the triad are present with a vote.' })
export class TriadRepresentationType {
  @Field(() => [TriadSide], { description: 'Sides with at least one voting member present.' })
  present!: TriadSide[];

  @Field(() => [TriadSide], { description: 'Of commissioners, providers and service users, the sides missing.' })
  missing!: TriadSide[];

  @Field(() => Boolean, { description: 'Whether commissioners, providers and service users are all present with a vote.' })
  complete!: boolean;
}

@ObjectType('Resolution', { description: 'A resolution (usnesení) of a meeting with its vote.' })
export class ResolutionType {
  @Field(() => ID, { description: 'Identifier of the resolution.' })
  id!: string;

  @Field(() => String, { description: 'Number of the resolution.' })
  number!: string;

  @Field(() => String, { description: 'Text.' })
  text!: string;

  @Field(() => Int, { description: 'Votes for.' })
  votesFor!: number;

  @Field(() => Int, { description: 'Votes against.' })
  votesAgainst!: number;

  @Field(() => Int, { description: 'Abstentions.' })
  votesAbstain!: number;

  @Field(() => Boolean, { description: 'Adopted: a quorum present and more than half of the present voters for.' })
  adopted!: boolean;

  @Field(() => String, { nullable: true, description: 'The workflow event it fired on its proposal.' })
  event!: string | null;

  proposalId!: string | null;

  static from(this: void, r: Resolution): ResolutionType {
    return Object.assign(new ResolutionType(), resolutionView(r));
  }
}

@ObjectType('Minutes', { description: 'A version of the minutes (zápis) of a meeting. Verified versions are frozen; a change makes a new version.' })
export class MinutesType {
  @Field(() => Int, { description: 'Version, from 1.' })
  version!: number;

  @Field(() => String, { description: 'Text (Markdown).' })
  text!: string;

  @Field(() => Date, { description: 'When this version was drafted.' })
  draftedAt!: Date;

  @Field(() => Date, { nullable: true, description: 'When the chair verified it.' })
  verifiedAt!: Date | null;

  @Field(() => Date, { nullable: true, description: 'When it was sent to the members.' })
  distributedAt!: Date | null;

  id!: string;
  draftedById!: string;
  verifiedById!: string | null;
  verifiedOnBehalfOfId!: string | null;

  static from(this: void, m: Minutes): MinutesType {
    return Object.assign(new MinutesType(), {
      id: m.id,
      version: m.version,
      text: m.text,
      draftedAt: m.draftedAt,
      verifiedAt: m.verifiedAt,
      distributedAt: m.distributedAt,
      draftedById: m.draftedBy.id,
      verifiedById: m.verifiedBy?.id ?? null,
      verifiedOnBehalfOfId: m.verifiedOnBehalfOfId,
    });
  }
}

@ObjectType('MinutesRecipient', { description: 'Who received a version of the minutes, and when.' })
export class MinutesRecipientType {
  @Field(() => Date, { description: 'When it was sent.' })
  sentAt!: Date;

  personId!: string;
}
