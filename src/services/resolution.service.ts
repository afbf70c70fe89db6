import { LockMode } from '@mikro-orm/core';
import type { RequestContext } from '../context';
import { AgendaItem } from '../entities/agenda-item.entity';
import { isAdopted } from '../domain/quorum';
import { authorize } from '../auth/authority';
import { bodyResource } from '../auth/resources';
import { Meeting } from '../entities/meeting.entity';
import { Person } from '../entities/person.entity';
import { Proposal } from '../entities/proposal.entity';
import { Resolution } from '../entities/resolution.entity';
import { badInput, conflict } from '../errors/app-errors';
import type { MeetingService } from './meeting.service';
import type { ProposalService } from './proposal.service';
import { uniqueOrConflict } from './unique';

/**
 * A resolution adopted at a held meeting, with the votes and, where it decides a proposal, the event
 * it fires (a resolver passes its GraphQL input, which has this shape).
 */
export interface RecordResolutionCommand {
  meetingId: string;
  number: string;
  text: string;
  votesFor: number;
  votesAgainst: number;
  votesAbstain: number;
  proposalId?: string | null;
  event?: string | null;
  reason?: string | null;
}

const MEETING_CHANGED = {
  cs: 'Jednání se mezitím změnilo (prezence, zápis); načtěte je znovu.',
  en: 'The meeting has changed since you loaded it (attendance, minutes); reload it.',
};

/** Resolutions of meetings; an adopted one about a proposal moves it, in the same transaction. */
export class ResolutionService {
  constructor(private readonly meetings: MeetingService, private readonly proposals: ProposalService) {}

  async ofMeeting(ctx: RequestContext, meeting: Meeting): Promise<Resolution[]> {
    return ctx.loaders.childrenOf(Resolution, 'meeting', { createdAt: 'asc', id: 'asc' }).load(meeting.id);
  }

  async record(ctx: RequestContext, input: RecordResolutionCommand): Promise<Resolution> {
    const meeting = await this.meetings.get(ctx, input.meetingId);
    const body = (await ctx.loaders.bodyById.load(meeting.body.id))!;
    authorize(ctx, 'meeting.recordResolution', bodyResource(body), 'Meeting', meeting.id);
    const person = ctx.viewer.personIn(meeting.areaId) as Person;
    this.meetings.refuseChange(ctx, meeting, 'recordResolution');
    const quorum = await this.meetings.quorum(ctx, meeting);
    const cast = input.votesFor + input.votesAgainst + input.votesAbstain;
    if (cast > quorum.presentVoting) {
      throw badInput(ctx.locale, [
        { field: 'votesFor', text: { cs: `Hlasů je víc (${cast}) než přítomných s hlasem (${quorum.presentVoting}).`, en: `More votes (${cast}) than voters present (${quorum.presentVoting}).` } },
      ]);
    }
    if (Boolean(input.proposalId) !== Boolean(input.event)) {
      throw badInput(ctx.locale, [{ field: input.proposalId ? 'event' : 'proposalId', text: { cs: 'Návrh a událost se uvádějí spolu.', en: 'proposalId and event go together.' } }]);
    }
    if (input.proposalId && !(await ctx.em.count(AgendaItem, { meeting: meeting.id, proposal: input.proposalId }))) {
      throw badInput(ctx.locale, [{ field: 'proposalId', text: { cs: 'Návrh není na programu jednání.', en: 'The proposal is not on the agenda.' } }]);
    }
    const adopted = isAdopted(quorum, input.votesFor);
    const sides = (await this.meetings.triadRepresentation(ctx, meeting)).present;
    // Everything the proposal's transition judges is read now: the transaction below holds one
    // connection only and takes its locks in one order, the meeting's and then the proposal's.
    const fire =
      adopted && input.proposalId && input.event
        ? await this.proposals.prepareTransition(
            ctx,
            {
              proposalId: input.proposalId,
              event: input.event,
              expectedVersion: (await this.proposals.get(ctx, input.proposalId)).version,
              reason: input.reason ?? null,
              resolutionNumber: input.number,
            },
            { meetingId: meeting.id, bodyId: body.id, votingSides: sides },
          )
        : null;

    const recorded = await uniqueOrConflict(ctx, { cs: 'Usnesení s tímto číslem už jednání má.', en: 'The meeting already has a resolution of this number.' }, 'number', () =>
      ctx.em.transactional(async (em) => {
        // The meeting's lock serialises its resolutions and keeps its attendance as counted above;
        // attendance or minutes recorded since (a new version) make the count stale.
        const locked = await em.findOneOrFail(Meeting, { id: meeting.id }, { lockMode: LockMode.PESSIMISTIC_WRITE, refresh: true });
        if (locked.version !== meeting.version) throw conflict(ctx.locale, MEETING_CHANGED, { currentVersion: locked.version });
        if (fire) await fire(em);
        const resolution = em.create(Resolution, {
          areaId: meeting.areaId,
          meeting: em.getReference(Meeting, meeting.id),
          number: input.number,
          text: input.text,
          votesFor: input.votesFor,
          votesAgainst: input.votesAgainst,
          votesAbstain: input.votesAbstain,
          adopted,
          proposal: input.proposalId ? em.getReference(Proposal, input.proposalId) : null,
          event: input.event ?? null,
          recordedBy: em.getReference(Person, person.id),
        });
        await em.flush();
        return resolution;
      }),
    );
    if (fire && input.proposalId) ctx.loaders.forgetHistory(input.proposalId);
    return recorded;
  }
}
