import { Field, ID, Int, ObjectType } from 'type-graphql';
import type { Material } from '../entities/material.entity';

@ObjectType('Material', { description: 'A document of an agenda item or a proposal; the same name again is a new version. Visible to whoever may see the meeting or the proposal.' })
export class MaterialType {
  @Field(() => ID, { description: 'Identifier of this version.' })
  id!: string;

  @Field(() => String, { description: 'File name.' })
  name!: string;

  @Field(() => String, { description: 'Media type, e.g. application/pdf.' })
  mediaType!: string;

  @Field(() => Int, { description: 'Size in bytes.' })
  sizeBytes!: number;

  @Field(() => String, { description: 'SHA-256 of the content, hex.' })
  sha256!: string;

  @Field(() => Int, { description: 'Version of the document of this name, from 1.' })
  version!: number;

  @Field(() => Boolean, {
    description:
      "Attached to an agenda item after the item's materials deadline (the body's materialsLeadDays before the meeting day, Prague calendar days; on the deadline day itself it is on time). Always false for a proposal's documents.",
  })
  late!: boolean;

  @Field(() => Date, { description: 'When this version was uploaded.' })
  uploadedAt!: Date;

  @Field(() => String, { description: 'Path to download the content (GET, with the same token).' })
  downloadPath!: string;

  uploadedById!: string;

  /** The row, for the fields that resolve what it is attached to. */
  entity!: Material;

  static from(this: void, m: Material): MaterialType {
    return Object.assign(new MaterialType(), {
      id: m.id,
      name: m.name,
      mediaType: m.mediaType,
      sizeBytes: m.sizeBytes,
      sha256: m.sha256,
      version: m.version,
      late: m.late,
      uploadedAt: m.createdAt,
      downloadPath: `/materials/${m.id}`,
      uploadedById: m.uploadedBy.id,
      entity: m,
    });
  }
}
