import { Entity, Enum, Index, ManyToOne, Property } from '@mikro-orm/core';
import { Field, ObjectType, registerEnumType } from 'type-graphql';
import { BaseEntity } from '../../shared/base.entity';
import { LocalDateScalar } from '../../shared/scalars';
import { AccountabilityMoment } from './accountability-moment.entity';

export enum EvidenceKind {
  MINUTES = 'MINUTES',
  REPORT = 'REPORT',
  PUBLICATION = 'PUBLICATION',
  LETTER = 'LETTER',
  ATTENDANCE_LIST = 'ATTENDANCE_LIST',
  DECISION = 'DECISION',
  OTHER = 'OTHER',
}
registerEnumType(EvidenceKind, {
  name: 'EvidenceKind',
  description: 'What kind of document proves the moment.',
  valuesConfig: {
    MINUTES: { description: 'Minutes of the meeting (verslag, notulen).' },
    REPORT: { description: 'A report (rapportage, jaarverslag).' },
    PUBLICATION: { description: 'A publication, e.g. on the website (publicatie).' },
    LETTER: { description: 'A letter or e-mail (brief).' },
    ATTENDANCE_LIST: { description: 'An attendance list (presentielijst).' },
    DECISION: { description: 'A decision (besluit, besluitenlijst).' },
    OTHER: { description: 'Anything else; also evidence registered before kinds were recorded.' },
  },
});

/**
 * A document that proves a moment was held. Add-only: a mistake is corrected by a new entry
 * that supersedes the old one, which stays (the audit trail and earlier answers rely on it).
 */
@ObjectType({ description: 'A document that proves a moment was held (bewijsstuk): minutes, a report, a publication. Never changed or deleted: a correction is a new entry that supersedes it.' })
@Entity()
export class EvidenceDocument extends BaseEntity {
  @ManyToOne(() => AccountabilityMoment)
  moment!: AccountabilityMoment;

  @Field({ description: 'Title, e.g. "Verslag bestuurlijk overleg 12 maart 2026".' })
  @Property({ length: 300 })
  title!: string;

  @Field({ description: 'Where it is: a URL or a document-management reference.' })
  @Property({ length: 500 })
  reference!: string;

  @Field(() => EvidenceKind, { description: 'What kind of document it is.' })
  @Enum({ items: () => EvidenceKind, default: EvidenceKind.OTHER })
  kind: EvidenceKind = EvidenceKind.OTHER;

  @Field(() => LocalDateScalar, {
    nullable: true,
    description: "The document's own date (e.g. of the minutes), which says which audit period it supports; null only for evidence registered before documents were dated.",
  })
  @Property({ type: 'date', nullable: true })
  documentDate?: string | null = null;

  @Field(() => LocalDateScalar, { nullable: true, description: 'First day of the period the document covers (e.g. of a year report); null when it covers no period.' })
  @Property({ type: 'date', nullable: true })
  periodFrom?: string | null = null;

  @Field(() => LocalDateScalar, { nullable: true, description: 'Last day of the period the document covers.' })
  @Property({ type: 'date', nullable: true })
  periodTo?: string | null = null;

  // A plain id, no foreign key: entries are never deleted, the service checks it names one of the
  // same moment, and SQLite could add a foreign key only by rebuilding the table.
  /** The id of the earlier entry of the same moment this one corrects (in the schema through EvidenceDocumentResolver). */
  @Property({ type: 'uuid', nullable: true })
  @Index()
  supersedesId?: string | null = null;
}
