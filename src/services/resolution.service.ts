import type { RequestContext } from '../context';
import { AgendaItem } from '../entities/agenda-item.entity';
import { MeetingStatus } from '../entities/enums';
import { authorize } from '../auth/authority';
import { bodyResource } from '../auth/resources';
import { Meeting } from '../entities/meeting.entity';
import { Person } from '../entities/person.entity';
import { Proposal } from '../entities/proposal.entity';
import { Resolution } from '../entities/resolution.entity';
import { badInput, conflict } from '../errors/app-errors';
import type { RecordResolutionInput } from '../schema/meeting.input';
import { MeetingService } from './meeting.service';
import { ProposalService } from './proposal.service';
import { uniqueOrConflict } from './unique';

const DECIDED = [MeetingStatus.HELD, MeetingStatus.MINUTES_DRAFTED, MeetingStatus.MINUTES_VERIFIED, MeetingStatus.MINUTES_DISTRIBUTED];

/** Resolutions of meetings; an adopted one about a proposal moves it, in the same transaction. */
export class ResolutionService {
  private readonly meetings = new MeetingService();
  private readonly proposals = new ProposalService();

  async ofMeeting(ctx: RequestContext, meeting: Meeting): Promise<Resolution[]> {
    return ctx.loaders.childrenOf(Resolution, 'meeting', { createdAt: 'asc', id: 'asc' }).load(meeting.id);
  }

  async record(ctx: RequestContext, input: RecordResolutionInput): Promise<Resolution> {
    const meeting = await this.meetings.get(ctx, input.meetingId);
    const body = (await ctx.loaders.bodyById.load(meeting.body.id))!;
    authorize(ctx, 'meeting.recordResolution', bodyResource(body), 'Meeting', meeting.id);
    const person = ctx.viewer.personIn(meeting.areaId) as Person;
    if (!DECIDED.includes(meeting.status)) {
      throw conflict(ctx.locale, { cs: 'Usnesení se zapisuje po konání jednání.', en: 'Resolutions are recorded once the meeting has been held.' });
    }
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
    const adopted = quorum.reached && input.votesFor * 2 > quorum.presentVoting;
    const sides = (await this.meetings.triadRepresentation(ctx, meeting)).present;

    return uniqueOrConflict(ctx, { cs: 'Usnesení s tímto číslem už jednání má.', en: 'The meeting already has a resolution of this number.' }, 'number', () =>
      ctx.em.transactional(async (em) => {
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
        if (adopted && input.proposalId && input.event) {
          const proposal = await this.proposals.get(ctx, input.proposalId);
          await this.proposals.transition(
            ctx,
            { proposalId: proposal.id, event: input.event, expectedVersion: proposal.version, reason: input.reason ?? null, resolutionNumber: input.number },
            { em, meetingId: meeting.id, bodyId: body.id, votingSides: sides },
          );
        }
        return resolution;
      }),
    );
  }
}
