import { Collection, Entity, Enum, OneToMany, Property } from '@mikro-orm/core';
import { Field, ObjectType, registerEnumType } from 'type-graphql';
import { BaseEntity } from '../../shared/base.entity';
import { LocalDateScalar } from '../../shared/scalars';
import { Sector } from '../stakeholder/stakeholder.enums';
import { CodeProvision } from './code-provision.entity';

export enum CodeOrigin {
  CATALOGUE = 'CATALOGUE',
  USER = 'USER',
}
registerEnumType(CodeOrigin, {
  name: 'CodeOrigin',
  description: 'Where a governance code in the register comes from.',
  valuesConfig: {
    CATALOGUE: { description: 'Shipped with the product (summaries in our own words; the source URL has the official text).' },
    USER: { description: 'Added by this organisation, e.g. its own regulations or a code not in the catalogue.' },
  },
});

@ObjectType({
  description:
    'A governance code, law or reporting standard (governancecode, wet, norm), with a tree of provisions. Catalogue texts are summaries, not the official wording.',
})
@Entity()
export class GovernanceCode extends BaseEntity {
  @Field({ description: 'Unique key, e.g. `governancecode-woningcorporaties-2020`.' })
  @Property({ length: 100, unique: true })
  key!: string;

  @Field({ description: 'Title, e.g. "Governancecode Woningcorporaties 2020".' })
  @Property({ length: 200 })
  title!: string;

  @Field({ description: 'Who issued it, e.g. "Aedes en VTW".' })
  @Property({ length: 200 })
  issuer!: string;

  @Field(() => Sector, { description: 'The sector it applies to (GENERAL for cross-sector laws and standards).' })
  @Enum({ items: () => Sector })
  sector: Sector = Sector.GENERAL;

  @Field(() => String, { nullable: true, description: 'Version or edition, e.g. "2020" or "2022".' })
  @Property({ length: 50, nullable: true })
  version?: string | null = null;

  @Field(() => LocalDateScalar, { nullable: true, description: 'The day it took effect (in werking getreden).' })
  @Property({ type: 'date', nullable: true })
  effectiveFrom?: string | null = null;

  @Field(() => String, { nullable: true, description: 'Where the official text is published.' })
  @Property({ length: 500, nullable: true })
  sourceUrl?: string | null = null;

  @Field(() => String, { nullable: true, description: 'What the code is about, in our own words.' })
  @Property({ type: 'text', nullable: true })
  summary?: string | null = null;

  @Field(() => CodeOrigin, { description: 'Shipped catalogue or added by this organisation.' })
  @Enum({ items: () => CodeOrigin })
  origin: CodeOrigin = CodeOrigin.USER;

  @OneToMany(() => CodeProvision, (p) => p.code)
  provisions = new Collection<CodeProvision>(this);
}
