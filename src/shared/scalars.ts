import { LocalDateResolver } from 'graphql-scalars';

/** A calendar day without time or zone, `YYYY-MM-DD` (due dates, held dates, meeting dates). */
export const LocalDateScalar = LocalDateResolver;
