import { Entity, ManyToOne, Property, type Opt, type Rel } from '@mikro-orm/core';
import { AgendaItem } from './agenda-item.entity';
import { AreaOwnedEntity } from './area-owned.entity';
import { Person } from './person.entity';
import { Proposal } from './proposal.entity';

/** A document attached to an agenda item or a proposal; the same name again is a new version. */
@Entity({ tableName: 'material' })
export class Material extends AreaOwnedEntity {
  @ManyToOne(() => AgendaItem, { fieldName: 'agenda_item_id', nullable: true })
  agendaItem: Rel<AgendaItem> | null = null;

  @ManyToOne(() => Proposal, { fieldName: 'proposal_id', nullable: true })
  proposal: Rel<Proposal> | null = null;

  @Property({ type: 'text' })
  name!: string;

  @Property({ type: 'text' })
  mediaType!: string;

  @Property({ type: 'integer' })
  sizeBytes!: number;

  @Property({ type: 'text' })
  sha256!: string;

  /** Loaded only for downloads. */
  @Property({ type: 'blob', lazy: true })
  content!: Buffer;

  @Property({ type: 'integer' })
  version!: number;

  /** Attached to an agenda item after the item's materials deadline (the body's materialsLeadDays before the meeting day, Prague). */
  @Property({ type: 'boolean' })
  late: Opt<boolean> = false;

  @ManyToOne(() => Person, { fieldName: 'uploaded_by_id' })
  uploadedBy!: Rel<Person>;
}
