-- Integration plane (issue 4): fair cross-tenant claiming of actions and the console POS
-- board. Reviewed exception to tenant isolation: docs/adr/0007-fair-cross-tenant-dispatch.md.

-- ─── Indexes the claim function walks ─────────────────────────────────────────────────────
-- Ready work per queue and tenant: the loose index scan over tenants and the per-tenant pick
-- (oldest due first) both read this index in order.
create index actions_ready_by_tenant on actions (queue, tenant_id, next_attempt_at)
  where status in ('PENDING', 'RETRYING');
-- Leases of crashed workers, per queue.
create index actions_lease_by_queue on actions (queue, locked_until) where status = 'DISPATCHED';

-- ─── Console POS: the orders board inside Voxeron (the built-in POS target) ───────────────
create table pos_orders (
  tenant_id       uuid not null references tenants (id),
  id              uuid not null,
  location_id     uuid not null,
  -- The action's idempotency key: one order per key, whatever the number of attempts.
  idempotency_key text not null check (length(idempotency_key) between 8 and 200),
  order_reference text not null,
  order_draft     jsonb not null,
  status          text not null default 'open' check (status in ('open', 'ready', 'completed', 'canceled')),
  created_at      timestamptz not null default now(),
  primary key (tenant_id, id),
  unique (tenant_id, idempotency_key),
  foreign key (tenant_id, location_id) references tenant_locations (tenant_id, id)
);
alter table pos_orders enable row level security;
alter table pos_orders force row level security;
create policy tenant_isolation on pos_orders
  using (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid)
  with check (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid);
grant select, insert, update on pos_orders to voxeron_app;

-- ─── The claim's way through RLS ──────────────────────────────────────────────────────────
-- claim_actions runs as the owner of this schema. A superuser owner bypasses RLS anyway; a
-- non-superuser owner is bound by FORCE RLS, so it gets this policy: only its own role, and
-- only while `voxeron.dispatcher_claim` is 'on' — which the function's SET clause does for
-- the function's duration and nothing else does. voxeron_app is not the owner (and is
-- NOINHERIT), so setting the variable itself gains it nothing.
do $$
declare
  t text;
begin
  foreach t in array array['actions', 'events', 'event_streams'] loop
    execute format(
      'create policy dispatcher_claim on %I to %I
         using (current_setting(''voxeron.dispatcher_claim'', true) = ''on'')
         with check (current_setting(''voxeron.dispatcher_claim'', true) = ''on'')',
      t, current_user);
  end loop;
end $$;

-- Claims up to p_limit ready actions of one queue across all tenants, fairly, and leases them
-- to p_worker for p_lease_ms. Ready: PENDING or RETRYING and due, or DISPATCHED with an
-- expired lease (its worker died: the outcome of that attempt is unknown, the caller must
-- reconcile before resending; `lease_expired` says so). Fairness: tenants with ready work
-- are found by a loose index scan starting at a random tenant id (wrapping around), each
-- tenant's oldest due actions are ranked 1, 2, 3…, and the batch takes rank 1 of every tenant
-- before rank 2 of any — so 10,000 actions of one tenant never delay another tenant's one.
-- Rows another worker holds are skipped (SKIP LOCKED), never waited for.
-- Each move is recorded as ActionStateChanged (v1 payload) in the same statement: a taken-over
-- lease as fail → schedule_retry → dispatch, a fresh claim as dispatch. Events are inserted in
-- tenant order, so concurrent claimers lock event streams in one order (no deadlock), and the
-- stream locks are taken last, just before commit. The caller checks every move against the
-- state machine (transition()) before it commits.
create function claim_actions(
  p_queue text,
  p_worker text,
  p_limit integer,
  p_lease_ms integer,
  p_skip_tenants uuid[] default '{}'
)
returns table (
  tenant_id uuid,
  id uuid,
  type text,
  previous_status text,
  attempt integer,
  max_attempts integer,
  payload jsonb,
  idempotency_key text,
  correlation_id uuid,
  session_id uuid,
  lease_expired boolean,
  locked_until timestamptz,
  created_at timestamptz,
  last_error jsonb
)
language plpgsql volatile security definer
set search_path = public, pg_temp
set voxeron.dispatcher_claim = 'on'
as $$
#variable_conflict use_column
declare
  v_pivot uuid := gen_random_uuid();
  -- Tenants looked at per claim: bounds the scan; the random pivot rotates who is first.
  v_max_tenants constant integer := 1000;
begin
  if p_queue is null or p_queue not in ('pos', 'printer', 'messaging', 'webhook') then
    raise exception 'claim_actions: unknown queue %', p_queue using errcode = 'invalid_parameter_value';
  end if;
  if p_worker is null or length(p_worker) not between 1 and 200 then
    raise exception 'claim_actions: worker id must be 1..200 characters' using errcode = 'invalid_parameter_value';
  end if;
  if p_limit is null or p_limit not between 1 and 1000 then
    raise exception 'claim_actions: limit must be 1..1000' using errcode = 'invalid_parameter_value';
  end if;
  if p_lease_ms is null or p_lease_ms not between 100 and 3600000 then
    raise exception 'claim_actions: lease must be 100..3600000 ms' using errcode = 'invalid_parameter_value';
  end if;

  return query
  with recursive
  upper_tenants (tenant_id, n) as (
    (select a.tenant_id, 1 from actions a
      where a.queue = p_queue and a.status in ('PENDING', 'RETRYING') and a.next_attempt_at <= now()
        and a.tenant_id >= v_pivot
      order by a.tenant_id limit 1)
    union all
    select (select a.tenant_id from actions a
             where a.queue = p_queue and a.status in ('PENDING', 'RETRYING') and a.next_attempt_at <= now()
               and a.tenant_id > u.tenant_id
             order by a.tenant_id limit 1),
           u.n + 1
    from upper_tenants u where u.tenant_id is not null and u.n < v_max_tenants
  ),
  lower_tenants (tenant_id, n) as (
    (select a.tenant_id, 1 from actions a
      where a.queue = p_queue and a.status in ('PENDING', 'RETRYING') and a.next_attempt_at <= now()
        and a.tenant_id < v_pivot
      order by a.tenant_id limit 1)
    union all
    select (select a.tenant_id from actions a
             where a.queue = p_queue and a.status in ('PENDING', 'RETRYING') and a.next_attempt_at <= now()
               and a.tenant_id > l.tenant_id and a.tenant_id < v_pivot
             order by a.tenant_id limit 1),
           l.n + 1
    from lower_tenants l where l.tenant_id is not null and l.n < v_max_tenants
  ),
  ready_tenants as (
    select r.tenant_id from (
      select u.tenant_id, u.n as ord from upper_tenants u
      union all
      select l.tenant_id, l.n + v_max_tenants from lower_tenants l
    ) r
    where r.tenant_id is not null and not (r.tenant_id = any (p_skip_tenants))
    order by r.ord limit v_max_tenants
  ),
  -- Each tenant's share of the batch, locked right away so that concurrent claimers move on
  -- to other rows instead of colliding on the same oldest ones.
  tenant_share as (
    select greatest(1, ceil(p_limit::numeric / greatest(count(*), 1)))::integer as k
    from ready_tenants
  ),
  candidates as (
    select c.tenant_id, c.id, c.status, c.due_at from ready_tenants t
    cross join lateral (
      select a.tenant_id, a.id, a.status, a.next_attempt_at as due_at
      from actions a
      where a.queue = p_queue and a.tenant_id = t.tenant_id
        and a.status in ('PENDING', 'RETRYING') and a.next_attempt_at <= now()
      order by a.next_attempt_at, a.id
      limit (select k from tenant_share)
      for update of a skip locked
    ) c
    union all
    select e.tenant_id, e.id, e.status, e.due_at from (
      select a.tenant_id, a.id, a.status, a.locked_until as due_at from actions a
      where a.queue = p_queue and a.status = 'DISPATCHED' and a.locked_until < now()
        and not (a.tenant_id = any (p_skip_tenants))
      order by a.locked_until, a.id limit p_limit
      for update of a skip locked
    ) e
  ),
  -- Round robin: every tenant's first action before any tenant's second.
  chosen as (
    select r.tenant_id, r.id, r.status as previous_status from (
      select c.*, row_number() over (partition by c.tenant_id order by c.due_at, c.id) as rank_in_tenant
      from candidates c
    ) r
    order by r.rank_in_tenant, random() limit p_limit
  ),
  claimed as (
    update actions a
       set status = 'DISPATCHED',
           attempt = a.attempt + 1,
           locked_by = p_worker,
           locked_until = now() + p_lease_ms * interval '1 millisecond',
           updated_at = now()
      from chosen l
     where a.tenant_id = l.tenant_id and a.id = l.id
    returning a.tenant_id, a.id, a.type, l.previous_status, a.attempt, a.max_attempts, a.payload,
              a.idempotency_key, a.correlation_id, a.session_id,
              l.previous_status = 'DISPATCHED' as lease_expired, a.locked_until, a.created_at,
              a.last_error
  ),
  moves (step, event, from_status, to_status, reason, for_expired) as (
    values
      (1, 'fail', 'DISPATCHED', 'FAILED', 'lease_expired: the worker stopped mid-attempt; outcome unknown, reconciling', true),
      (2, 'schedule_retry', 'FAILED', 'RETRYING', 'lease_expired: the worker stopped mid-attempt; outcome unknown, reconciling', true),
      (3, 'dispatch', null, 'DISPATCHED', null, null)
  ),
  recorded as (
    insert into events (tenant_id, id, type, version, session_id, correlation_id, occurred_at, payload)
    select c.tenant_id, gen_random_uuid(), 'ActionStateChanged', 1, c.session_id, c.correlation_id,
           now(),
           jsonb_build_object(
             'action_id', c.id, 'action_type', c.type,
             'from', case when m.step = 3 then (case when c.lease_expired then 'RETRYING' else c.previous_status end) else m.from_status end,
             'event', m.event, 'to', m.to_status, 'actor', 'system', 'reason', m.reason,
             'attempt', case when m.step = 3 then c.attempt else c.attempt - 1 end)
    from claimed c join moves m on m.for_expired is null or m.for_expired = c.lease_expired
    order by c.tenant_id, c.id, m.step
  )
  select c.tenant_id, c.id, c.type, c.previous_status, c.attempt, c.max_attempts, c.payload,
         c.idempotency_key, c.correlation_id, c.session_id, c.lease_expired, c.locked_until,
         c.created_at, c.last_error
  from claimed c;
end $$;
revoke all on function claim_actions(text, text, integer, integer, uuid[]) from public;
grant execute on function claim_actions(text, text, integer, integer, uuid[]) to voxeron_app;
