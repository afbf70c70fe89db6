-- The fair PostGraphile baseline (target `postgraphile`, bench/README.md): what the database must do
-- for PostGraphile to answer LIST and DETAIL as the service does. Applied by bench/lib/peer-database.mjs
-- (from bench/run.mjs, before that target starts) as the database owner, again on every run; never by
-- the service. The {{…}} parts are filled from the service's compiled policy and workflows (dist/):
--
-- * a login role without superuser or BYPASSRLS, which PostGraphile connects as (the owner and
--   superusers pass row-level security by);
-- * the viewer's facts from the token's subject (`jwt.claims.sub`, set by PostGraphile from the
--   verified token through pgSettings), as of the day in Prague — the people, roles, seats and
--   delegations the service's viewer loader reads (src/data/viewer.ts);
-- * row-level security on the tables LIST and DETAIL read: proposals under the policy's
--   `proposal.read` row, their history with them, a body's seats under `body.read`;
-- * the stage label and the allowed events as computed columns of `proposal`, and a body's seats
--   held today as a view joined to `body`.

drop function if exists public.proposal_stage_label(public.proposal), public.proposal_available_transitions(public.proposal);
drop view if exists public.active_membership;
drop schema if exists bench_peer cascade;
create schema bench_peer;

do $$
begin
  if not exists (select 1 from pg_roles where rolname = '{{ROLE}}') then
    create role {{ROLE}} login nosuperuser nobypassrls nocreatedb nocreaterole;
  end if;
end
$$;
alter role {{ROLE}} with login password '{{PASSWORD}}' nosuperuser nobypassrls;
grant usage on schema public, bench_peer to {{ROLE}};
grant select on public.proposal, public.body, public.person, public.membership, public.workflow_event to {{ROLE}};

-- ── The viewer ─────────────────────────────────────────────────────────────────────────────
-- Each a SECURITY DEFINER function of the owner: it reads people, roles, seats and delegations
-- whatever the policies below say. Policies call them as `(select bench_peer.f())::uuid[]`, so each
-- runs once per statement (an InitPlan), not once per row.

create function bench_peer.subject() returns text language sql stable as
$$ select nullif(current_setting('jwt.claims.sub', true), '') $$;

-- The service's day: the calendar day in Prague (src/common/dates.ts, pragueDay).
create function bench_peer.today() returns date language sql stable as
$$ select (now() at time zone 'Europe/Prague')::date $$;

create function bench_peer.viewer_is_global_admin() returns boolean language sql stable security definer as
$$ select exists (select 1 from public.global_admin g where g.subject = bench_peer.subject()) $$;

create function bench_peer.viewer_people() returns uuid[] language sql stable security definer as
$$ select coalesce(array_agg(p.id), '{}') from public.person p where p.subject = bench_peer.subject() $$;

create function bench_peer.viewer_person_areas() returns uuid[] language sql stable security definer as
$$ select coalesce(array_agg(distinct p.area_id), '{}') from public.person p where p.subject = bench_peer.subject() $$;

create function bench_peer.viewer_role_areas(roles text[]) returns uuid[] language sql stable security definer as
$$ select coalesce(array_agg(distinct r.area_id), '{}')
     from public.area_role r join public.person p on p.area_id = r.area_id and p.id = r.person_id
    where p.subject = bench_peer.subject() and r.role = any(roles) and r.revoked_at is null
      and r.valid_from <= bench_peer.today() and (r.valid_to is null or r.valid_to >= bench_peer.today()) $$;

-- The viewer's roles today, each as `area:ROLE`.
create function bench_peer.viewer_area_roles() returns text[] language sql stable security definer as
$$ select coalesce(array_agg(r.area_id || ':' || r.role), '{}')
     from public.area_role r join public.person p on p.area_id = r.area_id and p.id = r.person_id
    where p.subject = bench_peer.subject() and r.revoked_at is null
      and r.valid_from <= bench_peer.today() and (r.valid_to is null or r.valid_to >= bench_peer.today()) $$;

create function bench_peer.viewer_seat_areas() returns uuid[] language sql stable security definer as
$$ select coalesce(array_agg(distinct m.area_id), '{}')
     from public.membership m join public.person p on p.area_id = m.area_id and p.id = m.person_id
    where p.subject = bench_peer.subject() and m.valid_from <= bench_peer.today() and (m.valid_to is null or m.valid_to >= bench_peer.today()) $$;

-- Bodies where the viewer holds a seat today of one of `seat_roles`, or a delegation of one of
-- `powers` that stands today: its delegate still sits in the body and the chair it was granted for
-- still chairs it (the viewer loader's rule).
create function bench_peer.viewer_bodies(seat_roles text[], powers text[]) returns uuid[] language sql stable security definer as
$$ select coalesce(array_agg(distinct x.body_id), '{}') from (
     select m.body_id from public.membership m join public.person p on p.area_id = m.area_id and p.id = m.person_id
      where p.subject = bench_peer.subject() and m.role = any(seat_roles)
        and m.valid_from <= bench_peer.today() and (m.valid_to is null or m.valid_to >= bench_peer.today())
     union all
     select d.body_id from public.delegation d join public.person p on p.area_id = d.area_id and p.id = d.delegate_id
      where p.subject = bench_peer.subject() and d.power = any(powers) and d.revoked_at is null
        and d.valid_from <= bench_peer.today() and (d.valid_to is null or d.valid_to >= bench_peer.today())
        and exists (select 1 from public.membership m where m.area_id = d.area_id and m.body_id = d.body_id and m.person_id = d.delegate_id
                      and m.valid_from <= bench_peer.today() and (m.valid_to is null or m.valid_to >= bench_peer.today()))
        and exists (select 1 from public.membership c where c.area_id = d.area_id and c.body_id = d.body_id and c.person_id = d.for_person_id
                      and c.role = 'CHAIR' and c.valid_from <= bench_peer.today() and (c.valid_to is null or c.valid_to >= bench_peer.today()))
   ) x $$;

-- Organisations the viewer represents: their person records' and their seats' of today (authority.ts, representedBy).
create function bench_peer.viewer_organisations() returns uuid[] language sql stable security definer as
$$ select coalesce(array_agg(distinct x.organisation_id), '{}') from (
     select p.organisation_id from public.person p where p.subject = bench_peer.subject() and p.organisation_id is not null
     union all
     select m.organisation_id from public.membership m join public.person p on p.area_id = m.area_id and p.id = m.person_id
      where p.subject = bench_peer.subject() and m.organisation_id is not null
        and m.valid_from <= bench_peer.today() and (m.valid_to is null or m.valid_to >= bench_peer.today())
   ) x $$;

-- ── What the policies and the computed columns read past row-level security ──────────────

-- Whether any of `bodies` handled the proposal (an event of its history names it): the policy's
-- `handledBodies` form (src/auth/resources.ts, PROPOSAL_SQL), here in a SECURITY DEFINER function
-- because the history has a policy of its own that reads proposals.
create function bench_peer.handled_by(area uuid, proposal uuid, bodies uuid[]) returns boolean language sql stable security definer
set search_path = public, pg_temp as
$$ select {{HANDLED_BODIES}} from (select area as area_id, proposal as id) p $$;

-- Triad sides of the body's voting members today who are not erased (src/data/loaders.ts, votingSides).
create function bench_peer.voting_sides(area uuid, body uuid) returns text[] language sql stable security definer as
$$ select coalesce(array_agg(distinct m.triad_side order by m.triad_side), '{}')
     from public.membership m join public.person p on p.area_id = m.area_id and p.id = m.person_id and p.erased_at is null
    where m.area_id = area and m.body_id = body and m.voting_right
      and m.valid_from <= bench_peer.today() and (m.valid_to is null or m.valid_to >= bench_peer.today()) $$;

-- The working group, then each body it reports to, in its area, at most ten (ProposalService.chain).
create function bench_peer.chain(area uuid, working_group uuid) returns table (id uuid, kind text) language sql stable as
$$ with recursive c (id, kind, reports_to_id, depth) as (
     select b.id, b.kind, b.reports_to_id, 1 from public.body b where b.area_id = area and b.id = working_group
     union all
     select b.id, b.kind, b.reports_to_id, c.depth + 1 from c join public.body b on b.area_id = area and b.id = c.reports_to_id where c.depth < 10
   )
   select c.id, c.kind from c order by c.depth $$;

-- A PLAN proposal's hearings: comments without an answer, hearings not yet closed (src/data/loaders.ts,
-- hearingStanding); nothing for other kinds.
create function bench_peer.hearing_standing(proposal uuid, kind text, out unanswered bigint, out open bigint) language sql stable security definer as
$$ select coalesce(max(x.unanswered), 0), coalesce(max(x.open), 0) from (
     select (select count(*) from public.hearing h join public.hearing_comment c on c.area_id = h.area_id and c.hearing_id = h.id
              where h.area_id = pl.area_id and h.plan_id = pl.id and c.decision is null) as unanswered,
            (select count(*) from public.hearing h where h.area_id = pl.area_id and h.plan_id = pl.id and h.closes_at > now()) as open
       from public.plan pl where kind = 'PLAN' and pl.proposal_id = proposal
   ) x $$;

-- Whether a text says anything once invisible characters are removed (src/domain/text.ts,
-- hasVisibleText): the class is every code point of \p{Cf}, \p{Z} and \p{Cc}, listed from Node's Unicode tables.
create function bench_peer.has_visible_text(value text) returns boolean language sql immutable as
$$ select value is not null and regexp_replace(value, '{{INVISIBLE}}', '', 'g') <> '' $$;

-- ── The compiled workflows, as rows (filled by bench/lib/peer-database.mjs) ──────────────

create table bench_peer.workflow_stage (
  workflow_key text, workflow_version int, stage text, label text not null,
  primary key (workflow_key, workflow_version, stage)
);
create table bench_peer.workflow_transition (
  workflow_key text, workflow_version int, from_state text, transition_no int, event text not null, label text not null, target text not null,
  primary key (workflow_key, workflow_version, from_state, transition_no)
);
-- One check per refusal a guard can give, in the order the engine gives them; `text` is the
-- refusal's Czech text as the guard words it ({count}: the number of unanswered comments).
create table bench_peer.transition_check (
  workflow_key text, workflow_version int, transition_no int, check_no int,
  kind text not null check (kind in ('actor', 'title', 'summary', 'side', 'conflict', 'hearing_open', 'hearing_unanswered', 'kind_in', 'kind_not_in')),
  author boolean not null default false, chair_kinds text[] not null default '{}', roles text[] not null default '{}',
  side text, kinds text[] not null default '{}', text text not null,
  primary key (workflow_key, workflow_version, transition_no, check_no)
);
grant select on bench_peer.workflow_stage, bench_peer.workflow_transition, bench_peer.transition_check to {{ROLE}};

create type bench_peer.transition_option as (event text, label text, target text, allowed boolean, reasons text[]);

-- ── Computed columns: Proposal.stageLabel and Proposal.availableTransitions ───────────────

create function public.proposal_stage_label(p public.proposal) returns text language sql stable as
$$ select coalesce((select s.label from bench_peer.workflow_stage s
                     where s.workflow_key = p.workflow_key and s.workflow_version = p.workflow_version and s.stage = p.state), p.state) $$;
comment on function public.proposal_stage_label(public.proposal) is 'Label of the current stage (Czech).';

-- Every event of the current stage, with the reasons the viewer cannot fire it now (none: allowed),
-- judged on the facts the service judges: the viewer as the author, the chairs they hold on the
-- chain, their roles in the area, the working group's voting sides, a conflict of interest, the
-- title and summary, the kind, a plan's hearings. A reason or resolution number is never a refusal
-- here (the service judges `availableTransitions` with them "typed when firing").
create function public.proposal_available_transitions(p public.proposal) returns setof bench_peer.transition_option language sql stable as
$$ with f as materialized (
     select p.author_id = any((select bench_peer.viewer_people())::uuid[]) as is_author,
            array(select c.kind from bench_peer.chain(p.area_id, p.working_group_id) c
                   where c.id = any((select bench_peer.viewer_bodies('{CHAIR}', '{CHAIR}'))::uuid[])) as chair_kinds,
            array(select split_part(r, ':', 2) from unnest((select bench_peer.viewer_area_roles())::text[]) r
                   where split_part(r, ':', 1) = p.area_id::text) as roles,
            bench_peer.voting_sides(p.area_id, p.working_group_id) as sides,
            coalesce(p.concerned_organisation_id = any((select bench_peer.viewer_organisations())::uuid[]), false) as conflict,
            bench_peer.has_visible_text(p.title) as has_title,
            bench_peer.has_visible_text(p.summary) as has_summary,
            h.unanswered, h.open
       from bench_peer.hearing_standing(p.id, p.kind) h
      where exists (select 1 from bench_peer.workflow_transition t
                     where t.workflow_key = p.workflow_key and t.workflow_version = p.workflow_version and t.from_state = p.state)
   )
   select t.event, t.label, t.target, cardinality(r.reasons) = 0, r.reasons
     from f
     join bench_peer.workflow_transition t on t.workflow_key = p.workflow_key and t.workflow_version = p.workflow_version and t.from_state = p.state
     cross join lateral (
       select coalesce(array_agg(replace(c.text, '{count}', f.unanswered::text) order by c.check_no), '{}') as reasons
         from bench_peer.transition_check c
        where c.workflow_key = t.workflow_key and c.workflow_version = t.workflow_version and c.transition_no = t.transition_no
          and case c.kind
                when 'actor' then not ((c.author and f.is_author) or c.chair_kinds && f.chair_kinds or c.roles && f.roles)
                when 'title' then not f.has_title
                when 'summary' then not f.has_summary
                when 'side' then not (c.side = any(f.sides))
                when 'conflict' then f.conflict
                when 'hearing_open' then f.open > 0
                when 'hearing_unanswered' then f.unanswered > 0
                when 'kind_in' then p.kind = any(c.kinds)
                when 'kind_not_in' then not (p.kind = any(c.kinds))
              end
     ) r
    order by t.transition_no $$;
comment on function public.proposal_available_transitions(public.proposal) is 'What the viewer can do now: every event of the current stage, allowed or with the reasons.';

-- A body's seats held today (Body.activeMemberships, as the service's `memberships(activeOnly: true)`),
-- in the service's order (src/services/membership.service.ts: role, then since when, then id): a
-- view that runs as the one asking (security_invoker), so the seats' policy below applies, with the
-- keys PostGraphile needs to join it into the same statement as the rest of DETAIL.
create view public.active_membership with (security_invoker = true) as
  select m.*, array_position('{CHAIR,DEPUTY,SECRETARY,MEMBER,GUEST}'::text[], m.role) as role_order
    from public.membership m
   where m.valid_from <= bench_peer.today() and (m.valid_to is null or m.valid_to >= bench_peer.today());
comment on view public.active_membership is E'@primaryKey area_id,id\n@foreignKey (area_id, body_id) references public.body (area_id, id)|@foreignFieldName activeMemberships\n@foreignKey (area_id, person_id) references public.person (area_id, id)';
grant select on public.active_membership to {{ROLE}};

-- ── Row-level security ─────────────────────────────────────────────────────────────────────
-- Policies for the baseline's role only: the service connects as the owner, which they never bind.

alter table public.proposal enable row level security;
drop policy if exists bench_peer_read on public.proposal;
-- The policy's `proposal.read` row (src/auth/policy.ts) in its SQL form (src/auth/resources.ts,
-- PROPOSAL_SQL), the viewer's ids read by the functions above.
create policy bench_peer_read on public.proposal for select to {{ROLE}} using ({{PROPOSAL_READ}});

alter table public.workflow_event enable row level security;
drop policy if exists bench_peer_read on public.workflow_event;
-- A proposal's history is read with the proposal.
create policy bench_peer_read on public.workflow_event for select to {{ROLE}}
  using (exists (select 1 from public.proposal p where p.area_id = workflow_event.area_id and p.id = workflow_event.proposal_id));

alter table public.membership enable row level security;
drop policy if exists bench_peer_read on public.membership;
-- A body's seats under the policy's `body.read` row (src/resolvers/body.resolver.ts shows them only then).
create policy bench_peer_read on public.membership for select to {{ROLE}} using ({{MEMBERSHIP_READ}});
