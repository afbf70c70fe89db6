import { createHash } from 'node:crypto';
import type { RequestContext } from '../context';
import { AgendaItem } from '../entities/agenda-item.entity';
import { materialsLate } from '../domain/meeting-record';
import { authorize, can } from '../auth/authority';
import type { Resource } from '../auth/conditions';
import type { Body } from '../entities/body.entity';
import { bodyResource, proposalResource } from '../auth/resources';
import { Material } from '../entities/material.entity';
import { Person } from '../entities/person.entity';
import { Proposal } from '../entities/proposal.entity';
import { badInput, conflict, notFound, requireId } from '../errors/app-errors';
import type { MeetingService } from './meeting.service';
import type { ProposalService } from './proposal.service';

/** Media types accepted, with the leading bytes a real file of that type starts with (none: text). */
const MEDIA_TYPES: Record<string, Buffer[] | null> = {
  'application/pdf': [Buffer.from('%PDF-')],
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document': [Buffer.from('PK\u0003\u0004', 'latin1')],
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': [Buffer.from('PK\u0003\u0004', 'latin1')],
  'application/vnd.openxmlformats-officedocument.presentationml.presentation': [Buffer.from('PK\u0003\u0004', 'latin1')],
  'application/vnd.oasis.opendocument.text': [Buffer.from('PK\u0003\u0004', 'latin1')],
  'application/vnd.oasis.opendocument.spreadsheet': [Buffer.from('PK\u0003\u0004', 'latin1')],
  'application/msword': [Buffer.from([0xd0, 0xcf, 0x11, 0xe0])],
  'application/vnd.ms-excel': [Buffer.from([0xd0, 0xcf, 0x11, 0xe0])],
  'image/png': [Buffer.from([0x89, 0x50, 0x4e, 0x47])],
  'image/jpeg': [Buffer.from([0xff, 0xd8, 0xff])],
  'text/plain': null,
  'text/csv': null,
  'text/markdown': null,
};

export const ACCEPTED_MEDIA_TYPES = Object.keys(MEDIA_TYPES);

export interface MaterialUpload {
  agendaItemId?: string | null;
  proposalId?: string | null;
  name: string;
  mediaType: string;
  content: Buffer;
}

/** Documents of agenda items and proposals: visible to whoever may see the meeting or the proposal. */
export class MaterialService {
  constructor(private readonly meetings: MeetingService, private readonly proposals: ProposalService) {}

  /** Checks the viewer may see the material's owner; NOT_FOUND otherwise. */
  async get(ctx: RequestContext, id: string): Promise<Material> {
    requireId(ctx.locale, 'id', id);
    const material = await ctx.em.findOne(Material, { id });
    if (!material) throw notFound(ctx.locale, 'Material', id);
    try {
      if (material.agendaItem) {
        const item = await ctx.em.findOneOrFail(AgendaItem, { id: material.agendaItem.id });
        await this.meetings.get(ctx, item.meeting.id);
      } else if (material.proposal) {
        await this.proposals.get(ctx, material.proposal.id);
      }
    } catch {
      throw notFound(ctx.locale, 'Material', id);
    }
    return material;
  }

  async content(ctx: RequestContext, id: string): Promise<Material> {
    const material = await this.get(ctx, id);
    await ctx.em.populate(material, ['content']);
    return material;
  }

  /** An agenda item as meeting.attachMaterial judges it: its meeting's body and its presenter. */
  private itemResource(body: Body, item: AgendaItem): Resource {
    return bodyResource(body, { presenterId: item.presenter?.id ?? null });
  }

  /** Whether the viewer may attach materials to the item (meeting.attachMaterial). */
  mayAttachToItem(ctx: RequestContext, body: Body, item: AgendaItem): boolean {
    return can(ctx.viewer, 'meeting.attachMaterial', this.itemResource(body, item));
  }

  /** By name (case-insensitive, Czech order), then version. */
  private sorted(rows: Material[]): Material[] {
    return [...rows].sort((a, b) => a.name.localeCompare(b.name, 'cs', { sensitivity: 'base' }) || a.version - b.version);
  }

  /** The agenda item a material is attached to, or null when the viewer may not see its meeting. */
  async agendaItemOf(ctx: RequestContext, material: Material): Promise<AgendaItem | null> {
    if (!material.agendaItem) return null;
    const item = await ctx.em.findOne(AgendaItem, { id: material.agendaItem.id });
    if (!item) return null;
    const seen = await this.meetings.get(ctx, item.meeting.id).then(
      () => true,
      () => false,
    );
    return seen ? item : null;
  }

  /** The proposal a material is attached to, or null when the viewer may not see it. */
  async proposalOf(ctx: RequestContext, material: Material): Promise<Proposal | null> {
    return material.proposal ? this.proposals.get(ctx, material.proposal.id).catch(() => null) : null;
  }

  async ofAgendaItem(ctx: RequestContext, itemId: string): Promise<Material[]> {
    return this.sorted(await ctx.loaders.childrenOf(Material, 'agendaItem', { id: 'asc' }).load(itemId));
  }

  async ofProposal(ctx: RequestContext, proposalId: string): Promise<Material[]> {
    return this.sorted(await ctx.loaders.childrenOf(Material, 'proposal', { id: 'asc' }).load(proposalId));
  }

  private check(ctx: RequestContext, upload: MaterialUpload, maxBytes: number): void {
    const problems: Array<{ field: string; text: { cs: string; en: string } }> = [];
    if (Boolean(upload.agendaItemId) === Boolean(upload.proposalId)) {
      problems.push({ field: 'agendaItemId', text: { cs: 'Uveďte bod programu, nebo návrh.', en: 'Give either an agenda item or a proposal.' } });
    }
    // No control characters, path separators, or bidirectional overrides that show "zapis_‮fdp.bat" as "zapis_tab.pdf".
    if (!upload.name.trim() || upload.name.length > 200 || /[\u0000-\u001f\u007f/\\\u202a-\u202e\u2066-\u2069\u200e\u200f]/.test(upload.name)) {
      problems.push({ field: 'name', text: { cs: 'Neplatný název souboru.', en: 'Invalid file name.' } });
    }
    const signatures = MEDIA_TYPES[upload.mediaType];
    if (signatures === undefined) {
      problems.push({ field: 'mediaType', text: { cs: `Nepovolený typ souboru; povolené: ${ACCEPTED_MEDIA_TYPES.join(', ')}.`, en: `Media type not accepted; accepted: ${ACCEPTED_MEDIA_TYPES.join(', ')}.` } });
    } else if (signatures && !signatures.some((sig) => upload.content.subarray(0, sig.length).equals(sig))) {
      problems.push({ field: 'mediaType', text: { cs: 'Obsah souboru neodpovídá jeho typu.', en: 'The content does not match the media type.' } });
    } else if (!signatures && upload.content.includes(0)) {
      problems.push({ field: 'mediaType', text: { cs: 'Textový soubor obsahuje binární data.', en: 'A text file contains binary data.' } });
    }
    if (upload.content.length === 0 || upload.content.length > maxBytes) {
      problems.push({ field: 'content', text: { cs: `Soubor musí mít 1 až ${maxBytes} bajtů.`, en: `The file must have 1 to ${maxBytes} bytes.` } });
    }
    if (problems.length) throw badInput(ctx.locale, problems);
  }

  async attach(ctx: RequestContext, upload: MaterialUpload, maxBytes: number): Promise<Material> {
    this.check(ctx, upload, maxBytes);
    let areaId: string;
    let late = false;
    if (upload.agendaItemId) {
      requireId(ctx.locale, 'agendaItemId', upload.agendaItemId);
      const item = await ctx.em.findOne(AgendaItem, { id: upload.agendaItemId });
      if (!item) throw notFound(ctx.locale, 'AgendaItem', upload.agendaItemId);
      const meeting = await this.meetings.get(ctx, item.meeting.id);
      const body = (await ctx.loaders.bodyById.load(meeting.body.id))!;
      // Not to a cancelled meeting; verified minutes close the meeting's record, its documents with it.
      this.meetings.refuseChange(ctx, meeting, 'attachItemMaterial');
      areaId = meeting.areaId;
      authorize(ctx, 'meeting.attachMaterial', this.itemResource(body, item), 'AgendaItem', item.id);
      // Late when attached after the item's materials deadline, counted in Prague calendar days (on the day itself: on time).
      late = materialsLate(ctx.today, this.meetings.materialsDeadline(meeting, body));
    } else {
      const proposal = await this.proposals.get(ctx, upload.proposalId as string);
      areaId = proposal.areaId;
      // A decided proposal's documents are the record of what was decided.
      if (this.proposals.isDecided(proposal)) {
        throw conflict(ctx.locale, { cs: 'O návrhu je rozhodnuto; jeho podklady jsou uzavřeny.', en: 'The proposal is decided; its documents are closed.' });
      }
      authorize(ctx, 'proposal.attachMaterial', proposalResource(proposal), 'Proposal', proposal.id);
    }
    const person = ctx.viewer.personIn(areaId) as Person;
    return ctx.em.transactional(async (em) => {
      const target = upload.agendaItemId ? { agendaItem: upload.agendaItemId } : { proposal: upload.proposalId as string };
      const previous = (await em.find(Material, { ...target, areaId }, { fields: ['name', 'version'] })).filter(
        (m) => m.name.toLocaleLowerCase('cs') === upload.name.toLocaleLowerCase('cs'),
      );
      const material = em.create(Material, {
        areaId,
        agendaItem: upload.agendaItemId ? em.getReference(AgendaItem, upload.agendaItemId) : null,
        proposal: upload.proposalId ? em.getReference(Proposal, upload.proposalId) : null,
        name: upload.name.normalize('NFC'),
        mediaType: upload.mediaType,
        sizeBytes: upload.content.length,
        sha256: createHash('sha256').update(upload.content).digest('hex'),
        content: upload.content,
        version: Math.max(0, ...previous.map((m) => m.version)) + 1,
        late,
        uploadedBy: em.getReference(Person, person.id),
      });
      await em.flush();
      return material;
    });
  }
}
