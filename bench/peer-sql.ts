// What PostGraphile needs to answer the register's pages as our API does, created in the
// bench's scratch database only (never a migration): STABLE SQL functions that PostGraphile
// exposes as computed columns, each with our API's rule and order.
//
// - contacts: active ones by name in our order. Ours sorts with JavaScript's localeCompare
//   (ICU); the database's collation here is C, so the function sorts with ICU's root
//   collation ("und-x-icu") to give the same order.
// - currentAssessment: the latest non-archived assessment on or before today, ties by the
//   later created_at (salience.ts `currentOf`).
// - interests, goals, interactions: active ones, latest day first, ties by id, as the
//   stakeholder resolver's field resolvers sort them; `first` is PostGraphile's.
export const PEER_FUNCTIONS_SQL = `
create function stakeholder_active_contacts(s stakeholder) returns setof contact_person
  language sql stable as $$
  select c.* from contact_person c where c.stakeholder_id = s.id and c.archived_at is null
  order by c.name collate "und-x-icu", c.id
$$;
create function stakeholder_current_assessment(s stakeholder) returns stakeholder_assessment
  language sql stable as $$
  select a.* from stakeholder_assessment a
  where a.stakeholder_id = s.id and a.archived_at is null and a.assessed_on <= current_date
  order by a.assessed_on desc, a.created_at desc
  limit 1
$$;
create function stakeholder_active_interests(s stakeholder) returns setof interest
  language sql stable as $$
  select i.* from interest i where i.stakeholder_id = s.id and i.archived_at is null
  order by i.identified_on desc, i.id
$$;
create function stakeholder_active_goals(s stakeholder) returns setof strategic_goal
  language sql stable as $$
  select g.* from strategic_goal g join strategic_goal_stakeholders gs on gs.strategic_goal_id = g.id
  where gs.stakeholder_id = s.id and g.archived_at is null
  order by g.period_start desc, g.id
$$;
create function stakeholder_latest_interactions(s stakeholder) returns setof interaction
  language sql stable as $$
  select i.* from interaction i join interaction_stakeholders x on x.interaction_id = i.id
  where x.stakeholder_id = s.id and i.archived_at is null
  order by i.occurred_on desc, i.id
$$;
`;
